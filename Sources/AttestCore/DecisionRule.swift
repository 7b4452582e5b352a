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

/// Where a skill's sequential decision stands after some answers.
public enum SkillDecision: Sendable, Hashable {
    case undecided
    /// Decided after `items` answers; `early` when before the last allowed one.
    case proficient(items: Int, early: Bool)
    case notYet(items: Int, early: Bool)

    public var isDecided: Bool { self != .undecided }
}

extension DecisionRule {
    /// Log-likelihood-ratio step for a right answer.
    public var rightStep: Double { Foundation.log(upper / lower) }
    /// Log-likelihood-ratio step for a wrong answer (negative).
    public var wrongStep: Double { Foundation.log((1 - upper) / (1 - lower)) }
    /// The ratio at or above which the rule stops at "proficient".
    public var upperBound: Double { Foundation.log((1 - beta) / alpha) }
    /// The ratio at or below which the rule stops at "not yet".
    public var lowerBound: Double { Foundation.log(beta / (1 - alpha)) }
    /// The ratio the decision at the last item is taken against.
    public var finalCut: Double { (upperBound + lowerBound) / 2 }

    /// The decision after `right` right answers out of `answered`, when at most `available`
    /// questions of the skill can be asked (the section's draw; `maxItems` caps it).
    public func decide(right: Int, answered: Int, available: Int) -> SkillDecision {
        let last = max(1, min(maxItems, available))
        let ratio = Double(right) * rightStep + Double(answered - right) * wrongStep
        if answered >= last {
            return ratio >= finalCut ? .proficient(items: answered, early: false) : .notYet(items: answered, early: false)
        }
        let remaining = Double(last - answered)
        // Exact curtailment: the final decision can no longer change.
        if ratio + remaining * wrongStep >= finalCut { return .proficient(items: answered, early: true) }
        if ratio + remaining * rightStep < finalCut { return .notYet(items: answered, early: true) }
        guard answered >= minItems else { return .undecided }
        if ratio >= upperBound { return .proficient(items: answered, early: true) }
        if ratio <= lowerBound { return .notYet(items: answered, early: true) }
        return .undecided
    }

    /// Runs the rule on a sequence of answers (true = right) until it decides.
    public func decide(_ answers: some Sequence<Bool>, available: Int) -> SkillDecision {
        var right = 0, answered = 0
        for answer in answers {
            answered += 1
            if answer { right += 1 }
            let decision = decide(right: right, answered: answered, available: available)
            if decision.isDecided { return decision }
        }
        return .undecided
    }
}
