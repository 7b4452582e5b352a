import AttestCore
import AttestTestSupport
import Testing

@Suite("AnswerParser")
struct AnswerParserTests {
    let pack = SamplePack.make()

    func presented(_ id: String, order: [Int] = []) -> PresentedQuestion {
        PresentedQuestion(question: pack.question(id)!, order: order)
    }

    func isInvalid(_ parse: AnswerParse) -> Bool {
        if case .invalid = parse { return true }
        return false
    }

    @Test(arguments: ["b", "B", " b ", "b\n"])
    func singleChoiceReadsOneLabelAndMapsBack(raw: String) {
        // Shown order: original 3, 1, 0, 2 — so label b is original option 1.
        #expect(AnswerParser.parse(raw, for: presented("sql-select", order: [3, 1, 0, 2])) == .answer(.choice([1])))
    }

    @Test(arguments: ["", "e", "ab", "a,b", "1", "bb"])
    func singleChoiceRejectsOthersWithAHint(raw: String) {
        #expect(AnswerParser.parse(raw, for: presented("sql-select", order: [0, 1, 2, 3]))
            == .invalid(hint: "answer with one letter, a–d"))
    }

    @Test(arguments: ["a,c", "a c", "ac", "A, C", "c a", "a;c", "  c,  a "])
    func multipleChoiceAcceptsSeparatedOrRunTogether(raw: String) {
        // Shown order: original 4, 2, 0, 1, 3 — a is 4, c is 0.
        #expect(AnswerParser.parse(raw, for: presented("sql-aggregates", order: [4, 2, 0, 1, 3]))
            == .answer(.choice([0, 4])))
    }

    @Test(arguments: ["", "a,a", "af", "a,,x", "a-c"])
    func multipleChoiceRejectsBadInput(raw: String) {
        let parse = AnswerParser.parse(raw, for: presented("sql-aggregates", order: [0, 1, 2, 3, 4]))
        #expect(isInvalid(parse))
        if case let .invalid(hint) = parse { #expect(hint.contains("a–e")) }
    }

    @Test func trueFalseForms() {
        let question = presented("sql-null")
        for raw in ["t", "T", "true", "TRUE", "yes", "y"] {
            #expect(AnswerParser.parse(raw, for: question) == .answer(.truth(true)))
        }
        for raw in ["f", "false", "False", "no", "n"] {
            #expect(AnswerParser.parse(raw, for: question) == .answer(.truth(false)))
        }
        for raw in ["", "maybe", "1", "tf"] {
            #expect(AnswerParser.parse(raw, for: question) == .invalid(hint: "answer t (true) or f (false)"))
        }
    }

    @Test func shortTextIsFreeButNotEmpty() {
        #expect(AnswerParser.parse("  The Median ", for: presented("stats-median")) == .answer(.text("The Median")))
        #expect(isInvalid(AnswerParser.parse("   ", for: presented("stats-median"))))
    }

    @Test(arguments: [
        ("3.5", 3.5), ("-2", -2), ("1e3", 1000), ("1,000", 1000), ("1 000", 1000), ("+4", 4), (".5", 0.5),
        ("1,234,567.25", 1_234_567.25), ("−7", -7), ("2.5E-2", 0.025), ("5.", 5), ("1\u{00A0}000", 1000),
        ("12 ms", 12), ("0", 0), ("-0.125", -0.125), ("1.000", 1),
    ])
    func numbersAreReadWithoutLocale(raw: String, expected: Double) {
        #expect(AnswerParser.parseNumber(raw, unit: "ms") == .value(expected))
    }

    @Test(arguments: ["3,5", "0,500", "1,5000", "12,3"])
    func decimalCommaIsRefusedAsAmbiguous(raw: String) {
        guard case let .invalid(hint) = AnswerParser.parseNumber(raw) else {
            Issue.record("\(raw) was accepted")
            return
        }
        #expect(hint.contains("ambiguous"))
    }

    @Test func ambiguousHintSuggestsBothReadings() {
        #expect(AnswerParser.parseNumber("3,5") == .invalid(
            hint: "a comma here is ambiguous: write 3.5 for a decimal, or 35 without the comma"))
    }

    @Test(arguments: ["", "abc", "1.2.3", "1e", "e3", "--1", "1,00,000", "1 0", "inf", "nan", "0x10", "1,000 000",
                      ".", "+", "1e400", "3 ms ms"])
    func nonNumbersAreRefused(raw: String) {
        #expect(AnswerParser.parseNumber(raw, unit: "ms")
            == .invalid(hint: "type a number, e.g. 3.5, -2 or 1e3 (a dot for decimals)"))
    }

    @Test func numericQuestionUsesItsUnit() {
        #expect(AnswerParser.parse(" 3 ", for: presented("stats-mean")) == .answer(.number(3)))
    }

    @Test(arguments: ["c a d b", "cadb", "c,a,d,b", "C, A, D, B", "c  a\td b"])
    func orderingReadsAPermutation(raw: String) {
        // Shown order: original 2, 0, 3, 1. Typing c a d b lists originals 3, 2, 1, 0.
        #expect(AnswerParser.parse(raw, for: presented("sql-order", order: [2, 0, 3, 1]))
            == .answer(.ordering([3, 2, 1, 0])))
    }

    @Test(arguments: ["c a d", "c a d b b", "c a d e", "", "cad"])
    func orderingMustNameEveryLabelOnce(raw: String) {
        #expect(AnswerParser.parse(raw, for: presented("sql-order", order: [2, 0, 3, 1]))
            == .invalid(hint: "put all 4 letters a–d in order, each once (e.g. d c b a)"))
    }

    @Test func labelsPastZ() {
        #expect(PresentedQuestion.label(at: 0) == "a")
        #expect(PresentedQuestion.label(at: 25) == "z")
        #expect(PresentedQuestion.label(at: 26) == "aa")
        #expect(PresentedQuestion.label(at: 27) == "ab")
    }

    @Test func choicesCarryLabelsAndOriginalIndices() {
        let choices = presented("sql-select", order: [3, 1, 0, 2]).choices
        #expect(choices.map(\.label) == ["a", "b", "c", "d"])
        #expect(choices.map(\.originalIndex) == [3, 1, 0, 2])
        #expect(choices[1].text == "WHERE")
        #expect(presented("sql-select", order: [3, 1, 0, 2]).label(forOriginal: 1) == "b")
    }

    @Test func randomInputNeverCrashesAndScoresStayInRange() {
        var generator = SeededGenerator(seed: 1337)
        let alphabet = Array("abcdefzABT ,.;-+e0123456789tfynms\u{2212}\u{00A0}é")
        for question in pack.questions {
            for _ in 0..<300 {
                let count: Int
                switch question.kind {
                case let .singleChoice(options), let .multipleChoice(options): count = options.count
                case let .ordering(items): count = items.count
                default: count = 0
                }
                let order = Array(0..<count).seededShuffled(using: &generator)
                let raw = String((0..<generator.nextInt(below: 9)).map { _ in alphabet[generator.nextInt(below: alphabet.count)] })
                guard case let .answer(answer) = AnswerParser.parse(raw, for: PresentedQuestion(question: question, order: order))
                else { continue }
                let score = Scoring.score(answer, for: question)
                #expect(score >= 0 && score <= 1)
                #expect((answer.selection ?? []).allSatisfy { (0..<count).contains($0) })
            }
        }
    }
}
