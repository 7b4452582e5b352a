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
            throw TakeCommand.unknownQuiz(self.quiz, in: context.library)
        }
        let (pack, plan) = try context.library.draw(
            quiz, of: indexed, seed: seed ?? UInt64.random(in: 0...UInt64.max))
        try QuizRunner(context: context, answersFile: answers, json: json)
            .start(pack: pack, quiz: quiz, plan: plan, timedPractice: timed)
    }

    /// No quiz by that name: a pack id gets that pack's quizzes, anything else the closest quiz id.
    static func unknownQuiz(_ name: String, in library: PackLibrary) -> CommandFailure {
        if let pack = library.newestIndexedPacks.first(where: { $0.header.id == name }) {
            let quizzes = pack.header.quizzes.map(\.id)
            return CommandFailure("\(CommandFailure.quote(name)) is a pack, not a quiz; take one of its quizzes: "
                + quizzes.joined(separator: ", ") + " (or 'practice \(pack.header.id)').")
        }
        let known = library.newestIndexedPacks.flatMap { $0.header.quizzes.map(\.id) }
        return CommandFailure.unknown("quiz", name, among: known, otherwise: "'attest packs' lists the quizzes.")
    }
}
