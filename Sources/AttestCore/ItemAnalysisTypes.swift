import Foundation

/// One attempt with its effective responses, as item analysis reads it.
///
/// The core cannot see the store, so callers pass attempts in this shape (the store's
/// `RecordedAttempt` carries the same two fields).
public struct AnalysisAttempt: Sendable, Hashable {
    public var attempt: AttemptRecord
    public var responses: [ResponseRecord]

    public init(attempt: AttemptRecord, responses: [ResponseRecord]) {
        self.attempt = attempt
        self.responses = responses
    }
}

/// Which attempt stands for a learner who sat the quiz more than once.
///
/// Item analysis assumes one independent sitting per learner; later attempts build on
/// earlier ones, so `first` is the default (as in Moodle).
public enum AttemptPick: String, Sendable, Hashable, Codable, CaseIterable {
    /// The earliest submitted attempt.
    case first
    /// The most recent submitted attempt.
    case last
    /// The attempt with the highest total score (the earliest of equals).
    case best
}

/// The fewest attempts each figure needs; below it the figure is nil and reports say "too few attempts".
public enum ItemAnalysisMinimum {
    /// Mean, median, facility index.
    public static let mean = 1
    /// Standard deviations, covariances and effective weight.
    public static let standardDeviation = 2
    public static let skewness = 3
    public static let kurtosis = 4
    /// Questions (not attempts) needed for Cronbach's alpha, the error ratio and the standard error.
    public static let alphaQuestions = 2
    /// Attempts needed for the discrimination index, discriminative efficiency, the top/bottom thirds
    /// and every flag on a question.
    public static let discrimination = 5
}

/// Figures about the whole test. Scores are percentages of each attempt's maximum (0...100);
/// alpha and the error ratio are fractions (0...1 for a usable test).
public struct TestStatistics: Sendable, Hashable, Codable {
    /// Attempts analysed (one per learner).
    public var attempts: Int
    /// Submitted attempts before one was picked per learner.
    public var submittedAttempts: Int
    public var mean: Double?
    public var median: Double?
    public var standardDeviation: Double?
    public var skewness: Double?
    public var kurtosis: Double?
    /// Cronbach's alpha (Moodle's coefficient of internal consistency, as a fraction).
    public var alpha: Double?
    /// sqrt(1 − alpha): the share of the spread of scores that is measurement error.
    public var errorRatio: Double?
    /// errorRatio × standard deviation, in score percentage points.
    public var standardError: Double?
    /// Whether every analysed attempt had the same questions (alpha needs that).
    public var sameQuestions: Bool
}

/// How often one option of a choice question was chosen.
public struct OptionStatistics: Sendable, Hashable, Codable {
    /// Index in the pack's option list (0-based).
    public var index: Int
    public var text: String
    public var correct: Bool
    /// Attempts that chose this option.
    public var chosen: Int
    /// chosen / attempts at the question.
    public var fraction: Double
    /// Share of the top third of learners (by total score) that chose it; nil below 5 attempts.
    public var topThird: Double?
    /// Share of the bottom third that chose it; nil below 5 attempts.
    public var bottomThird: Double?
}

/// Figures about one question. Facility, weights, discrimination and efficiency are fractions.
public struct QuestionStatistics: Sendable, Hashable, Codable {
    public var questionID: String
    /// The pack-format type name (`single`, ...); empty when the pack no longer has the question.
    public var type: String
    /// Attempts that were given this question.
    public var attempts: Int
    /// Mean fraction of credit earned (0 hard ... 1 easy).
    public var facility: Double?
    /// Sample standard deviation of the fraction of credit.
    public var standardDeviation: Double?
    /// Expected fraction of credit for a blind answer (see `RandomGuess`).
    public var randomGuessScore: Double?
    /// The question's share of the maximum score.
    public var intendedWeight: Double?
    /// The question's share of the spread of total scores (Moodle's effective weight); nil when its
    /// covariance with the total is negative.
    public var effectiveWeight: Double?
    /// Correlation of the question's score with the rest of the test (total minus this question).
    public var discrimination: Double?
    /// Covariance with the rest of the test divided by the largest covariance the same scores allow.
    public var discriminativeEfficiency: Double?
    /// Median seconds of answered responses.
    public var medianDuration: Double?
    /// Choice questions: every option by pack index; empty otherwise.
    public var options: [OptionStatistics]
    public var flags: [ItemFlag]
}

/// Something about a question an author should look at, with a plain message saying what and why.
public struct ItemFlag: Sendable, Hashable, Codable {
    /// What the flag is about; stable names for `--json` consumers (see `docs/instructor-guide.md`).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case negativeDiscrimination = "negative-discrimination"
        case lowDiscrimination = "low-discrimination"
        case tooEasy = "too-easy"
        case tooHard = "too-hard"
        case unusedDistractor = "unused-distractor"
        case distractorBeatsKey = "distractor-beats-key"
        case slow
    }

    public var kind: Kind
    /// Plain text; may quote option text from the pack (the CLI sanitizes it).
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}
