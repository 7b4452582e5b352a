import AttestCore
import AttestStore
import Foundation
import LineEditor

/// Runs one attempt at the terminal (or from a script) on top of the pure `QuizEngine`.
///
/// The session owns the I/O the engine must not do: it draws questions, reads answers
/// with the line editor's timed read (the countdown is the read's status text), and
/// journals every response to the store before the next question appears, so a crash
/// or `kill -9` loses nothing that was shown as accepted.
final class QuizSession {
    private let context: AppContext
    private let store: AttestDatabase
    private let reader: any LineReader
    private let view: QuestionView
    private(set) var engine: QuizEngine
    private var console: Console { context.console }
    /// Whether questions and feedback are printed (off for `--json`).
    private let verbose: Bool
    /// Lines read so far, for locating a scripted answer that cannot be read.
    private var linesRead = 0
    /// Whether the input ended before the attempt did (a script ran out of answers).
    private(set) var inputEnded = false

    private init(context: AppContext, store: AttestDatabase, reader: any LineReader, engine: QuizEngine, verbose: Bool) {
        self.context = context
        self.store = store
        self.reader = reader
        self.engine = engine
        self.verbose = verbose
        view = QuestionView(console: context.console)
    }

    /// Starts a new attempt and records it before the first question is shown.
    static func start(
        pack: Pack, quiz: Quiz, plan: QuizPlan, timedPractice: Bool, context: AppContext, reader: any LineReader,
        verbose: Bool
    ) throws -> QuizSession {
        let store = try context.store()
        let engine = QuizEngine(
            pack: pack, quiz: quiz, plan: plan, attemptID: UUID().uuidString.lowercased(), clock: context.clock,
            timedPractice: timedPractice)
        let now = context.clock.now()
        _ = try store.ensureLearner(context.learner, at: now)
        try store.recordPackSeen(
            id: pack.id, version: pack.version.description, hash: pack.contentHash, title: pack.title, at: now)
        try store.startAttempt(engine.attemptRecord(learner: context.learner))
        return QuizSession(context: context, store: store, reader: reader, engine: engine, verbose: verbose)
    }

    /// Continues an unfinished attempt with every journaled answer in place. An exam's
    /// clock kept running while Attest was away: time is wall-clock from the recorded start.
    static func resume(
        record: AttemptRecord, pack: Pack, quiz: Quiz, plan: QuizPlan? = nil, context: AppContext,
        reader: any LineReader, verbose: Bool
    ) throws -> QuizSession {
        let store = try context.store()
        var inProgress = record
        inProgress.status = .inProgress
        let engine = try QuizEngine.resume(
            pack: pack, quiz: quiz, record: inProgress, responses: try store.responses(attemptID: record.id),
            clock: context.clock, flagged: try store.flaggedPositions(attemptID: record.id), plan: plan)
        if record.status != .inProgress {
            try store.resumeAttempt(id: record.id)
        }
        return QuizSession(context: context, store: store, reader: reader, engine: engine, verbose: verbose)
    }

    /// Asks questions until the attempt ends; returns its result (already stored).
    func run() throws -> QuizResult {
        if verbose { introduce() }
        var shown: Int?
        while engine.status == .inProgress {
            try handle(engine.checkTime())
            guard engine.status == .inProgress else { break }
            guard let item = engine.current else {
                if engine.isAwaitingFinish, try confirmSubmit() { try handle(engine.finish()) }
                if engine.isAwaitingFinish { shown = nil }
                continue
            }
            if shown != item.position || item.previous != nil && shown == nil {
                if verbose { view.render(item, pack: engine.pack).forEach { console.line($0) } }
                shown = item.position
            }
            switch readLine(readOptions(prompt: "answer")) {
            case let .line(text):
                if try handle(line: text) { shown = nil }
            case .timedOut:
                continue
            case .interrupted:
                say("(Ctrl-C clears the line; type :quit to leave the quiz)")
            case .endOfInput:
                say("Input ended: the attempt is recorded as abandoned with the answers given so far.")
                inputEnded = true
                engine.quit()
            case let .terminated(signal):
                try terminate(by: signal)
            }
        }
        try store.finishAttempt(id: engine.attemptID, status: engine.status, endedAt: engine.endedAt ?? context.clock.now())
        let result = engine.result()
        if verbose {
            view.render(result: result, quiz: engine.quiz, attemptID: engine.attemptID).forEach { console.line($0) }
        }
        return result
    }

    /// SIGTERM or SIGHUP arrived: the attempt is recorded as interrupted (resumable), the terminal restored.
    private func terminate(by signal: Int32) throws -> Never {
        engine.interrupt()
        try store.finishAttempt(id: engine.attemptID, status: .interrupted, endedAt: context.clock.now())
        reader.close()
        TerminalModeGuard.exit(bySignal: signal)
    }

