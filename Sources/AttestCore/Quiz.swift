import Foundation

/// A quiz: how questions are drawn from a pack, timed, shuffled and passed.
public struct Quiz: Sendable, Hashable, Codable {
    public enum Mode: String, Sendable, Hashable, Codable {
        /// Feedback after each answer, no time pressure by default, never counts for a credential.
        case practice
        /// Timed, no feedback until the end; what credentials count.
        case exam
    }

    public var id: String
    public var title: String
    public var description: String
    public var mode: Mode
    public var sections: [QuizSection]
    /// Seconds for the whole quiz (wall-clock from its start).
    public var timeLimit: Double?
    /// Default seconds per question, when a question has none of its own.
    public var questionTimeLimit: Double?
    public var shuffleQuestions: Bool
    public var shuffleOptions: Bool
    /// Whether `:back` may revisit earlier questions.
    public var allowBack: Bool
    /// The score fraction each skill must reach to pass, unless `skillThresholds` says otherwise.
    public var passThreshold: Double
    public var skillThresholds: [String: Double]
    /// The extended-time multipliers (each above 1, e.g. 1.5 and 2) a learner may be granted on this quiz's
    /// limits; empty when the quiz grants none (see `Accommodation`).
    public var timeAccommodations: [Double]
    /// The sequential decision rule of an exam (early stopping per skill); nil keeps the fixed form.
    public var decision: DecisionRule?

    public init(
        id: String, title: String, description: String = "", mode: Mode, sections: [QuizSection],
        timeLimit: Double? = nil, questionTimeLimit: Double? = nil, shuffleQuestions: Bool = true,
        shuffleOptions: Bool = true, allowBack: Bool = false, passThreshold: Double = 0.7,
        skillThresholds: [String: Double] = [:], timeAccommodations: [Double] = [], decision: DecisionRule? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.mode = mode
        self.sections = sections
        self.timeLimit = timeLimit
        self.questionTimeLimit = questionTimeLimit
        self.shuffleQuestions = shuffleQuestions
        self.shuffleOptions = shuffleOptions
        self.allowBack = allowBack
        self.passThreshold = passThreshold
        self.skillThresholds = skillThresholds
        self.timeAccommodations = timeAccommodations
        self.decision = decision
    }

    /// The pass threshold that applies to `skill`.
    public func threshold(for skill: String) -> Double {
        skillThresholds[skill] ?? passThreshold
    }
}

/// A part of a quiz that draws `count` questions at random from a pool.
public struct QuizSection: Sendable, Hashable, Codable {
    /// Where a section's questions come from.
    public enum Pool: Sendable, Hashable, Codable {
        /// Questions evidencing any of these skills.
        case skills([String])
        /// Questions carrying any of these tags.
        case tags([String])
        /// Exactly these questions.
        case questions([String])
    }

    public var title: String?
    public var pool: Pool
    /// How many questions to draw; nil draws the whole pool.
    public var count: Int?

    public init(title: String? = nil, pool: Pool, count: Int? = nil) {
        self.title = title
        self.pool = pool
        self.count = count
    }

    /// The ids of the questions of `pack` in this section's pool that a quiz of `mode` may show,
    /// in pack order (a `questions` pool in its own order; ids the pack lacks are kept).
    public func poolQuestionIDs(in pack: Pack, mode: Quiz.Mode) -> [String] {
        switch pool {
        case let .skills(skills):
            let wanted = Set(skills)
            return pack.questions.filter { $0.pool.admits(mode) && !wanted.isDisjoint(with: $0.skillIDs) }.map(\.id)
        case let .tags(tags):
            let wanted = Set(tags)
            return pack.questions.filter { $0.pool.admits(mode) && !wanted.isDisjoint(with: $0.tags) }.map(\.id)
        case let .questions(ids):
            let byID = pack.questionsByID()
            return ids.filter { byID[$0]?.pool.admits(mode) ?? true }
        }
    }
}
