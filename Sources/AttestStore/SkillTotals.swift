import AttestCore
import Foundation
import GRDB

/// The `attempt_skill` table (migration v3): each ended attempt's evidence summed per skill, written once
/// when the attempt ends, so `progress` sums a few rows per attempt in SQL instead of every response.
///
/// An ended attempt (completed, timed out or abandoned) never changes again: no response can be journaled
/// into it and it cannot be resumed. So its totals are written exactly when it ends — `finishAttempt`, an
/// import of an ended attempt, and the v3 backfill of the attempts a store already held — by one SQL
/// statement. Per (attempt, skill), over the attempt's effective responses (`superseded = 0`) whose skill
/// list gives the skill a positive share (its weights / all weights, negatives counting as 0):
/// - `weight` = Σ share × difficulty weight, `success` = Σ share × difficulty weight × score (clamped to 0...1),
/// - `points` = Σ share × points, `maxPoints` = Σ share × maxPoints (for the trend).
/// Recency depends on the moment of reading, so it is applied by `AttestDatabase.skillEvidence`.
/// The difficulty weights (`Scoring.difficultyWeight`) are baked into `weight` and `success`: changing them
/// needs a migration that deletes the rows and runs `recordEndedAttempts` again.
public enum SkillTotals {
    /// The statuses of an attempt that has ended and counts as evidence (as `Evidence.of` decides).
    static let endedStatuses: [AttemptStatus] = [.completed, .timedOut, .abandoned]

    /// The ended statuses as an SQL list: `'completed', 'timed-out', 'abandoned'`.
    static let endedStatusList = endedStatuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// Writes the totals of every ended attempt that has none yet (the v3 backfill; bulk loaders call it too).
    public static func recordEndedAttempts(_ db: Database) throws {
        try db.execute(sql: insertSQL(attemptFilter: "NOT EXISTS (SELECT 1 FROM attempt_skill t WHERE t.attemptID = a.id)"))
    }

    /// Writes the totals of one attempt if it has ended; call it in the transaction that ends or imports it.
    static func record(attemptID: String, _ db: Database) throws {
        try db.execute(sql: insertSQL(attemptFilter: "a.id = ?"), arguments: [attemptID])
    }

    private static let difficultyWeightSQL = "CASE g.difficulty "
        + Difficulty.allCases.map { "WHEN '\($0.rawValue)' THEN \(Scoring.difficultyWeight($0)) " }.joined()
        + "ELSE 0.0 END"

    /// Skill weights as numbers (a JSON integer would make the share an integer division), negatives as 0.
    private static let partSQL = "MAX(0.0, CAST(json_extract(j.value, '$.weight') AS REAL))"

    /// Sums the effective responses of the ended attempts chosen by `attemptFilter` (an SQL condition on
    /// alias `a`) per attempt, skill list and difficulty from the `response_evidence` index, splits each
    /// distinct skill list into skill shares once, and inserts one row per attempt and skill.
    private static func insertSQL(attemptFilter: String) -> String {
        """
        INSERT INTO attempt_skill (learner, packID, skill, finishedAt, attemptID, mode, weight, success, points, maxPoints)
        WITH grp AS (
            SELECT a.id, a.learner, a.packID, a.mode, COALESCE(a.endedAt, a.startedAt) AS finishedAt, r.skills,
                   r.difficulty, COUNT(*) AS n, SUM(MIN(1.0, MAX(0.0, r.score))) AS score, SUM(r.points) AS points,
                   SUM(r.maxPoints) AS maxPoints
            FROM attempt a JOIN response r INDEXED BY response_evidence ON r.attemptID = a.id AND r.superseded = 0
            WHERE (\(attemptFilter)) AND a.status IN (\(endedStatusList))
            GROUP BY a.id, r.skills, r.difficulty
        ), share AS (
            SELECT l.skills, json_extract(j.value, '$.skill') AS skill,
                   SUM(\(partSQL)) / (SELECT SUM(\(partSQL)) FROM json_each(l.skills) j) AS share
            FROM (SELECT DISTINCT skills FROM grp) l, json_each(l.skills) j
            GROUP BY l.skills, 2
            HAVING share > 0
        )
        SELECT g.learner, g.packID, s.skill, g.finishedAt, g.id, g.mode,
               SUM(s.share * \(difficultyWeightSQL) * g.n), SUM(s.share * \(difficultyWeightSQL) * g.score),
               SUM(s.share * g.points), SUM(s.share * g.maxPoints)
        FROM grp g JOIN share s ON s.skills = g.skills
        GROUP BY g.id, s.skill
        """
    }
}
