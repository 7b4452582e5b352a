import Foundation

/// The operating characteristics of a `DecisionRule`, by simulation: simulated learners of a
/// known true ability answer until the rule decides, and the award rate and mean number of
/// questions are counted per ability. Seeded, so the published table can be reproduced.
public struct DecisionSimulation: Sendable {
    /// One row of the table.
    public struct Row: Sendable, Hashable {
        public var ability: Double
        /// The share of simulated learners awarded "proficient".
        public var awardRate: Double
        public var meanItems: Double
    }

    public var rule: DecisionRule
    public var learners: Int
    public var seed: UInt64

    /// The abilities the published table lists.
    public static let abilities = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9]

    public init(rule: DecisionRule = .default, learners: Int = 20_000, seed: UInt64 = 14) {
        self.rule = rule
        self.learners = learners
        self.seed = seed
    }

    /// The row for `ability` (the chance of answering each question right).
    public func row(ability: Double) -> Row {
        var generator = SeededGenerator(seed: seed ^ UInt64(ability * 1_000_000))
        var awarded = 0, items = 0
        let available = rule.maxItems
        for _ in 0..<learners {
            var right = 0, answered = 0
            while true {
                answered += 1
                if Double(generator.next() >> 11) / Double(1 << 53) < ability { right += 1 }
                switch rule.decide(right: right, answered: answered, available: available) {
                case .undecided: continue
                case .proficient: awarded += 1
                case .notYet: break
                }
                break
            }
            items += answered
        }
        return Row(ability: ability, awardRate: Double(awarded) / Double(learners), meanItems: Double(items) / Double(learners))
    }

    public func table(abilities: [Double] = Self.abilities) -> [Row] { abilities.map(row(ability:)) }

    /// The table as Markdown, with the fixed form (every learner answers `maxItems`) for comparison.
    public func markdown(abilities: [Double] = Self.abilities) -> String {
        var lines = [
            "| true ability | award rate | mean questions | share of the fixed form (\(rule.maxItems)) |",
            "|---|---|---|---|",
        ]
        for row in table(abilities: abilities) {
            lines.append(String(
                format: "| %.2f | %.1f %% | %.1f | %.0f %% |", row.ability, row.awardRate * 100, row.meanItems,
                row.meanItems / Double(rule.maxItems) * 100))
        }
        return lines.joined(separator: "\n")
    }
}
