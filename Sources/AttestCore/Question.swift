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
    /// Which routes may show this question: exam-only questions are sealed from practice.
    public var pool: QuestionPool
    /// Whether the pack stated `difficulty` (the item-writing lint warns when it did not).
    public var difficultyStated: Bool
    /// Where the question's content comes from (a standard or reference, with section or page).
    public var source: QuestionSource?
    /// What the question asks of the learner: recall, a scenario, or work on an artefact.
    public var itemKind: ItemKind?
    /// The variables and answer expression of a parameterised question; nil for a fixed one.
    public var template: QuestionTemplate?

    public init(
        id: String, skills: [SkillWeight], prompt: String, kind: Kind, points: Double = 1,
        difficulty: Difficulty = .medium, timeLimit: Double? = nil, explanation: String? = nil, tags: [String] = [],
        pool: QuestionPool = .shared, difficultyStated: Bool = true, source: QuestionSource? = nil,
        itemKind: ItemKind? = nil, template: QuestionTemplate? = nil
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
        self.pool = pool
        self.difficultyStated = difficultyStated
        self.source = source
        self.itemKind = itemKind
        self.template = template
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

/// The routes that may show a question.
///
/// Exam-only questions are sealed: no practice quiz, `practice` route or preview shows them, and
/// an exam's review shows whether they were answered right but not their key. Practice-only
/// questions are never drawn by an exam. Shared questions (the default) may appear in both.
public enum QuestionPool: String, Sendable, Hashable, Codable, CaseIterable {
    case shared, exam, practice

    /// Whether a quiz of `mode` may draw a question of this pool.
    public func admits(_ mode: Quiz.Mode) -> Bool {
        switch self {
        case .shared: true
        case .exam: mode == .exam
        case .practice: mode == .practice
        }
    }

    /// Whether the question is sealed (exam-only).
    public var isSealed: Bool { self == .exam }
}

/// Where a question's content comes from, so a reviewer can check it against the reference.
public struct QuestionSource: Sendable, Hashable, Codable {
    /// The standard, book or document (e.g. "ISO/IEC 27001:2022", "The Scrum Guide (2020)").
    public var reference: String
    /// A section, clause or control within it (e.g. "A.5.15").
    public var section: String?
    /// A page or page range (text, e.g. "12" or "12–14").
    public var page: String?

    public init(reference: String, section: String? = nil, page: String? = nil) {
        self.reference = reference
        self.section = section
        self.page = page
    }
}

/// What a question asks of the learner, so a blueprint can balance recall against application.
public enum ItemKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Remembering a fact, term or definition.
    case recall
    /// Applying knowledge to a described situation.
    case scenario
    /// Working on a given artefact (a log, a query, a chart, a document excerpt).
    case artefact
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
