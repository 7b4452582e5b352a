import Foundation

/// How an exam decides, per skill, between "proficient" and "not yet", with known error rates.
///
/// A truncated sequential probability ratio test (Wald) between two hypotheses about the
/// learner's chance of answering a question of the skill right: `upper` (proficient) against
/// `lower` (not yet). After each answer the log likelihood ratio moves up by ln(upper/lower)
/// for a right answer and down by ln((1-upper)/(1-lower)) for a wrong one. Once at least
/// `minItems` questions are answered it stops at "proficient" when the ratio reaches
/// ln((1-beta)/alpha) and at "not yet" when it falls to ln(beta/(1-alpha)). At `maxItems` it
/// decides by the midpoint of those two bounds. It also stops as soon as that final decision
/// can no longer change whatever the remaining answers are (exact curtailment).
/// docs/scoring.md prints the rule's operating characteristics.
public struct DecisionRule: Sendable, Hashable, Codable {
    /// The chance of a right answer at which a learner is not yet proficient.
    public var lower: Double
    /// The chance of a right answer at which a learner is proficient.
    public var upper: Double
    /// The nominal chance of awarding "proficient" at `lower`.
    public var alpha: Double
    /// The nominal chance of withholding "proficient" at `upper`.
    public var beta: Double
    /// No decision before this many answers of the skill (curtailment aside).
    public var minItems: Int
    /// The decision is taken at this many answers at the latest.
    public var maxItems: Int

    public static let `default` = DecisionRule(lower: 0.6, upper: 0.85, alpha: 0.03, beta: 0.10, minItems: 5, maxItems: 30)
    /// The bounds a pack's values must respect (checked by the decoder).
    public static let itemLimit = 200

    public init(lower: Double, upper: Double, alpha: Double, beta: Double, minItems: Int, maxItems: Int) {
        self.lower = lower
        self.upper = upper
        self.alpha = alpha
        self.beta = beta
        self.minItems = minItems
        self.maxItems = maxItems
    }
}