    private func introduce() {
        let quiz = engine.quiz
        var facts = ["\(engine.plan.count) questions", engine.mode == .exam ? "exam" : "practice"]
        if engine.timed, let limit = quiz.timeLimit { facts.append(DurationText.minutes(limit) + " in all") }
        if engine.timed, let limit = quiz.questionTimeLimit { facts.append(DurationText.minutes(limit) + " per question") }
        console.line(console.styled(TerminalText.sanitize(quiz.title, keepNewlines: false), .bold) + " — "
            + facts.joined(separator: " · "))
        if engine.mode == .exam {
            MarkdownRenderer(width: console.width, useColor: false)
                .render("No feedback until the end. The clock runs from the start, even if Attest is closed; "
                    + "answers are saved as you go. Type :help for commands.")
                .forEach { console.line(console.styled($0, .dim)) }
        }
    }

    private func readOptions(prompt: String) -> ReadOptions {
        let styledPrompt = console.styled(prompt + ">", .bold) + " "
        guard engine.timed else {
            return ReadOptions(prompt: styledPrompt, recordInHistory: false, completion: false)
        }
        let question = engine.remainingQuestionTime
        let whole = engine.remainingQuizTime
        guard let remaining = [question, whole].compactMap({ $0 }).min() else {
            return ReadOptions(prompt: styledPrompt, recordInHistory: false, completion: false)
        }
        let wholeBeyond = whole.map { $0 - remaining }
        let showQuestion = question != nil && whole != nil && question! < whole!
        let status: @Sendable (Duration) -> String = { left in
            let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
            var text = "⏱ " + DurationText.clock(seconds)
            if showQuestion, let wholeBeyond { text += " · quiz " + DurationText.clock(seconds + wholeBeyond) }
            if let wholeBeyond, seconds + wholeBeyond <= 60 { text = "⚠ " + text }
            return text
        }
        return ReadOptions(
            prompt: styledPrompt, deadline: .now + .milliseconds(Int64((remaining * 1000).rounded(.up))),
            status: status, recordInHistory: false, completion: false)
    }

