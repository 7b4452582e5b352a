import Foundation

/// One question of a pack, with everything needed to present it, score it and explain it.
public struct Question: Sendable, Hashable, Codable {
    public var id: String
    /// The skills this question evidences, with their relative weights (each > 0).
    public var skills: [SkillWeight]
    /// Plain text with light Markdown (inline code, fenced code blocks, bold, lists).
    public var prompt: String
    public var kind: Kind
    public var points: Double
    public var difficulty: Difficulty
    /// Seconds allowed for this question, overriding the quiz default.
    public var timeLimit: Double?
    public var explanation: String?
    public var tags: [String]

    public init(
        id: String, skills: [SkillWeight], prompt: String, kind: Kind, points: Double = 1,
        difficulty: Difficulty = .medium, timeLimit: Double? = nil, explanation: String? = nil, tags: [String] = []
    ) {
        self.id = id
        self.skills = skills
        self.prompt = prompt
        self.kind = kind
        self.points = points
        self.difficulty = difficulty
        self.timeLimit = timeLimit
        self.explanation = explanation
        self.tags = tags
    }

    /// The shape of a question and its key.
    public enum Kind: Sendable, Hashable, Codable {
        /// Exactly one option is correct.
        case singleChoice([Option])
        /// "Select all that apply": one or more options are correct.
        case multipleChoice([Option])
        case trueFalse(answer: Bool)
        case shortText(ShortTextKey)
        case numeric(NumericKey)
        /// Items listed in their correct order; the learner sees them shuffled.
        case ordering([String])

        /// The pack-format name of this kind (`single`, `multiple`, ...).
        public var typeName: String {
            switch self {
            case .singleChoice: "single"
            case .multipleChoice: "multiple"
            case .trueFalse: "true-false"
            case .shortText: "text"
            case .numeric: "numeric"
            case .ordering: "ordering"
            }
        }
    }

    /// The ids of the skills this question evidences.
    public var skillIDs: [String] { skills.map(\.skill) }
}

/// A skill evidenced by a question and how much of the question's weight it gets.
public struct SkillWeight: Sendable, Hashable, Codable {
    public var skill: String
    public var weight: Double

    public init(skill: String, weight: Double = 1) {
        self.skill = skill
        self.weight = weight
    }
}

/// An option of a choice question.
public struct Option: Sendable, Hashable, Codable {
    public var text: String
    public var correct: Bool
    /// Shown in practice mode (and in the review) when this option is chosen.
    public var feedback: String?

    public init(text: String, correct: Bool, feedback: String? = nil) {
        self.text = text
        self.correct = correct
        self.feedback = feedback
    }
}

/// The key of a short-text question.
public struct ShortTextKey: Sendable, Hashable, Codable {
    /// Accepted answers; matching ignores case, surrounding and repeated white space.
    public var accept: [String]
    /// Also ignore diacritics (`cafe` matches `café`).
    public var ignoreDiacritics: Bool
    /// An optional regular expression that a (trimmed) answer may match in full instead.
    public var pattern: String?

    public init(accept: [String], ignoreDiacritics: Bool = false, pattern: String? = nil) {
        self.accept = accept
        self.ignoreDiacritics = ignoreDiacritics
        self.pattern = pattern
    }
}

/// The key of a numeric question: a value with a tolerance, or a closed range.
public struct NumericKey: Sendable, Hashable, Codable {
    public enum Target: Sendable, Hashable, Codable {
        /// `value` ± `tolerance` (absolute).
        case absolute(value: Double, tolerance: Double)
        /// `value` ± `|value| * tolerance` (relative, e.g. 0.01 for 1 %).
        case relative(value: Double, tolerance: Double)
        /// Any value in `low...high`.
        case range(low: Double, high: Double)
    }

    public var target: Target
    /// An optional unit shown after the prompt (e.g. "ms"); never required in the answer.
    public var unit: String?

    public init(target: Target, unit: String? = nil) {
        self.target = target
        self.unit = unit
    }

    /// Whether `value` is accepted.
    public func accepts(_ value: Double) -> Bool {
        switch target {
        case let .absolute(expected, tolerance):
            return abs(value - expected) <= tolerance + 1e-12 * max(1, abs(expected))
        case let .relative(expected, tolerance):
            return abs(value - expected) <= abs(expected) * tolerance + 1e-12 * max(1, abs(expected))
        case let .range(low, high):
            return value >= low && value <= high
        }
    }
}
