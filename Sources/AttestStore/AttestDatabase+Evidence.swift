import AttestCore
import Foundation
import GRDB

extension AttestDatabase {
    /// A learner's evidence for a pack summed per attempt, skill list and difficulty: the effective responses
    /// (the last per position) of ended attempts (completed, timed out or abandoned), oldest attempt first.
    ///
    /// Read straight from the `response_evidence` index in one query, so `progress` stays fast with a
    /// million answers; `CompetencyEstimator.estimate(pack:groups:now:)` turns the groups into estimates.
    public func evidenceGroups(learner: String, packID: String) throws -> [EvidenceGroup] {
        try read { db in
            var skillLists: [String: [SkillWeight]] = [:]
            var groups: [EvidenceGroup] = []
            let rows = try Row.fetchCursor(db, sql: Self.evidenceGroupsSQL, arguments: [learner, packID])
            while let row = try rows.next() {
                let skillsJSON: String = row[3]
                let skills: [SkillWeight]
                if let known = skillLists[skillsJSON] { skills = known } else {
                    skills = try StoreCoding.decode([SkillWeight].self, json: skillsJSON, column: "response.skills")
                    skillLists[skillsJSON] = skills
                }
                groups.append(EvidenceGroup(
                    attemptID: row[0],
                    mode: try StoreCoding.enumValue(Quiz.Mode.self, row[1], column: "attempt.mode"),
                    finishedAt: StoreCoding.date(row[2]), skills: skills,
                    difficulty: try StoreCoding.enumValue(Difficulty.self, row[4], column: "response.difficulty"),
                    count: row[5], scoreSum: row[6], pointsSum: row[7], maxPointsSum: row[8]))
            }
            return groups
        }
    }

    /// How many attempts (of any status) a learner has at a pack. Index-only.
    public func attemptCount(learner: String, packID: String) throws -> Int {
        try read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM attempt WHERE learner = ? AND packID = ?", arguments: [learner, packID]
            ) ?? 0
        }
    }

    static let evidenceGroupsSQL = """
        SELECT a.id, a.mode, COALESCE(a.endedAt, a.startedAt), r.skills, r.difficulty,
               COUNT(*), SUM(MIN(1.0, MAX(0.0, r.score))), SUM(r.points), SUM(r.maxPoints)
        FROM attempt a JOIN response r INDEXED BY response_evidence ON r.attemptID = a.id AND r.superseded = 0
        WHERE a.learner = ? AND a.packID = ? AND a.status IN ('completed', 'timed-out', 'abandoned')
        GROUP BY a.startedAt, a.rowid, r.skills, r.difficulty
        ORDER BY a.startedAt, a.rowid, r.skills, r.difficulty
        """
}
