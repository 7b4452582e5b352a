import Foundation

/// The pure state machine of one attempt: shows questions, reads answers, keeps time.
///
/// It never reads the system clock or the terminal: time comes from the injected
/// `WallClock`, input as strings. Every change that must survive a crash returns the
/// `ResponseRecord` to journal; the caller writes it before showing the next question.
/// Whole-quiz time is measured from `startedAt` on the wall clock, so a resume cannot
/// buy time; a question's own time counts from when it was (last) shown.
public struct QuizEngine: Sendable {
    public let pack: Pack
    /// The parameterised questions of the plan as this attempt shows them: journal them with the attempt.
    public let instances: [InstanceRecord]
    public let quiz: Quiz
    public let plan: QuizPlan
    public let attemptID: String
    public let mode: Quiz.Mode
    /// Whether time limits apply: always in exams; in practice only when asked for.
    public let timed: Bool
    public let startedAt: Date
    /// The extended-time accommodation this attempt runs with (1 for standard time): every limit is multiplied by it.
    public let timeMultiplier: Double
    private let clock: any WallClock

    public private(set) var status: AttemptStatus = .inProgress
    public private(set) var endedAt: Date?
    /// The open question's position; nil once every question has a response (or the attempt ended).
    public private(set) var position: Int?
    /// The latest response for each position (a later response for a position replaces the earlier one).
    public private(set) var responses: [Int: ResponseRecord] = [:]
    public private(set) var flagged: Set<Int> = []
    /// The skill sections an exam's decision rule has settled (early stopping), derived from `responses`.
    public private(set) var decisions: [SectionDecision] = []
    /// Positions the decisions made unnecessary: never shown.
    private var saved: Set<Int> = []
    private var shownAt: Date
    private var furthest = 0
    private var warned: Set<TimeWarning> = []

    /// Starts an attempt now (or at `startedAt`). `mode` defaults to the quiz's mode;
    /// `timedPractice` turns on time limits in practice mode. Parameterised questions show the
    /// `journaled` instance when there is one, else the one the plan's seed draws.
    public init(
        pack: Pack, quiz: Quiz, plan: QuizPlan, attemptID: String, clock: any WallClock, mode: Quiz.Mode? = nil,
        timedPractice: Bool = false, startedAt: Date? = nil, timeMultiplier: Double = 1, journaled: [InstanceRecord] = []
    ) {
        instances = pack.instances(seed: plan.seed, questionIDs: plan.entries.map(\.questionID), journaled: journaled)
        self.pack = pack.applying(instances)
        self.quiz = quiz
        self.plan = plan
        self.attemptID = attemptID
        self.clock = clock
        let mode = mode ?? quiz.mode
        self.mode = mode
        timed = mode == .exam || timedPractice
        self.timeMultiplier = timeMultiplier
        let now = clock.now()
        self.startedAt = startedAt ?? now
        shownAt = now
        position = plan.count > 0 ? 0 : nil
    }

    /// Rebuilds an in-progress (or interrupted) attempt from its record and journaled responses.
    ///
    /// The open question is the first without a response; it counts as shown now. `flagged` holds the
    /// journaled flags (positions outside the plan are ignored). Call `checkTime()` next: the whole
    /// quiz's time may have run out while the process was away.
    /// `plan`, when given, is the attempt's plan already rebuilt (from a compiled pack, whose
    /// `pack` then holds only the attempt's questions); otherwise it is rebuilt from `pack`.
    /// `instances` are the journaled instances of its parameterised questions, shown as they were.
    public static func resume(
        pack: Pack, quiz: Quiz, record: AttemptRecord, responses: [ResponseRecord], clock: any WallClock,
        timedPractice: Bool = false, flagged: Set<Int> = [], plan rebuilt: QuizPlan? = nil, timeMultiplier: Double = 1,
        instances: [InstanceRecord] = []
    ) throws(QuizEngineError) -> QuizEngine {
        guard record.status == .inProgress || record.status == .interrupted else {
            throw .notInProgress(record.status)
        }
        let plan: QuizPlan
        if let rebuilt {
            plan = rebuilt
        } else {
            do { plan = try QuizPlan(rebuilding: record, pack: pack, quiz: quiz) } catch { throw .plan(error) }
        }
        var engine = QuizEngine(
            pack: pack, quiz: quiz, plan: plan, attemptID: record.id, clock: clock, mode: record.mode,
            timedPractice: timedPractice, startedAt: record.startedAt, timeMultiplier: timeMultiplier,
            journaled: instances)
        for response in responses where response.attemptID == record.id {
            guard plan.entries.indices.contains(response.position),
                  plan.entries[response.position].questionID == response.questionID
            else { throw .responseDoesNotMatch(position: response.position, questionID: response.questionID) }
            engine.responses[response.position] = response
        }
        engine.decide()
        engine.flagged = flagged.filter(plan.entries.indices.contains)
        engine.furthest = (engine.responses.keys.max() ?? -1) + 1
        engine.position = nil
        engine.moveToNextOpen(after: -1, at: clock.now())
        if engine.position == nil, !quiz.allowBack {
            engine.end(.completed, at: engine.responses.values.map(\.answeredAt).max() ?? clock.now())
        }
        return engine
    }

