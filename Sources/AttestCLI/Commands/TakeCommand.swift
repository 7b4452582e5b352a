import ArgumentParser
import AttestCore
import Foundation

/// `take QUIZ`: sit a quiz of a pack, in the mode the pack gives it.
struct TakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "take",
        abstract: "Take a quiz (exams are timed and count for credentials).",
        discussion: """
            Answer with letters (b; a,c; c a d b), t/f, text or a number. In-quiz commands start with a colon: \
            :skip :back :flag :review :time :help :quit. Every answer is saved before the next question; if \
            Attest is closed, start it again to resume (an exam's clock keeps running meanwhile).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The quiz id (or packId/quizId); 'attest packs' lists them.", valueName: "quiz"))
    var quiz: String

    @Option(help: "Seed for drawing and shuffling; the same seed reproduces the quiz exactly.")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Read answers from a file, one per line, instead of the keyboard.", valueName: "file"))
    var answers: String?

    @Flag(help: "Print the result as JSON (for scripts) instead of the questions and results.")
    var json = false

    @Flag(help: "Apply time limits to a practice quiz too.")
    var timed = false

    func run() throws {
        let context = global.context()
        // Opened first so the library can find the packs it has seen (and compiled) in it.
        _ = try? context.store()
        guard let (indexed, quiz) = context.library.indexedQuiz(self.quiz) else {
            let known = context.library.newestIndexedPacks.flatMap { $0.header.quizzes.map(\.id) }
            var message = "No quiz '\(self.quiz)'."
            if let suggestion = Suggestion.closest(to: self.quiz, in: known) {
                message += " Did you mean '\(suggestion)'?"
            } else {
                message += " 'attest packs' lists the quizzes."
            }
            throw ValidationError(message)
        }
        let (pack, plan) = try context.library.draw(
            quiz, of: indexed, seed: seed ?? UInt64.random(in: 0...UInt64.max))
        try QuizRunner(context: context, answersFile: answers, json: json)
            .start(pack: pack, quiz: quiz, plan: plan, timedPractice: timed)
    }
}
