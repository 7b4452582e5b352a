/// Counts and coverage gaps of a pack, for `attest pack stats`.
///
/// Authors need to see at a glance whether a pack is balanced: how many questions
/// each skill, type and difficulty has, how long it takes, and which skills are too
/// thinly covered for a competency estimate or never reached by a quiz.
public struct PackStatistics: Sendable, Hashable {
    /// The fewest questions a skill needs before its competency estimate means much.
    public static let minimumQuestionsPerSkill = 5

    /// Seconds a learner typically needs per question type, when a question has no time limit.
    public static let defaultSeconds: [String: Double] = [
        "single": 45, "multiple": 60, "true-false": 20, "text": 60, "numeric": 90, "ordering": 75,
    ]

    /// The question types of format 1, in documentation order.
    public static let questionTypes = ["single", "multiple", "true-false", "text", "numeric", "ordering"]

    /// A name with a count, kept in a stable order for display.
    public struct Count: Sendable, Hashable {
        public var name: String
        public var count: Int

        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    public var questionCount: Int
    /// Every skill of the pack in pack order, with the questions evidencing it.
    public var questionsPerSkill: [Count]
    /// Every question type in `questionTypes` order (zero counts included).
    public var questionsPerType: [Count]
    /// `easy`, `medium`, `hard` (zero counts included).
    public var questionsPerDifficulty: [Count]
    /// Seconds to answer every question once: each question's `timeLimit`, else the default for its type.
    public var estimatedSeconds: Double
    /// Skills with fewer than `minimumQuestionsPerSkill` questions.
    public var skillsWithFewQuestions: [String]
    /// Question types no question uses.
    public var unusedTypes: [String]
    /// Skills no quiz section can draw a question for.
    public var skillsNoQuizDraws: [String]
    /// Skills without a single `hard` question.
    public var skillsWithoutHardQuestions: [String]

    public init(pack: Pack) {
        questionCount = pack.questions.count
        var perSkill: [String: Int] = [:]
        var hardSkills = Set<String>()
        var perType: [String: Int] = [:]
        var perDifficulty: [Difficulty: Int] = [:]
        var seconds = 0.0
        for question in pack.questions {
            for skill in Set(question.skillIDs) { perSkill[skill, default: 0] += 1 }
            if question.difficulty == .hard { hardSkills.formUnion(question.skillIDs) }
            perType[question.kind.typeName, default: 0] += 1
            perDifficulty[question.difficulty, default: 0] += 1
            seconds += question.timeLimit ?? Self.defaultSeconds[question.kind.typeName] ?? 60
        }
        var drawnQuestions = Set<String>()
        for quiz in pack.quizzes {
            for section in quiz.sections { drawnQuestions.formUnion(section.poolQuestionIDs(in: pack, mode: quiz.mode)) }
        }
        var drawnSkills = Set<String>()
        for question in pack.questions where drawnQuestions.contains(question.id) {
            drawnSkills.formUnion(question.skillIDs)
        }
        questionsPerSkill = pack.skills.map { Count(name: $0.id, count: perSkill[$0.id] ?? 0) }
        questionsPerType = Self.questionTypes.map { Count(name: $0, count: perType[$0] ?? 0) }
        questionsPerDifficulty = Difficulty.allCases.map { Count(name: $0.rawValue, count: perDifficulty[$0] ?? 0) }
        estimatedSeconds = seconds
        skillsWithFewQuestions = questionsPerSkill.filter { $0.count < Self.minimumQuestionsPerSkill }.map(\.name)
        unusedTypes = questionsPerType.filter { $0.count == 0 }.map(\.name)
        skillsNoQuizDraws = pack.skills.map(\.id).filter { !drawnSkills.contains($0) }
        skillsWithoutHardQuestions = pack.skills.map(\.id).filter { !hardSkills.contains($0) }
    }

    /// Estimated seconds for one attempt at `quiz`: the questions it draws at their time limits
    /// (the quiz's `questionTimeLimit`, else the type default), capped by the quiz's `timeLimit`.
    public static func estimatedSeconds(for quiz: Quiz, in pack: Pack) -> Double {
        var total = 0.0
        var used = Set<String>()
        let byID = pack.questionsByID()
        for section in quiz.sections {
            let pool = section.poolQuestionIDs(in: pack, mode: quiz.mode).filter { !used.contains($0) }
            let questions = pool.compactMap { byID[$0] }
            guard !questions.isEmpty else { continue }
            let each = questions.map { $0.timeLimit ?? quiz.questionTimeLimit ?? defaultSeconds[$0.kind.typeName] ?? 60 }
            let drawn = min(section.count ?? questions.count, questions.count)
            total += each.reduce(0, +) / Double(questions.count) * Double(drawn)
            used.formUnion(pool.prefix(drawn))
        }
        return quiz.timeLimit.map { min($0, total) } ?? total
    }
}