    // MARK: - State

    /// The open question, or nil when none is open.
    public var current: EngineItem? {
        guard status == .inProgress, let position else { return nil }
        let entry = plan.entries[position]
        let question = pack.question(entry.questionID)!
        return EngineItem(
            position: position, total: plan.count, presented: PresentedQuestion(question: question, order: entry.order),
            sectionTitle: entry.section.flatMap { quiz.sections.indices.contains($0) ? quiz.sections[$0].title : nil },
            flagged: flagged.contains(position), previous: responses[position],
            timeLimit: questionTimeLimit(question), shownAt: shownAt)
    }

    /// Every question has a response and the quiz allows going back: show the review, then `finish()`.
    public var isAwaitingFinish: Bool { status == .inProgress && position == nil }

    /// The whole quiz's limit in seconds with the time accommodation applied; nil when it has none or is untimed.
    public var timeLimit: Double? {
        timed ? quiz.timeLimit.map { $0 * timeMultiplier } : nil
    }

    /// Seconds left for the whole quiz (never negative), or nil when it has no limit or is untimed.
    public var remainingQuizTime: Double? {
        quizDeadline.map { max(0, $0.timeIntervalSince(clock.now())) }
    }

    /// Seconds left for the open question (never negative), or nil when it has no limit.
    public var remainingQuestionTime: Double? {
        questionDeadline.map { max(0, $0.timeIntervalSince(clock.now())) }
    }

    /// Where every question stands.
    /// Positions an exam's decision rule saved are left out: they were never shown.
    public func review() -> QuizReview {
        QuizReview(entries: plan.entries.enumerated().filter { !saved.contains($0.offset) }.map { index, entry in
            let state: QuizReview.State
            switch responses[index]?.outcome {
            case .answered: state = .answered
            case .skipped: state = .skipped
            case .timedOut: state = .timedOut
            case nil: state = .unanswered
            }
            return QuizReview.Entry(
                position: index, questionID: entry.questionID, state: state, flagged: flagged.contains(index),
                isCurrent: status == .inProgress && index == position)
        })
    }

    /// The result so far (or final, once ended).
    public func result() -> QuizResult {
        QuizResult(
            pack: pack, quiz: quiz, plan: plan, responses: Array(responses.values), startedAt: startedAt,
            endedAt: endedAt ?? clock.now(), status: status)
    }

    /// The attempt as the store keeps it: ids, seed, drawn questions, status and end time.
    public func attemptRecord(learner: String) -> AttemptRecord {
        AttemptRecord(
            id: attemptID, learner: learner, packID: pack.id, packVersion: pack.version.description,
            packHash: pack.contentHash, quizID: quiz.id, mode: mode, seed: plan.seed, questionIDs: plan.questionIDs,
            startedAt: startedAt, endedAt: endedAt, status: status)
    }

    // MARK: - Actions

    /// Reads `raw` as the answer to the open question.
    public mutating func submit(_ raw: String) -> SubmitOutcome {
        let events = checkTime()
        if events.contains(where: Self.endsQuestion) { return .tooLate(events) }
        guard status == .inProgress, let position, let item = current else { return .finished }
        if responses[position]?.outcome == .timedOut {
            return .invalid(hint: "the time for this question ran out; move on with :skip")
        }
        switch AnswerParser.parse(raw, for: item.presented) {
        case let .invalid(hint):
            return .invalid(hint: hint)
        case let .answer(answer):
            let score = Scoring.score(answer, for: item.question)
            let record = makeRecord(
                position: position, question: item.question, outcome: .answered, given: raw,
                selection: answer.selection, score: score, at: clock.now())
            let feedback = mode == .practice ? feedback(for: item.presented, answer: answer, score: score) : nil
            store(record)
            return .accepted(record, feedback: feedback)
        }
    }

