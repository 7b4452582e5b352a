import Foundation

/// The question on screen, with everything the CLI needs to draw it.
public struct EngineItem: Sendable, Hashable {
    /// 0-based position in the attempt.
    public var position: Int
    public var total: Int
    public var presented: PresentedQuestion
    public var sectionTitle: String?
    public var flagged: Bool
    /// The response already recorded for this position (when revisited with `:back`).
    public var previous: ResponseRecord?
    /// Seconds allowed for this question when timed; nil when untimed.
    public var timeLimit: Double?
    public var shownAt: Date

    public var question: Question { presented.question }

    public init(
        position: Int, total: Int, presented: PresentedQuestion, sectionTitle: String? = nil, flagged: Bool = false,
        previous: ResponseRecord? = nil, timeLimit: Double? = nil, shownAt: Date
    ) {
        self.position = position
        self.total = total
        self.presented = presented
        self.sectionTitle = sectionTitle
        self.flagged = flagged
        self.previous = previous
        self.timeLimit = timeLimit
        self.shownAt = shownAt
    }
}

/// What became of a submitted answer or a skip.
public enum SubmitOutcome: Sendable, Hashable {
    /// Recorded: journal `record` before showing the next question. Practice mode adds feedback.
    case accepted(ResponseRecord, feedback: PracticeFeedback?)
    /// Not readable; the question stays open.
    case invalid(hint: String)
    /// Time ran out before the input arrived: handle these events exactly like `checkTime()`'s.
    case tooLate([EngineEvent])
    /// A skip on a question that already has an answer: the answer is kept and the engine moved on.
    case unchanged
    /// The attempt is no longer in progress, or no question is open.
    case finished
}

/// Something time did: journal each `record`, show each warning.
public enum EngineEvent: Sendable, Hashable {
    /// The question's own time ran out and the engine moved on; `record` is nil when the
    /// position already had a response (it is kept).
    case questionTimedOut(position: Int, record: ResponseRecord?)
    case warning(TimeWarning)
    /// The whole quiz's time ran out: the attempt ended as `.timedOut`.
    case quizTimedOut
}

/// Warnings before the whole quiz's time runs out; each is given at most once per attempt.
public enum TimeWarning: String, Sendable, Hashable, CaseIterable {
    case oneMinute = "one-minute"
    case tenSeconds = "ten-seconds"

    /// Seconds left when the warning becomes due.
    public var seconds: Double {
        switch self {
        case .oneMinute: 60
        case .tenSeconds: 10
        }
    }
}

/// What became of `back()` or `goTo(_:)`.
public enum NavigationOutcome: Sendable, Hashable {
    case moved
    case refused(reason: String)
    case tooLate([EngineEvent])
}

/// Where each question of an attempt stands, for `:review`.
public struct QuizReview: Sendable, Hashable {
    /// How a question was left, or that it has no response yet.
    public enum State: String, Sendable, Hashable {
        case answered, skipped, unanswered
        case timedOut = "timed-out"
    }

    /// One question's line in the review.
    public struct Entry: Sendable, Hashable {
        public var position: Int
        public var questionID: String
        public var state: State
        public var flagged: Bool
        public var isCurrent: Bool
    }

    public var entries: [Entry]

    public var answered: Int { entries.filter { $0.state == .answered }.count }
    public var flagged: Int { entries.filter(\.flagged).count }
    /// Skipped or not yet reached.
    public var left: Int { entries.filter { $0.state == .skipped || $0.state == .unanswered }.count }
}

/// A question flagged or unflagged for review: what the session journals so a resumed attempt keeps its flags.
public struct FlagChange: Sendable, Hashable {
    /// The question's 0-based position in the attempt.
    public var position: Int
    /// Whether it is flagged now.
    public var flagged: Bool

    public init(position: Int, flagged: Bool) {
        self.position = position
        self.flagged = flagged
    }
}

/// What practice mode shows after each answer.
public struct PracticeFeedback: Sendable, Hashable {
    public var score: Double
    /// Full credit.
    public var correct: Bool
    public var correctAnswer: CorrectAnswer
    public var explanation: String?
    /// The pack's feedback for each chosen option that has some.
    public var optionFeedback: [OptionFeedback]

    /// One chosen option's feedback.
    public struct OptionFeedback: Sendable, Hashable {
        public var label: String
        public var text: String
        public var feedback: String
    }
}

/// Why the engine could not be set up.
public enum QuizEngineError: Error, Sendable, Hashable, LocalizedError {
    case plan(QuizPlanError)
    case responseDoesNotMatch(position: Int, questionID: String)
    case notInProgress(AttemptStatus)

    public var errorDescription: String? {
        switch self {
        case let .plan(error):
            error.errorDescription
        case let .responseDoesNotMatch(position, questionID):
            "The stored response at position \(position + 1) is for \"\(questionID)\", which this attempt did not "
                + "draw there; the attempt's journal is inconsistent and cannot be resumed."
        case let .notInProgress(status):
            "This attempt has already ended (\(status.rawValue)) and cannot be resumed."
        }
    }
}
