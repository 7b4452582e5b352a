import Foundation

/// Quizzes made up on the spot for practice: over a whole pack, one skill, or missed questions.
///
/// They are ordinary `Quiz` values (practice mode, untimed, back allowed), so the
/// same plan, engine and result code runs them. Their ids start with `practice:`,
/// which pack quiz ids (slugs) can never do.
extension Quiz {
    /// The id prefix of generated practice quizzes.
    public static let practicePrefix = "practice:"

    /// Practice over every question of `pack`, or of one skill, drawing `count` (nil: all).
    public static func practice(pack: Pack, skill: String? = nil, count: Int? = nil) throws(QuizPlanError) -> Quiz {
        let pool: QuizSection.Pool
        let id: String
        let title: String
        if let skill {
            guard let found = pack.skill(skill) else { throw .unknownSkill(skill) }
            pool = .skills([skill])
            id = practicePrefix + "skill:" + skill
            title = "Practice: \(found.name)"
        } else {
            pool = .questions(pack.questions.filter { $0.pool.admits(.practice) }.map(\.id))
            id = practicePrefix + "pack"
            title = "Practice: \(pack.title)"
        }
        let available = QuizSection(pool: pool).poolQuestionIDs(in: pack, mode: .practice).count
        guard available > 0 else { throw .empty(quiz: id) }
        return Quiz(
            id: id, title: title, mode: .practice,
            sections: [QuizSection(pool: pool, count: count.map { min($0, available) })], allowBack: true)
    }

    /// Practice over the questions a learner got wrong. Ids the pack no longer has, and sealed
    /// (exam-only) questions, are dropped.
    public static func practiceMissed(pack: Pack, questionIDs: [String], count: Int? = nil) throws(QuizPlanError) -> Quiz {
        let known = pack.questionsByID()
        var ids: [String] = []
        var seen = Set<String>()
        for id in questionIDs where known[id]?.pool.admits(.practice) == true && seen.insert(id).inserted {
            ids.append(id)
        }
        let id = practicePrefix + "missed"
        guard !ids.isEmpty else { throw .empty(quiz: id) }
        return Quiz(
            id: id, title: "Practice: questions you missed", mode: .practice,
            sections: [QuizSection(pool: .questions(ids), count: count.map { min($0, ids.count) })], allowBack: true)
    }
}
