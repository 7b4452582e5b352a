import ArgumentParser
import AttestCore
import Foundation

/// `pack preview PATH|ID`: each question exactly as a learner sees it, with the key and explanation for the author.
struct PackPreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show questions as a learner will see them, with the answer and explanation marked for the author."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A pack file or the id of an available pack.", valueName: "pack"))
    var pack: String

    @Option(help: ArgumentHelp("Only this question.", valueName: "id"))
    var question: String?

    @Option(help: "Seed for the option order shown (learners each get their own).")
    var seed: UInt64 = 1

    @Flag(help: "Also show sealed (exam-only) questions: for instructors, never for learners.")
    var includeSealed = false

    func run() throws {
        let context = global.context()
        let loaded = try PackArgument(context: context).load(self.pack)
        // Parameterised questions show the instance `--seed` draws.
        let pack = loaded.instantiated(seed: seed, questionIDs: loaded.questions.map(\.id))
        var ids = pack.questions.filter { includeSealed || !$0.pool.isSealed }.map(\.id)
        if let question {
            if pack.question(question)?.pool.isSealed == true, !includeSealed {
                throw ValidationError("Question '\(question)' is sealed (exam-only); add --include-sealed to preview it.")
            }
            guard pack.question(question) != nil else {
                throw CommandFailure.unknown(
                    "question", question, among: ids, otherwise: "'attest pack preview \(pack.id)' shows every question.")
            }
            ids = [question]
        }
        let plan = try QuizPlan(pack: pack, questionIDs: ids, seed: seed, shuffleOptions: true)
        let view = QuestionView(console: context.console)
        let console = context.console
        for (position, entry) in plan.entries.enumerated() {
            guard let question = pack.question(entry.questionID) else { continue }
            let presented = PresentedQuestion(question: question, order: entry.order)
            let item = EngineItem(
                position: position, total: plan.count, presented: presented, sectionTitle: nil, flagged: false,
                previous: nil, timeLimit: question.timeLimit, shownAt: Date(timeIntervalSince1970: 0))
            view.render(item, pack: pack).forEach { console.line($0) }
            console.line(console.styled("  [author] id \(question.id) · \(question.kind.typeName)", .magenta)
                + (question.tags.isEmpty ? "" : console.styled(" · tags: " + question.tags.joined(separator: ", "), .magenta)))
            console.line(console.styled("  [author] answer: ", .magenta) + console.safe(CorrectAnswer(for: presented).summary, .green))
            if let explanation = question.explanation {
                MarkdownRenderer(width: console.width, useColor: console.useColor, indent: "  [author] ")
                    .render(explanation).forEach { console.line(console.styled($0, .dim)) }
            } else {
                console.line(console.styled("  [author] no explanation: learners will not learn why", .yellow))
            }
        }
    }
}
