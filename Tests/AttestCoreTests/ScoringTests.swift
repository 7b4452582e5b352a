import AttestCore
import AttestTestSupport
import Testing

@Suite("Scoring")
struct ScoringTests {
    let pack = SamplePack.make()

    func score(_ id: String, _ answer: Answer) -> Double {
        Scoring.score(answer, for: pack.question(id)!)
    }

    @Test func singleChoiceIsAllOrNothing() {
        #expect(score("sql-select", .choice([1])) == 1)
        #expect(score("sql-select", .choice([0])) == 0)
        #expect(score("sql-select", .choice([9])) == 0)
        #expect(score("sql-select", .truth(true)) == 0)
    }

    @Test func multipleChoiceRewardsCorrectAndPenalisesWrong() {
        // Options: COUNT✓ SUM✓ UPPER✗ AVG✓ TRIM✗ — k = 3, w = 2.
        #expect(score("sql-aggregates", .choice([0, 1, 3])) == 1)
        #expect(abs(score("sql-aggregates", .choice([0, 1])) - 2.0 / 3) < 1e-12)
        #expect(abs(score("sql-aggregates", .choice([0, 1, 3, 2])) - 0.5) < 1e-12)
        #expect(abs(score("sql-aggregates", .choice([0, 1, 2])) - 1.0 / 6) < 1e-12)
        #expect(score("sql-aggregates", .choice([0, 2])) == 0)  // 1/3 − 1/2 clamps to 0
        #expect(score("sql-aggregates", .choice([0, 1, 2, 3, 4])) == 0)
        #expect(score("sql-aggregates", .choice([2, 4])) == 0)
    }

    @Test func multipleChoiceWithNoWrongOptions() {
        let options = [Option(text: "x", correct: true), Option(text: "y", correct: true)]
        #expect(Scoring.multipleChoiceScore(options: options, chosen: [0]) == 0.5)
        #expect(Scoring.multipleChoiceScore(options: options, chosen: [0, 1]) == 1)
    }

    @Test func trueFalse() {
        #expect(score("sql-null", .truth(false)) == 1)
        #expect(score("sql-null", .truth(true)) == 0)
    }

    @Test func shortTextNormalises() {
        #expect(score("stats-median", .text("  The   MEDIAN ")) == 1)
        #expect(score("stats-median", .text("médian")) == 1)  // ignoreDiacritics
        #expect(score("stats-median", .text("mean")) == 0)
        #expect(score("stats-mode", .text("MODE")) == 1)
        #expect(score("stats-mode", .text("mödé")) == 0)  // diacritics matter by default
    }

    @Test func shortTextPatternMustMatchInFull() {
        #expect(score("stats-mode", .text("The Modes")) == 1)
        #expect(score("stats-mode", .text("the mode please")) == 0)
        #expect(score("stats-mode", .text("xmode")) == 0)
        let key = ShortTextKey(accept: ["zz"], pattern: "a|ab")
        #expect(Scoring.textMatches("ab", key: key))
        #expect(!Scoring.textMatches("abc", key: ShortTextKey(accept: ["zz"], pattern: "[")))
    }

    @Test func normalisationIsCanonical() {
        #expect(Scoring.normalizedText("Cafe\u{301}", ignoreDiacritics: false) == Scoring.normalizedText("café", ignoreDiacritics: false))
        #expect(Scoring.normalizedText("Crème  Brûlée", ignoreDiacritics: true) == "creme brulee")
    }

    @Test func numericUsesTheKey() {
        #expect(score("stats-mean", .number(3)) == 1)
        #expect(score("stats-mean", .number(3.0001)) == 0)
        #expect(score("stats-sd", .number(0.0005)) == 1)
        #expect(score("stats-sd", .number(0.01)) == 0)
        #expect(NumericKey(target: .relative(value: 200, tolerance: 0.01)).accepts(202))
    }

    @Test func orderingCountsPairsInOrder() {
        #expect(score("sql-order", .ordering([0, 1, 2, 3])) == 1)
        #expect(score("sql-order", .ordering([3, 2, 1, 0])) == 0)
        #expect(score("sql-order", .ordering([1, 0, 2, 3])) == 5.0 / 6)
        #expect(score("sql-order", .ordering([0, 1, 2])) == 0)
        #expect(Scoring.pairwiseOrderFraction([2, 0, 1]) == 1.0 / 3)
    }

    @Test func difficultyWeights() {
        #expect(Scoring.difficultyWeight(.easy) == 0.8)
        #expect(Scoring.difficultyWeight(.medium) == 1.0)
        #expect(Scoring.difficultyWeight(.hard) == 1.25)
    }

    @Test func scoresStayInUnitIntervalForRandomAnswers() {
        var generator = SeededGenerator(seed: 31)
        for _ in 0..<500 {
            let optionCount = 2 + generator.nextInt(below: 6)
            var options = (0..<optionCount).map { Option(text: "o\($0)", correct: generator.nextInt(below: 2) == 0) }
            options[generator.nextInt(below: optionCount)].correct = true
            let chosen = Array(0..<optionCount).seededSample(generator.nextInt(below: optionCount + 1), using: &generator)
            let value = Scoring.multipleChoiceScore(options: options, chosen: chosen)
            #expect(value >= 0 && value <= 1)
            let order = Array(0..<optionCount).seededShuffled(using: &generator)
            let fraction = Scoring.pairwiseOrderFraction(order)
            #expect(fraction >= 0 && fraction <= 1)
        }
    }
}
