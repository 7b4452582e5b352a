import Foundation

/// How well each exam of a pack is sealed from practice, per skill.
///
/// A learner who can see an exam's questions, with keys and explanations, in practice can pass
/// by memorising them; and an exam that shows most of its pool every sitting is learnt by
/// retaking it. `pack stats` prints these rows and `pack lint` errors when a quiz that counts
/// for a credential shares questions with practice.
public struct ExamPoolReport: Sendable, Hashable {
    /// One skill of one exam.
    public struct Row: Sendable, Hashable {
        public var quizID: String
        public var skillID: String
        /// Whether the quiz counts for a credential of the pack.
        public var countsForCredential: Bool
        /// Questions of the skill the exam can draw.
        public var examPool: Int
        /// Questions of the skill one sitting draws (expected, for sections mixing skills).
        public var examDraw: Double
        /// Questions of the skill practice can show.
        public var practicePool: Int
        /// The ids of questions in both (sorted); must be empty for credential quizzes.
        public var overlap: [String]
        /// `examDraw / examPool`: the share of the pool one sitting sees.
        public var sittingShare: Double { examPool > 0 ? examDraw / Double(examPool) : 0 }
    }

    public var rows: [Row]

    public init(pack: Pack) {
        let practiceBySkill = Dictionary(grouping: pack.questions.filter { $0.pool.admits(.practice) }.flatMap { question in
            Set(question.skillIDs).map { ($0, question.id) }
        }, by: \.0).mapValues { Set($0.map(\.1)) }
        let byID = pack.questionsByID()
        var rows: [Row] = []
        var seenQuizzes = Set<String>()
        for quiz in pack.quizzes where quiz.mode == .exam && seenQuizzes.insert(quiz.id).inserted {
            let counts = Self.countsForCredential(quiz, in: pack, byID: byID)
            var pool: [String: Set<String>] = [:]
            var draw: [String: Double] = [:]
            var used = Set<String>()
            for section in quiz.sections {
                let ids = section.poolQuestionIDs(in: pack, mode: .exam).filter { !used.contains($0) && byID[$0] != nil }
                guard !ids.isEmpty else { continue }
                let drawn = Double(section.count ?? ids.count)
                for id in ids { for skill in Set(byID[id]!.skillIDs) { pool[skill, default: []].insert(id) } }
                for id in ids { for skill in Set(byID[id]!.skillIDs) { draw[skill, default: 0] += drawn / Double(ids.count) } }
                used.formUnion(ids)
            }
            for skill in pack.skills.map(\.id) where pool[skill] != nil {
                let examIDs = pool[skill]!
                let practiceIDs = practiceBySkill[skill] ?? []
                rows.append(Row(
                    quizID: quiz.id, skillID: skill, countsForCredential: counts, examPool: examIDs.count,
                    examDraw: (draw[skill]! * 100).rounded() / 100, practicePool: practiceIDs.count,
                    overlap: examIDs.intersection(practiceIDs).sorted()))
            }
        }
        self.rows = rows
    }

    /// Whether `quiz` counts for a credential: a credential names it, or needs a skill it draws.
    public static func countsForCredential(_ quiz: Quiz, in pack: Pack, byID: [String: Question]) -> Bool {
        guard quiz.mode == .exam else { return false }
        let skills = Set(quiz.sections.flatMap { section in
            section.poolQuestionIDs(in: pack, mode: .exam).compactMap { byID[$0] }.flatMap(\.skillIDs)
        })
        return pack.credentials.contains { credential in
            credential.criteria.quizzes.contains(quiz.id) || !skills.isDisjoint(with: credential.criteria.skills.keys)
        }
    }
}
