import Foundation

/// The responses of one ended attempt that share a skill list and a difficulty, summed.
///
/// Competency weights depend only on the attempt (mode, recency), the question's skill weights and
/// its difficulty, so the reference estimator (`CompetencyEstimator.estimate(pack:evidence:now:)`, the
/// definition the store's per-skill totals are tested against) works on these sums.
public struct EvidenceGroup: Sendable, Hashable {
    public var attemptID: String
    public var mode: Quiz.Mode
    /// When the attempt ended (recency is measured from here).
    public var finishedAt: Date
    public var skills: [SkillWeight]
    public var difficulty: Difficulty
    /// How many effective responses the group sums.
    public var count: Int
    /// The sum of the responses' scores, each clamped to 0...1.
    public var scoreSum: Double
    public var pointsSum: Double
    public var maxPointsSum: Double

    public init(
        attemptID: String, mode: Quiz.Mode, finishedAt: Date, skills: [SkillWeight], difficulty: Difficulty,
        count: Int, scoreSum: Double, pointsSum: Double, maxPointsSum: Double
    ) {
        self.attemptID = attemptID
        self.mode = mode
        self.finishedAt = finishedAt
        self.skills = skills
        self.difficulty = difficulty
        self.count = count
        self.scoreSum = scoreSum
        self.pointsSum = pointsSum
        self.maxPointsSum = maxPointsSum
    }

    /// One response as a group of one.
    public init(single evidence: Evidence) {
        let response = evidence.response
        self.init(
            attemptID: response.attemptID, mode: evidence.mode, finishedAt: evidence.finishedAt, skills: response.skills,
            difficulty: response.difficulty, count: 1, scoreSum: min(1, max(0, response.score)), pointsSum: response.points,
            maxPointsSum: response.maxPoints)
    }
}