    /// Handles one typed line; returns true when the question should be drawn again.
    private func handle(line text: String) throws -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(":") { return try command(String(trimmed.dropFirst()).lowercased()) }
        switch engine.submit(text) {
        case let .accepted(record, feedback):
            try journal(record)
            if let feedback {
                if verbose { view.render(feedback: feedback).forEach { console.line($0) } }
            } else {
                say("Answer recorded.")
            }
            return true
        case let .invalid(hint):
            say(hint)
            if !reader.isInteractive, let position = engine.current?.position {
                // A script gets the line located on standard error; its next line is the retry, as at a keyboard.
                console.error("answers line \(linesRead): \(CommandFailure.quote(text)) cannot be read (\(hint)); "
                    + "the next line is taken as the answer to question \(position + 1).")
            }
        case let .tooLate(events):
            try handle(events)
            return true
        case .unchanged, .finished:
            return true
        }
        return false
    }

    private func command(_ name: String) throws -> Bool {
        switch name {
        case "skip", "s":
            switch engine.skip() {
            case let .accepted(record, _): try journal(record)
            case let .tooLate(events): try handle(events)
            case let .invalid(hint): say(hint)
            case .unchanged, .finished: break
            }
            return true
        case "back", "b":
            switch engine.back() {
            case .moved: return true
            case let .refused(reason): say(reason)
            case let .tooLate(events): try handle(events)
            }
            return false
        case "flag", "f":
            guard engine.quiz.allowBack else {
                say("Flags mark questions to come back to; this quiz does not allow going back.")
                return false
            }
            guard let change = engine.toggleFlag() else {
                say("No question is open to flag; type :back to return to one.")
                return false
            }
            journal(change)
            say(change.flagged ? "Flagged for review." : "Flag removed.")
        case "review", "r":
            showReview()
        case let goto where goto.hasPrefix("goto"):
            guard let number = Int(goto.dropFirst(4).trimmingCharacters(in: .whitespaces)) else {
                say("Type :goto N, with N a question number (:review shows them).")
                return false
            }
            switch engine.goTo(number - 1) {
            case .moved: return true
            case let .refused(reason): say(reason)
            case let .tooLate(events): try handle(events)
            }
        case "time", "t":
            showTime()
        case "help", "h", "?":
            showHelp()
        case "quit", "q":
            if try confirm(engine.mode == .exam
                ? "Quit the exam? It is recorded as abandoned with the \(Plural.count(engine.responses.count, "answer")) given. [y/N] "
                : "Quit this practice? Your answers so far are kept. [y/N] ")
            {
                engine.quit()
            }
        default:
            say("Unknown quiz command ':\(TerminalText.sanitize(name, keepNewlines: false))'. Type :help for the list.")
        }
        return false
    }

    private func journal(_ record: ResponseRecord) throws {
        do {
            try store.recordResponse(record)
        } catch {
            throw QuizSessionError.journalFailed(underlying: error.localizedDescription, attemptID: engine.attemptID)
        }
    }

    /// Saves a flag so a resumed attempt shows it; a failure is reported but does not stop the quiz.
    private func journal(_ change: FlagChange) {
        do {
            try store.setFlag(
                attemptID: engine.attemptID, position: change.position, flagged: change.flagged, at: context.clock.now())
        } catch {
            say("Could not save the flag (\(TerminalText.sanitize(error.localizedDescription, keepNewlines: false))); "
                + "it holds until you leave this quiz.")
        }
    }

    private func handle(_ events: [EngineEvent]) throws {
        for event in events {
            switch event {
            case let .questionTimedOut(position, record):
                if let record { try journal(record) }
                say("⏱ Time is up for question \(position + 1); it is recorded as unanswered.")
            case let .warning(warning):
                say(warning == .oneMinute ? "⚠ One minute left for the whole quiz." : "⚠ Ten seconds left!")
            case .quizTimedOut:
                say("⏱ Time is up: the quiz is submitted with the answers given so far.")
            }
        }
    }

    /// At the end of a quiz that allows going back: submit, or keep reviewing.
    private func confirmSubmit() throws -> Bool {
        let review = engine.review()
        say("All questions have a response (\(review.answered) answered, \(review.flagged) flagged). "
            + "Press Enter to submit, or type :back or :review.")
        switch readLine(readOptions(prompt: "submit")) {
        case let .line(text):
            let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
            if trimmed.isEmpty || trimmed == ":submit" || trimmed == "y" || trimmed == "yes" { return true }
            if trimmed.hasPrefix(":") {
                if trimmed == ":back" || trimmed == ":b" {
                    _ = engine.goTo(engine.plan.count - 1)
                } else {
                    _ = try command(String(trimmed.dropFirst()))
                }
            }
            return false
        case .endOfInput:
            return true
        case .timedOut, .interrupted:
            return false
        case let .terminated(signal):
            try terminate(by: signal)
        }
    }

    private func confirm(_ question: String) throws -> Bool {
        switch readLine(ReadOptions(prompt: question, recordInHistory: false, completion: false)) {
        case let .line(answer):
            return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
        case .endOfInput:
            return true
        case .timedOut, .interrupted:
            return false
        case let .terminated(signal):
            try terminate(by: signal)
        }
    }

    private func showReview() {
        let review = engine.review()
        say("\(review.answered) answered · \(review.flagged) flagged · \(review.left) left")
        // Practice has shown right and wrong already, so it says which; an exam says only "answered".
        let practice = engine.mode == .practice
        let cells = review.entries.map { entry -> String in
            let mark: String
            switch entry.state {
            case .answered where practice: mark = (engine.responses[entry.position]?.score ?? 0) >= 1 ? "✓" : "✗"
            case .answered: mark = "•"
            case .skipped: mark = "–"
            case .unanswered: mark = "·"
            case .timedOut: mark = "⏱"
            }
            let text = "\(entry.position + 1)\(mark)\(entry.flagged ? "⚑" : "")"
            return entry.isCurrent ? console.styled("[" + text + "]", .bold) : text
        }
        say(cells.joined(separator: " "))
        say((practice ? "✓ right · ✗ not fully right" : "• answered") + " · – skipped · · not yet answered · ⏱ timed out"
            + (engine.quiz.allowBack ? " · ⚑ flagged; :goto N opens question N" : ""))
    }

    private func showTime() {
        guard engine.timed else {
            say("This quiz is not timed.")
            return
        }
        var parts: [String] = []
        if let question = engine.remainingQuestionTime { parts.append("question " + DurationText.clock(question)) }
        if let whole = engine.remainingQuizTime { parts.append("quiz " + DurationText.clock(whole)) }
        say(parts.isEmpty ? "No time limit applies." : "Time left: " + parts.joined(separator: " · "))
    }

    private func showHelp() {
        let navigation = engine.quiz.allowBack
            ? [":back     go to the previous question", ":goto N   go to question N",
               ":flag     flag or unflag this question for review"]
            : [":back     (not allowed in this quiz)"]
        ([":skip     leave this question for now (it scores 0 unless you come back)"] + navigation + [
            ":review   answered, flagged and left questions", ":time     time left", ":quit     leave the quiz (asks first)",
        ]).forEach { say($0) }
    }

    /// Reads one line, counting lines for the locations in scripted answers.
    private func readLine(_ options: ReadOptions) -> LineReadResult {
        let result = reader.readLine(options)
        if case .line = result { linesRead += 1 }
        return result
    }

    private func say(_ text: String) {
        guard verbose else { return }
        console.line("  " + console.styled(text, .dim))
    }
}

/// Why a quiz could not go on.
enum QuizSessionError: LocalizedError {
    case journalFailed(underlying: String, attemptID: String)

    var errorDescription: String? {
        switch self {
        case let .journalFailed(underlying, attemptID):
            "Could not save your answer: \(underlying). Everything answered before it is safe; "
                + "fix the problem (e.g. free disk space) and run 'attest resume' to continue attempt \(attemptID)."
        }
    }
}
