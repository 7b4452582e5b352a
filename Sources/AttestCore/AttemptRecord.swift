import Foundation

/// Why an attempt ended, or that it has not yet.
public enum AttemptStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case inProgress = "in-progress"
    /// The learner answered or skipped every question.
    case completed
    /// The whole-quiz time ran out and the attempt was submitted with what was answered.
    case timedOut = "timed-out"
    /// The learner quit (`:quit`).
    case abandoned
    /// SIGTERM or SIGHUP ended the process.
    case interrupted
}

/// One sitting of one quiz by one learner: what the store keeps about it.
///
/// It records the pack's id, version and content hash and the seed, so the same
/// questions and option orders can be rebuilt (for a review or a resume) and a
/// later edit of the pack cannot rewrite it.
public struct AttemptRecord: Sendable, Hashable, Codable {
    public var id: String
    public var learner: String
    public var packID: String
    public var packVersion: String
    public var packHash: String
    public var quizID: String
    public var mode: Quiz.Mode
    public var seed: UInt64
    /// The question ids in the order they were drawn.
    public var questionIDs: [String]
    public var startedAt: Date
    public var endedAt: Date?
    public var status: AttemptStatus

    public init(
        id: String, learner: String, packID: String, packVersion: String, packHash: String, quizID: String,
        mode: Quiz.Mode, seed: UInt64, questionIDs: [String], startedAt: Date, endedAt: Date? = nil,
        status: AttemptStatus = .inProgress
    ) {
        self.id = id
        self.learner = learner
        self.packID = packID
        self.packVersion = packVersion
        self.packHash = packHash
        self.quizID = quizID
        self.mode = mode
        self.seed = seed
        self.questionIDs = questionIDs
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
    }
}

/// How a question was left.
public enum ResponseOutcome: String, Sendable, Hashable, Codable {
    case answered
    case skipped
    /// The question's own time limit ran out.
    case timedOut = "timed-out"
}

/// One response to one question in an attempt: journaled before the next question is shown.
public struct ResponseRecord: Sendable, Hashable, Codable {
    public var attemptID: String
    /// Position of the question in the attempt (0-based).
    public var position: Int
    public var questionID: String
    public var outcome: ResponseOutcome
    /// The answer exactly as typed; nil when skipped or timed out.
    public var given: String?
    /// For choice and ordering questions: the chosen original option/item indices (0-based, pack order).
    public var selection: [Int]?
    /// Fraction of the question's credit earned, 0...1.
    public var score: Double
    public var points: Double
    public var maxPoints: Double
    public var skills: [SkillWeight]
    public var difficulty: Difficulty
    public var shownAt: Date
    public var answeredAt: Date

    public init(
        attemptID: String, position: Int, questionID: String, outcome: ResponseOutcome, given: String?,
        selection: [Int]?, score: Double, points: Double, maxPoints: Double, skills: [SkillWeight],
        difficulty: Difficulty, shownAt: Date, answeredAt: Date
    ) {
        self.attemptID = attemptID
        self.position = position
        self.questionID = questionID
        self.outcome = outcome
        self.given = given
        self.selection = selection
        self.score = score
        self.points = points
        self.maxPoints = maxPoints
        self.skills = skills
        self.difficulty = difficulty
        self.shownAt = shownAt
        self.answeredAt = answeredAt
    }

    /// Seconds between showing the question and the response.
    public var duration: Double { answeredAt.timeIntervalSince(shownAt) }
}