    /// Leaves the open question unanswered (score 0). On a question that already has a
    /// response the response is kept and the engine just moves on.
    public mutating func skip() -> SubmitOutcome {
        let events = checkTime()
        if events.contains(where: Self.endsQuestion) { return .tooLate(events) }
        guard status == .inProgress, let position, let item = current else { return .finished }
        if responses[position] != nil {
            moveToNextOpen(after: position, at: clock.now())
            return .unchanged
        }
        let record = makeRecord(
            position: position, question: item.question, outcome: .skipped, given: nil, selection: nil, score: 0,
            at: clock.now())
        let feedback = mode == .practice
            ? PracticeFeedback(
                score: 0, correct: false, correctAnswer: CorrectAnswer(for: item.presented),
                explanation: item.question.explanation, optionFeedback: [])
            : nil
        store(record)
        return .accepted(record, feedback: feedback)
    }

    /// Goes to the previous question (only when the quiz allows going back).
    public mutating func back() -> NavigationOutcome {
        let target = (position ?? plan.count) - 1
        if target < 0, status == .inProgress, quiz.allowBack {
            return .refused(reason: "this is the first question")
        }
        return goTo(target)
    }

    /// Opens the question at `target` (0-based), if the quiz allows going back and it has been reached.
    public mutating func goTo(_ target: Int) -> NavigationOutcome {
        let events = checkTime()
        if events.contains(where: Self.endsQuestion) { return .tooLate(events) }
        guard status == .inProgress else { return .refused(reason: "the attempt has ended") }
        guard quiz.allowBack else { return .refused(reason: "this quiz does not allow going back") }
        guard target >= 0, target < plan.count, target <= furthest, !saved.contains(target) else {
            return .refused(reason: "you can only go to questions you have already reached")
        }
        if let settled = decisions.first(where: { plan.entries[target].section == $0.section }) {
            let name = pack.skill(settled.skillID)?.name ?? settled.skillID
            return .refused(reason: "the decision for \(name) has been reached; its answers are final")
        }
        position = target
        shownAt = clock.now()
        return .moved
    }

    /// Flags or unflags the open question for review; returns the change for the caller to journal
    /// (nil when no question is open).
    @discardableResult
    public mutating func toggleFlag() -> FlagChange? {
        guard status == .inProgress, let position else { return nil }
        if flagged.contains(position) { flagged.remove(position) } else { flagged.insert(position) }
        return FlagChange(position: position, flagged: flagged.contains(position))
    }

    /// Applies what time has done since the last call: a question's time-out (journal its record),
    /// due warnings (each once), or the end of the whole quiz. Call it often (e.g. every second).
    public mutating func checkTime() -> [EngineEvent] {
        guard status == .inProgress, timed else { return [] }
        let now = clock.now()
        var events: [EngineEvent] = []
        if let position, let deadline = questionDeadline, deadline <= now, quizDeadline.map({ deadline < $0 }) ?? true {
            var record: ResponseRecord?
            if responses[position] == nil {
                let question = pack.question(plan.entries[position].questionID)!
                let timedOut = makeRecord(
                    position: position, question: question, outcome: .timedOut, given: nil, selection: nil, score: 0,
                    at: deadline)
                responses[position] = timedOut
                record = timedOut
                decide()
            }
            furthest = max(furthest, position + 1)
            moveToNextOpen(after: position, at: now)
            events.append(.questionTimedOut(position: position, record: record))
            completeIfDone(at: deadline)
        }
        if let quizDeadline, let limit = timeLimit, status == .inProgress {
            let remaining = quizDeadline.timeIntervalSince(now)
            if remaining <= 0 {
                end(.timedOut, at: quizDeadline)
                events.append(.quizTimedOut)
            } else if remaining <= TimeWarning.tenSeconds.seconds, limit > TimeWarning.tenSeconds.seconds,
                      !warned.contains(.tenSeconds)
            {
                warned.formUnion(TimeWarning.allCases)
                events.append(.warning(.tenSeconds))
            } else if remaining <= TimeWarning.oneMinute.seconds, limit > TimeWarning.oneMinute.seconds,
                      !warned.contains(.oneMinute)
            {
                warned.insert(.oneMinute)
                events.append(.warning(.oneMinute))
            }
        }
        return events
    }

