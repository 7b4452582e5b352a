import ArgumentParser
import AttestCore
import AttestStore
import Foundation

/// `resume [ATTEMPT]`: continue an attempt that a crash, a closed terminal or a signal cut short.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue an unfinished attempt (the newest one unless an id is given).",
        discussion: """
            Every answer given before the interruption is kept. An exam's clock kept running while you were away, \
            measured on the machine's monotonic clock (changing the date neither adds nor removes time; after a \
            restart of the machine, on the wall clock, never before your last answer); when it has run out, the \
            attempt is submitted as it stands. --list shows the time left on the same clock. \
            --discard ends an attempt you will not finish (e.g. its pack changed version): it is recorded as \
            abandoned with the answers given, and no longer offered.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The attempt id (or a unique prefix of it).", valueName: "attempt"))
    var attempt: String?

    @Option(help: ArgumentHelp("Read answers from a file, one per line.", valueName: "file"))
    var answers: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Flag(help: "List unfinished attempts instead of resuming one.")
    var list = false

    @Flag(help: "End the attempt instead of resuming it (recorded as abandoned; it is no longer offered).")
    var discard = false

    func validate() throws {
        if discard, attempt == nil { throw ValidationError("Name the attempt to discard: 'resume ATTEMPT --discard' ('resume --list' shows them).") }
    }

    func run() throws {
        let context = global.context()
        let unfinished = try context.store().unfinishedAttempts(learner: context.learner)
        if list {
            if unfinished.isEmpty { context.console.line("No unfinished attempts.") }
            for record in unfinished { context.console.line(UnfinishedAttempts(context: context).describe(record)) }
            return
        }
        let candidates = attempt.map { prefix in unfinished.filter { $0.id.hasPrefix(prefix.lowercased()) } } ?? unfinished
        guard let record = candidates.first else {
            throw CommandFailure(attempt == nil
                ? "There is no unfinished attempt to resume. Start one with 'take QUIZ' or 'practice PACK'."
                : "No unfinished attempt \(CommandFailure.quote(attempt!)). 'attest resume --list' lists them.")
        }
        if attempt != nil, candidates.count > 1 {
            throw CommandFailure("\(CommandFailure.quote(attempt!)) matches \(candidates.count) attempts; give more of the id.")
        }
        if discard {
            try context.store().finishAttempt(id: record.id, status: .abandoned, endedAt: context.clock.now())
            context.console.line("Discarded \(record.id.prefix(8)) (\(TerminalText.sanitize(record.quizID))): recorded as abandoned with "
                + "the answers given; it will not be offered again.")
            return
        }
        try UnfinishedAttempts(context: context).resume(record, answersFile: answers, json: json)
    }
}

/// Finding, describing and resuming attempts that did not end, shared by `resume` and the REPL's start.
struct UnfinishedAttempts {
    let context: AppContext

    /// One line: quiz, when it started, how far it got, time left.
    func describe(_ record: AttemptRecord) -> String {
        let answered = (try? context.store().responses(attemptID: record.id).count) ?? 0
        var text = "\(record.id.prefix(8))  \(record.quizID) — \(answered)/\(record.questionIDs.count) answered, "
            + "started \(DateText.minute(record.startedAt))"
        if let left = timeLeft(record) {
            text += left > 0 ? ", \(DurationText.clock(left)) left" : ", time has run out"
        }
        if let holder = AttemptLock.holder(of: record.id, storePath: context.storePath) {
            text += " (open in another Attest, pid \(holder))"
        }
        return TerminalText.sanitize(text, keepNewlines: false)
    }

    /// Seconds left of an exam's whole-quiz time (negative once it has run out); nil when it has no limit. Read off
    /// the clock a resume would continue on (`QuizSession.resumedClock`), so the wall clock moves it no more than it
    /// moves the exam.
    func timeLeft(_ record: AttemptRecord) -> Double? {
        guard record.mode == .exam, let (_, quiz) = locate(record), let limit = quiz.timeLimit,
              let store = try? context.store(), let responses = try? store.responses(attemptID: record.id),
              let clock = try? QuizSession.resumedClock(for: record, responses: responses, store: store, context: context)
        else { return nil }
        let multiplier = (try? store.timeMultiplier(attemptID: record.id)) ?? 1
        return limit * multiplier - clock.now().timeIntervalSince(record.startedAt)
    }

    /// The exact pack version the attempt was taken from (its header), and its quiz.
    func locate(_ record: AttemptRecord) -> (PackLibrary.IndexedPack, Quiz)? {
        let packs = context.library.indexedPacks.filter { $0.id == record.packID }
        guard let indexed = packs.first(where: { $0.contentHash == record.packHash })
            ?? packs.first(where: { $0.version.description == record.packVersion })
        else { return nil }
        if let quiz = indexed.header.quiz(record.quizID) { return (indexed, quiz) }
        return practiceQuiz(record).map { (indexed, $0) }
    }

    /// Generated practice quizzes are rebuilt from the questions the attempt drew.
    private func practiceQuiz(_ record: AttemptRecord) -> Quiz? {
        guard record.quizID.hasPrefix(Quiz.practicePrefix) else { return nil }
        return Quiz(
            id: record.quizID, title: "Practice", mode: .practice,
            sections: [QuizSection(pool: .questions(record.questionIDs))], allowBack: true)
    }

    /// Resumes from the compiled pack's rows for the attempt's questions when it can, else from the whole pack.
    func resume(_ record: AttemptRecord, answersFile: String?, json: Bool) throws {
        guard let (indexed, quiz) = locate(record) else {
            throw ResumeError.packMissing(packID: record.packID, version: record.packVersion)
        }
        let runner = QuizRunner(context: context, answersFile: answersFile, json: json)
        if let (pack, plan) = context.library.rebuild(record, quiz: quiz, of: indexed) {
            try runner.resume(record, pack: pack, quiz: quiz, plan: plan)
        } else {
            try runner.resume(record, pack: try context.library.wholePack(indexed), quiz: quiz)
        }
    }
}

/// Why an attempt cannot be resumed.
enum ResumeError: LocalizedError {
    case packMissing(packID: String, version: String)

    var errorDescription: String? {
        switch self {
        case let .packMissing(packID, version):
            "The attempt was taken from pack \(packID) \(version), which is no longer installed; put that version "
                + "back (or load it with 'load PATH') to resume, or end it with 'resume ID --discard'. Its answers stay in the store."
        }
    }
}
