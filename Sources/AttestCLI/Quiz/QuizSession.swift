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
    /// The attempt's clock: monotonic elapsed time from the wall-clock anchor, noting wall-clock jumps.
    private let clock: ExamClock
    private var console: Console { context.console }
    /// Whether questions and feedback are printed (off for `--json`).
    private let verbose: Bool
    /// Keeps the attempt in this process while it runs (see `AttemptLock`).
    private let lock: AttemptLock
    /// What was typed when a read ended at a warning, put back on the line by the next read.
    private var partial = ""
    /// The question (position and when it was shown) whose ten-second warning was given.
    private var questionWarned: (position: Int, shownAt: Date)?
    /// Accessible mode: no countdown redrawn in place and no bell; time is said in plain lines.
    private let accessible: Bool
    /// Lines read so far, for locating a scripted answer that cannot be read.
    private var linesRead = 0
    /// Whether the input ended before the attempt did (a script ran out of answers).
    private(set) var inputEnded = false
    /// Sections whose decision (exam decision rule) has been said, so each is said once.
    private var announced: Set<Int>

    private init(
        context: AppContext, store: AttestDatabase, reader: any LineReader, engine: QuizEngine, clock: ExamClock,
        verbose: Bool, lock: AttemptLock
    ) {
        self.context = context
        self.clock = clock
        self.store = store
        self.reader = reader
        self.engine = engine
        self.verbose = verbose
        self.lock = lock
        // Settled before anything is printed: accessible mode also turns colour off.
        accessible = context.accessible
        view = QuestionView(console: context.console)
        announced = Set(engine.decisions.map(\.section))
    }

    /// Starts a new attempt and records it before the first question is shown.
    static func start(
        pack: Pack, quiz: Quiz, plan: QuizPlan, timedPractice: Bool, context: AppContext, reader: any LineReader,
        verbose: Bool
    ) throws -> QuizSession {
        let store = try context.store()
        let timed = quiz.mode == .exam || timedPractice
        let grant = timed ? Accommodation.grant(try LearnerSettings.extraTime(context.learner, store: store), on: quiz) : .standard
        let clock = ExamClock(wall: context.clock, monotonic: context.monotonic)
        let engine = QuizEngine(
            pack: pack, quiz: quiz, plan: plan, attemptID: UUID().uuidString.lowercased(), clock: clock,
            timedPractice: timedPractice, timeMultiplier: grant.multiplier)
        let now = clock.now()
        _ = try store.ensureLearner(context.learner, at: now)
        try store.recordPackSeen(
            id: pack.id, version: pack.version.description, hash: pack.contentHash, title: pack.title, at: now)
        let lock = try Self.lock(engine.attemptID, context: context)
        try store.startAttempt(
            engine.attemptRecord(learner: context.learner), timeMultiplier: engine.timeMultiplier, instances: engine.instances)
        if let mark = clock.mark { try store.recordExamClockMark(attemptID: engine.attemptID, mark) }
        let session = QuizSession(
            context: context, store: store, reader: reader, engine: engine, clock: clock, verbose: verbose, lock: lock)
        if case let .notAllowed(requested, allowed) = grant, verbose {
            session.say("Your extended time (\(Accommodation.describe(requested))) is not offered by this quiz"
                + (allowed.isEmpty ? "" : " (it allows \(allowed.map(Accommodation.describe).joined(separator: ", ")))")
                + "; standard time applies.")
        }
        return session
    }

    /// Continues an unfinished attempt with every journaled answer in place. An exam's
    /// clock kept running while Attest was away (see `resumedClock`).
    static func resume(
        record: AttemptRecord, pack: Pack, quiz: Quiz, plan: QuizPlan? = nil, context: AppContext,
        reader: any LineReader, verbose: Bool
    ) throws -> QuizSession {
        let store = try context.store()
        let lock = try Self.lock(record.id, context: context)
        guard let current = try store.attempt(record.id), current.status == .inProgress || current.status == .interrupted else {
            throw QuizSessionError.endedElsewhere(attemptID: record.id)
        }
        var inProgress = record
        inProgress.status = .inProgress
        let responses = try store.responses(attemptID: record.id)
        let clock = try resumedClock(for: record, responses: responses, store: store, context: context)
        if let mark = clock.mark { try store.recordExamClockMark(attemptID: record.id, mark) }
        let engine = try QuizEngine.resume(
            pack: pack, quiz: quiz, record: inProgress, responses: responses,
            clock: clock, flagged: try store.flaggedPositions(attemptID: record.id), plan: plan,
            timeMultiplier: try store.timeMultiplier(attemptID: record.id), instances: try store.instances(attemptID: record.id))
        if record.status != .inProgress {
            try store.resumeAttempt(id: record.id)
        }
        return QuizSession(
            context: context, store: store, reader: reader, engine: engine, clock: clock, verbose: verbose, lock: lock)
    }

    /// The clock an unfinished attempt continues on: in the same boot, its journaled mark moved on by monotonic
    /// time (time away counts exactly, whatever the wall clock did); otherwise the wall clock, never before the
    /// latest journaled moment. `resume --list` reads time left off the same clock.
    static func resumedClock(
        for record: AttemptRecord, responses: [ResponseRecord], store: AttestDatabase, context: AppContext
    ) throws -> ExamClock {
        ExamClock(
            wall: context.clock, monotonic: context.monotonic,
            notBefore: ([record.startedAt] + responses.map(\.answeredAt)).max(),
            continuing: try store.examClockMark(attemptID: record.id))
    }

    /// Takes the attempt's lock, or says which process has it open.
    private static func lock(_ attemptID: String, context: AppContext) throws -> AttemptLock {
        switch try AttemptLock.acquire(attemptID: attemptID, storePath: context.storePath) {
        case let .acquired(lock): return lock
        case let .heldElsewhere(pid): throw QuizSessionError.openElsewhere(attemptID: attemptID, pid: pid)
        }
    }

    /// Asks questions until the attempt ends; returns its result (already stored).
    func run() throws -> QuizResult {
        if verbose { introduce() }
        var shown: Int?
        while engine.status == .inProgress {
            try handle(engine.checkTime())
            warnIfQuestionTimeIsShort()
            guard engine.status == .inProgress else { break }
            guard let item = engine.current else {
                if engine.isAwaitingFinish, try confirmSubmit() { try handle(engine.finish()) }
                if engine.isAwaitingFinish { shown = nil }
                continue
            }
            if shown != item.position || item.previous != nil && shown == nil {
                if verbose { view.render(item, pack: engine.pack).forEach { console.line($0) } }
                shown = item.position
                partial = ""
            }
            let read = readLine(readOptions(prompt: "answer", initialText: partial))
            try journalClockJumps()
            switch read {
            case let .line(text):
                partial = ""
                if try handle(line: text) { shown = nil }
            case let .timedOut(text):
                partial = text
            case .interrupted:
                say("(Ctrl-C clears the line; type :quit to leave the quiz)")
            case .endOfInput:
                if reader.isInteractive {
                    try confirmQuit()
                } else {
                    say("Input ended: the attempt is recorded as abandoned with the answers given so far.")
                    inputEnded = true
                    engine.quit()
                }
            case let .terminated(signal):
                try terminate(by: signal)
            }
        }
        try journalClockJumps()
        try store.finishAttempt(id: engine.attemptID, status: engine.status, endedAt: engine.endedAt ?? clock.now())
        lock.release()
        let result = engine.result()
        if verbose {
            view.render(result: result, quiz: engine.quiz, attemptID: engine.attemptID, timeMultiplier: engine.timeMultiplier)
                .forEach { console.line($0) }
        }
        return result
    }

    /// Records the wall-clock jumps the exam clock noticed (they never changed the exam's time).
    private func journalClockJumps() throws {
        let jumps = clock.takeJumps()
        if !jumps.isEmpty { try store.recordClockJumps(attemptID: engine.attemptID, jumps) }
    }

    /// SIGTERM or SIGHUP arrived: the attempt is recorded as interrupted (resumable), the terminal restored.
    private func terminate(by signal: Int32) throws -> Never {
        engine.interrupt()
        try journalClockJumps()
        try store.finishAttempt(id: engine.attemptID, status: .interrupted, endedAt: clock.now())
        reader.close()
        TerminalModeGuard.exit(bySignal: signal)
    }

    private func introduce() {
        let quiz = engine.quiz
        var facts = ["\(engine.plan.count) questions", engine.mode == .exam ? "exam" : "practice"]
        if let limit = engine.timeLimit { facts.append(DurationText.minutes(limit) + " in all") }
        if engine.timed, let limit = quiz.questionTimeLimit {
            facts.append(DurationText.minutes(limit * engine.timeMultiplier) + " per question")
        }
        if engine.timeMultiplier > 1 { facts.append("extended time " + Accommodation.describe(engine.timeMultiplier)) }
        let title = TerminalText.sanitize(quiz.title, keepNewlines: false)
        let rest = " — " + facts.joined(separator: " · ")
        if DisplayWidth.of(title + rest) <= console.width {
            console.line(console.styled(title, .bold) + rest)
        } else {
            console.wrapped(title + rest).forEach { console.line($0) }
        }
        if engine.mode == .exam {
            MarkdownRenderer(width: console.width, useColor: false)
                .render("No feedback until the end. The clock runs from the start, even if Attest is closed; "
                    + "answers are saved as you go. Type :help for commands.")
                .forEach { console.line(console.styled($0, .dim)) }
        }
    }

    /// A read that ends by itself at the next moment something must be said or done: a warning due, or the
    /// question's or the quiz's time running out. Outside accessible mode the countdown shows right of the line.
    private func readOptions(prompt: String, initialText: String = "") -> ReadOptions {
        var options = ReadOptions(
            prompt: console.styled(prompt + ">", .bold) + " ", recordInHistory: false, completion: false,
            initialText: initialText)
        guard engine.timed else { return options }
        let question = engine.remainingQuestionTime
        let whole = engine.remainingQuizTime
        guard let remaining = [question, whole].compactMap({ $0 }).min() else { return options }
        let wake = TimeThresholds.untilNext(
            question: question, questionLimit: engine.current?.timeLimit, quiz: whole,
            quizLimit: engine.timeLimit)
        let pace = (context.clock as? any PacedClock)?.rate ?? 1
        options.deadline = .now + .milliseconds(Int64((wake * 1000 / pace).rounded(.up)) + 5)
        guard !accessible else { return options }
        let later = remaining - wake
        let wholeBeyond = whole.map { $0 - remaining }
        let showQuestion = question != nil && whole != nil && question! < whole!
        options.status = { left in
            let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18 + later
            var text = "⏱ " + DurationText.clock(seconds)
            if showQuestion, let wholeBeyond { text += " · quiz " + DurationText.clock(seconds + wholeBeyond) }
            if let wholeBeyond, seconds + wholeBeyond <= 60 { text = "⚠ " + text }
            return text
        }
        return options
    }

    /// The open question's ten-second warning, once per showing of the question (the quiz's own warnings,
    /// which come from the engine, cover a question that ends with the quiz).
    private func warnIfQuestionTimeIsShort() {
        guard engine.status == .inProgress, let item = engine.current, let left = engine.remainingQuestionTime,
              let limit = item.timeLimit, limit > TimeThresholds.questionWarning, left <= TimeThresholds.questionWarning,
              left > 0, (engine.remainingQuizTime ?? .infinity) > left,
              questionWarned.map({ $0.position != item.position || $0.shownAt != item.shownAt }) ?? true
        else { return }
        questionWarned = (item.position, item.shownAt)
        warn("Ten seconds left for this question.")
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
            announceDecisions()
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
            case let .accepted(record, _):
                try journal(record)
                announceDecisions()
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
            try confirmQuit()
        default:
            say("Unknown quiz command ':\(TerminalText.sanitize(name, keepNewlines: false))'. Type :help for the list.")
        }
        return false
    }

    private func journal(_ record: ResponseRecord) throws {
        do {
            try store.recordResponse(record)
        } catch StoreError.attemptAlreadyFinished {
            throw QuizSessionError.endedElsewhere(attemptID: engine.attemptID)
        } catch {
            throw QuizSessionError.journalFailed(underlying: error.localizedDescription, attemptID: engine.attemptID)
        }
    }

    /// Says each newly settled skill section once: "Decision reached for Scrum: proficient — 4 questions saved".
    private func announceDecisions() {
        for settled in engine.decisions where !announced.contains(settled.section) {
            announced.insert(settled.section)
            guard verbose, !settled.saved.isEmpty else { continue }
            let name = TerminalText.sanitize(engine.pack.skill(settled.skillID)?.name ?? settled.skillID, keepNewlines: false)
            let count = settled.saved.count
            let text = "Decision reached for \(name): \(settled.isProficient ? "proficient" : "not yet proficient") — "
                + "\(count) question\(count == 1 ? "" : "s") saved"
            console.line(accessible ? text : "  " + console.styled(text, .bold))
        }
    }

    /// Saves a flag so a resumed attempt shows it; a failure is reported but does not stop the quiz.
    private func journal(_ change: FlagChange) {
        do {
            try store.setFlag(
                attemptID: engine.attemptID, position: change.position, flagged: change.flagged, at: clock.now())
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
                warn(record == nil
                    ? "Time is up for question \(position + 1); your answer to it is kept."
                    : "Time is up for question \(position + 1); it is recorded as unanswered.")
                announceDecisions()
            case let .warning(warning):
                warn(warning == .oneMinute ? "One minute left for the whole quiz." : "Ten seconds left for the whole quiz.")
            case .quizTimedOut:
                warn("Time is up: the quiz is submitted with the answers given so far.")
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

    /// `:quit` or Ctrl-D on an empty answer line: leaves only when the learner says yes (a second Ctrl-D does too).
    private func confirmQuit() throws {
        let answers = engine.responses.values.filter { $0.outcome == .answered }.count
        let question = engine.mode == .exam
            ? "Quit the exam? It is recorded as abandoned with \(Plural.count(answers, "answer")) given. [y/N] "
            : "Quit this practice? Your answers so far are kept. [y/N] "
        switch YesNoQuestion(prompt: question, defaultAnswer: false, onEndOfInput: true).ask(reader: reader, console: console) {
        case .yes:
            engine.quit()
        case .no:
            say("The \(engine.mode == .exam ? "exam" : "quiz") goes on.")
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

    fileprivate func say(_ text: String) {
        guard verbose else { return }
        console.wrapped(text, indent: "  ").forEach { console.line("  " + console.styled($0, .dim)) }
    }

    /// A warning on a line of its own, so it is noticed: marked and with the terminal's bell, or in accessible
    /// mode a plain sentence a screen reader says once.
    private func warn(_ text: String) {
        guard verbose else { return }
        if accessible {
            console.line("Warning: " + text)
        } else {
            for (index, line) in console.wrapped("⚠ " + text, indent: "  ").enumerated() {
                console.line((index == 0 && console.isTerminal ? "\u{7}" : "") + "  " + console.styled(line, .bold, .yellow))
            }
        }
    }
}

/// Why a quiz could not go on.
enum QuizSessionError: LocalizedError {
    case journalFailed(underlying: String, attemptID: String)
    /// The attempt ended in another process (it was open twice before attempts were locked, or was imported as ended).
    case endedElsewhere(attemptID: String)
    /// Another live Attest process has the attempt open.
    case openElsewhere(attemptID: String, pid: Int32)

    var errorDescription: String? {
        switch self {
        case let .journalFailed(underlying, attemptID):
            "Could not save your answer: \(Self.sentence(underlying)) Everything answered before it is safe; "
                + "once that is fixed, run 'attest resume' to continue attempt \(attemptID)."
        case let .endedElsewhere(attemptID):
            "Attempt \(attemptID.prefix(8)) has already ended in another Attest, so nothing more can be added to it; "
                + "'attest resume --list' shows the attempts still open."
        case let .openElsewhere(attemptID, pid):
            "Attempt \(attemptID.prefix(8)) is open in another Attest\(pid > 0 ? ", pid \(pid)" : ""); "
                + "finish it there, or close that Attest and run 'attest resume' again."
        }
    }

    /// `text` ending with exactly one full stop.
    private static func sentence(_ text: String) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix(".") { trimmed.removeLast() }
        return trimmed + "."
    }
}
