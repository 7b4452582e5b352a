import AttestCore
import Foundation
import Testing

@Suite("DecisionRule")
struct DecisionRuleTests {
    let rule = DecisionRule.default

    @Test func theSimulatedOperatingCharacteristicsMeetTheTargets() {
        let simulation = DecisionSimulation(learners: 4_000, seed: 14)
        let rows = simulation.table(abilities: [0.5, 0.6, 0.7, 0.8, 0.85, 0.9])
        let byAbility = Dictionary(uniqueKeysWithValues: rows.map { ($0.ability, $0) })
        #expect(byAbility[0.6]!.awardRate <= 0.05)
        #expect(byAbility[0.85]!.awardRate >= 0.90)
        let published = rows.filter { $0.ability != 0.85 }
        let meanShare = published.map(\.meanItems).reduce(0, +) / Double(published.count) / Double(rule.maxItems)
        #expect(meanShare <= 0.60)
        #expect(byAbility[0.5]!.awardRate < byAbility[0.7]!.awardRate && byAbility[0.7]!.awardRate < byAbility[0.9]!.awardRate)
    }

    /// docs/scoring.md prints what `attest-bench decision` prints (the default simulation): the published
    /// operating characteristics are the code's, not a hand-copied table that drifts.
    @Test func theTableInTheScoringDocsIsTheDefaultSimulations() throws {
        let docs = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/scoring.md"), encoding: .utf8)
        let table = DecisionSimulation().markdown()
        #expect(docs.contains(table), "docs/scoring.md should hold:\n\(table)")
    }

    @Test func exactCurtailmentStopsOnceTheFinalDecisionCannotChange() {
        // minItems 30 turns the sequential bounds off: only curtailment stops early.
        let short = DecisionRule(lower: 0.6, upper: 0.85, alpha: 0.03, beta: 0.1, minItems: 30, maxItems: 30)
        // Of 30, 23 right decide "proficient" whatever follows; 22 right do not yet.
        #expect(short.decide(right: 23, answered: 23, available: 30) == .proficient(items: 23, early: true))
        #expect(short.decide(right: 22, answered: 22, available: 30) == .undecided)
        // With 3 questions available, only 3 of 3 is proficient: one wrong answer settles "not yet".
        #expect(short.decide(right: 2, answered: 2, available: 3) == .undecided)
        #expect(short.decide(right: 0, answered: 1, available: 3) == .notYet(items: 1, early: true))
        #expect(short.decide(right: 1, answered: 1, available: 3) == .undecided)
        #expect(short.decide(right: 3, answered: 3, available: 3) == .proficient(items: 3, early: false))
    }

    @Test func theSequentialBoundsStopEarlyOnlyAfterTheMinimum() {
        let answers = Array(repeating: true, count: 30)
        #expect(rule.decide(answers, available: 30) == .proficient(items: 10, early: true))
        let strict = DecisionRule(lower: 0.6, upper: 0.85, alpha: 0.03, beta: 0.1, minItems: 12, maxItems: 30)
        #expect(strict.decide(answers, available: 30) == .proficient(items: 12, early: true))
        #expect(rule.decide([false, false, false, false, false], available: 30) == .notYet(items: 5, early: true))
    }

    @Test func theDecisionAtTheLastItemUsesTheMidpoint() {
        let mixed = (0..<30).map { $0 % 4 != 0 }
        let decision = rule.decide(mixed, available: 30)
        #expect(decision.isDecided)
        #expect(rule.decide(right: 23, answered: 30, available: 30) == .proficient(items: 30, early: false))
        #expect(rule.decide(right: 22, answered: 30, available: 30) == .notYet(items: 30, early: false))
    }
}
