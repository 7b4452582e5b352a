import AttestCore
import Foundation
import GRDB

extension AttestDatabase {
    /// A learner's evidence for a pack summed per skill as `estimator` weighs it at `now` (its half-life,
    /// whether practice counts, its trend length), from the totals each ended attempt filed when it ended
    /// (`attempt_skill`, see `SkillTotals`): one range scan for the sums, one short one per skill for the
    /// trend, whatever the number of answers. `CompetencyEstimator.estimate(pack:skills:)` turns them into
    /// estimates equal to the per-response path's.
    ///
    /// With `ownAttemptsOnly`, attempts that came in through `importAttempts` are left out: what awards a
    /// credential in this store is only what was sat in this store.
    public func skillEvidence(
        learner: String, packID: String, estimator: CompetencyEstimator, now: Date, ownAttemptsOnly: Bool = false
    ) throws -> [SkillEvidence] {
        let includePractice = estimator.includePractice
        return try read { db in
            let sums = try Row.fetchAll(
                db, sql: Self.skillSumsSQL,
                arguments: [StoreCoding.seconds(now), estimator.halfLifeDays, learner, packID, includePractice, !ownAttemptsOnly])
            return try sums.map { row in
                let skill: String = row[0]
                let successes: Double = row[1]
                let total: Double = row[2]
                // The newest practice attempt weighs the most: practice carried weight if its recency is above 0.
                let newestPractice: Double? = row[3]
                let recent = try Row.fetchAll(
                    db, sql: Self.skillTrendSQL,
                    arguments: [learner, packID, skill, includePractice, !ownAttemptsOnly, max(0, estimator.trendLength)])
                return SkillEvidence(
                    skillID: skill, successes: successes, failures: max(0, total - successes), total: total,
                    includesPractice: newestPractice.map {
                        estimator.recencyFactor(finishedAt: StoreCoding.date($0), now: now) > 0
                    } ?? false,
                    recentAttempts: recent.reversed().map { SkillEvidence.AttemptPoints(earned: $0[0], possible: $0[1]) })
            }
        }
    }

    /// How many attempts (of any status) a learner has at a pack, of one mode when `mode` is given.
    public func attemptCount(learner: String, packID: String, mode: Quiz.Mode? = nil) throws -> Int {
        try read { db in
            guard let mode else {
                return try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM attempt WHERE learner = ? AND packID = ?", arguments: [learner, packID]
                ) ?? 0
            }
            return try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM attempt WHERE learner = ? AND packID = ? AND mode = ?",
                arguments: [learner, packID, mode.rawValue]
            ) ?? 0
        }
    }

    /// Per skill: Σ success × recency, Σ weight × recency (the failures are their difference), and the end of
    /// the newest practice attempt with weight; recency is `CompetencyEstimator.recencyFactor`, computed per
    /// row. Each use of `recency` evaluates `pow` again (SQLite flattens the subquery), and each costs as much
    /// as the rest of the scan: so two uses, not four.
    /// Arguments: now (seconds since 1970), half-life in days, learner, pack, include practice, include imported attempts.
    static let skillSumsSQL = """
        SELECT skill, SUM(success * recency), SUM(weight * recency),
               MAX(CASE WHEN mode = '\(Quiz.Mode.practice.rawValue)' AND weight > 0 THEN finishedAt END)
        FROM (SELECT skill, mode, weight, success, finishedAt,
                     pow(0.5, MAX(0.0, ?1 - finishedAt) / 86400.0 / ?2) AS recency
              FROM attempt_skill WHERE learner = ?3 AND packID = ?4 AND (?5 OR mode = '\(Quiz.Mode.exam.rawValue)')
                AND (?6 OR NOT EXISTS (SELECT 1 FROM imported_attempt i WHERE i.attemptID = attempt_skill.attemptID)))
        GROUP BY skill
        ORDER BY skill
        """

    /// A skill's points in its most recent attempts, newest first (ties on the end: the greater attempt id
    /// first, as the estimator orders them). Arguments: learner, pack, skill, include practice, include imported
    /// attempts, how many.
    static let skillTrendSQL = """
        SELECT points, maxPoints FROM attempt_skill
        WHERE learner = ? AND packID = ? AND skill = ? AND (? OR mode = '\(Quiz.Mode.exam.rawValue)')
          AND (? OR NOT EXISTS (SELECT 1 FROM imported_attempt i WHERE i.attemptID = attempt_skill.attemptID))
        ORDER BY finishedAt DESC, attemptID DESC
        LIMIT ?
        """
}
