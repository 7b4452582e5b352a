import Foundation

/// One skill's evidence from a learner's ended attempts at a pack, already summed and weighted.
///
/// It exists so a store can do the whole competency sum itself (in SQL, over totals it keeps per
/// attempt and skill) and hand the estimator one small value per skill instead of a million
/// responses: `CompetencyEstimator.estimate(pack:skills:)` turns these into the same report as
/// `estimate(pack:evidence:now:)` on the responses they sum, up to the order of floating-point additions.
public struct SkillEvidence: Sendable, Hashable {
    public var skillID: String
    /// Σ score × w over the skill's responses, where w = the skill's share of the question's skill
    /// weights × the difficulty weight × the attempt's recency factor (scores clamped to 0...1).
    public var successes: Double
    /// Σ (1 − score) × w.
    public var failures: Double
    /// Σ w: the skill's evidence.
    public var total: Double
    /// Whether a practice response carried weight.
    public var includesPractice: Bool
    /// Points earned and possible (each × the skill's share) in the most recent attempts that evidenced
    /// the skill, oldest first; the estimator keeps the last `trendLength`.
    public var recentAttempts: [AttemptPoints]

    public init(
        skillID: String, successes: Double, failures: Double, total: Double, includesPractice: Bool,
        recentAttempts: [AttemptPoints]
    ) {
        self.skillID = skillID
        self.successes = successes
        self.failures = failures
        self.total = total
        self.includesPractice = includesPractice
        self.recentAttempts = recentAttempts
    }

    /// One attempt's points for one skill, for the trend.
    public struct AttemptPoints: Sendable, Hashable {
        public var earned: Double
        public var possible: Double

        public init(earned: Double, possible: Double) {
            self.earned = earned
            self.possible = possible
        }

        /// The attempt's score fraction for the skill (0 when nothing was possible).
        public var fraction: Double { possible > 0 ? earned / possible : 0 }
    }
}