    /// Ends the attempt: `.completed`, or `.timedOut` when the time had already run out.
    /// Returns the time events that happened first (journal their records).
    public mutating func finish() -> [EngineEvent] {
        let events = checkTime()
        if status == .inProgress { end(.completed, at: clock.now()) }
        return events
    }

    /// The learner quit: the attempt ends as `.abandoned`.
    public mutating func quit() {
        if status == .inProgress { end(.abandoned, at: clock.now()) }
    }

    /// The process was told to stop (SIGTERM/SIGHUP): the attempt ends as `.interrupted`.
    public mutating func interrupt() {
        if status == .inProgress { end(.interrupted, at: clock.now()) }
    }

    // MARK: - Internals

    private var quizDeadline: Date? {
        guard let limit = timeLimit else { return nil }
        return startedAt.addingTimeInterval(limit)
    }

    private var questionDeadline: Date? {
        guard status == .inProgress, let position,
              let limit = questionTimeLimit(pack.question(plan.entries[position].questionID)!)
        else { return nil }
        return shownAt.addingTimeInterval(limit)
    }

    private func questionTimeLimit(_ question: Question) -> Double? {
        timed ? (question.timeLimit ?? quiz.questionTimeLimit).map { $0 * timeMultiplier } : nil
    }

    private static func endsQuestion(_ event: EngineEvent) -> Bool {
        switch event {
        case .questionTimedOut, .quizTimedOut: true
        case .warning: false
        }
    }

    private func makeRecord(
        position: Int, question: Question, outcome: ResponseOutcome, given: String?, selection: [Int]?, score: Double,
        at date: Date
    ) -> ResponseRecord {
        ResponseRecord(
            attemptID: attemptID, position: position, questionID: question.id, outcome: outcome, given: given,
            selection: selection, score: score, points: score * question.points, maxPoints: question.points,
            skills: question.skills, difficulty: question.difficulty, shownAt: shownAt, answeredAt: date)
    }

    private mutating func store(_ record: ResponseRecord) {
        responses[record.position] = record
        decide()
        furthest = max(furthest, record.position + 1)
        moveToNextOpen(after: record.position, at: record.answeredAt)
        completeIfDone(at: record.answeredAt)
    }

    /// Opens the first position after `index` without a response (nil when there is none).
    private mutating func moveToNextOpen(after index: Int, at now: Date) {
        position = ((index + 1)..<max(index + 1, plan.count)).first { responses[$0] == nil && !saved.contains($0) }
        if position != nil { shownAt = now }
        furthest = max(furthest, min(position ?? plan.count, plan.count - 1))
    }

    private mutating func completeIfDone(at date: Date) {
        guard position == nil, !quiz.allowBack, responses.count + saved.count >= plan.count else { return }
        end(.completed, at: date)
    }

    /// Re-derives the decision rule's settled sections from the responses (see `SectionDecision`).
    private mutating func decide() {
        decisions = SectionDecision.decisions(quiz: quiz, plan: plan, responses: responses)
        saved = Set(decisions.flatMap(\.saved))
    }

    private mutating func end(_ final: AttemptStatus, at date: Date) {
        status = final
        endedAt = date
        position = nil
    }

    private func feedback(for presented: PresentedQuestion, answer: Answer, score: Double) -> PracticeFeedback {
        var notes: [PracticeFeedback.OptionFeedback] = []
        if case let .choice(chosen) = answer {
            switch presented.question.kind {
            case let .singleChoice(options), let .multipleChoice(options):
                for index in chosen {
                    if let note = options[index].feedback, let label = presented.label(forOriginal: index) {
                        notes.append(.init(label: label, text: options[index].text, feedback: note))
                    }
                }
            default: break
            }
        }
        return PracticeFeedback(
            score: score, correct: score >= 1, correctAnswer: CorrectAnswer(for: presented),
            explanation: presented.question.explanation, optionFeedback: notes.sorted { $0.label < $1.label })
    }
}
