import AttestCore
import AttestTestSupport
import Foundation
import Testing

@Suite("QuestionInstance")
struct QuestionInstanceTests {
    static let json = """
    {"format": 1, "id": "calc", "version": "1.0.0", "title": "Calc", "skills": [{"id": "s", "name": "S"}],
     "questions": [
      {"id": "velocity", "type": "numeric", "skill": "s", "difficulty": "medium", "pool": "exam",
       "variables": {"points": {"min": 20, "max": 60, "step": 2}, "sprints": {"values": [2, 3, 4]}},
       "prompt": "{points} points over {sprints} sprints: velocity?", "answer": "points / sprints", "tolerance": 0.01,
       "explanation": "{points} / {sprints} = {=points / sprints:2}"},
      {"id": "fixed", "type": "true-false", "skill": "s", "prompt": "Fixed?", "answer": true, "explanation": "x", "pool": "exam"}
     ],
     "quizzes": [{"id": "exam", "title": "E", "mode": "exam", "shuffleQuestions": false,
                  "sections": [{"from": {"questions": ["velocity", "fixed"]}}]}]}
    """

    static func pack() throws -> Pack {
        let result = PackDecoder().decode(bytes: Array(json.utf8), file: "calc.json")
        return try #require(result.pack, "\(result.diagnostics)")
    }

    @Test func eachSeedDrawsAnInstanceWhoseKeyIsComputed() throws {
        let pack = try Self.pack()
        var prompts = Set<String>()
        for seed in UInt64(1)...20 {
            let question = pack.instantiated(seed: seed, questionIDs: ["velocity"]).question("velocity")!
            prompts.insert(question.prompt)
            let instance = try #require(QuestionInstance.instance(of: pack.question("velocity")!, seed: seed))
            let expected = instance.values["points"]! / instance.values["sprints"]!
            guard case let .numeric(key) = question.kind else { Issue.record("not numeric"); return }
            #expect(key.accepts(expected) && !key.accepts(expected + 0.5))
            #expect(question.prompt == "\(Int(instance.values["points"]!)) points over \(Int(instance.values["sprints"]!)) sprints: velocity?")
            #expect(question.explanation?.hasSuffix(String(format: "%.2f", expected)) == true)
        }
        #expect(prompts.count > 5)
    }

    @Test func aResumedAttemptShowsAndScoresTheSameInstance() throws {
        let pack = try Self.pack()
        let quiz = pack.quiz("exam")!
        let clock = TestClock()
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: 77)
        var engine = QuizEngine(pack: pack, quiz: quiz, plan: plan, attemptID: "a1", clock: clock)
        let shown = try #require(engine.current).presented.question
        guard case let .numeric(key) = shown.kind, case let .absolute(value, _) = key.target else {
            Issue.record("not numeric"); return
        }
        guard case let .accepted(record, _) = engine.submit(CorrectAnswer.format((value * 100).rounded() / 100)) else {
            Issue.record("not accepted"); return
        }
        #expect(record.score == 1)
        // The process dies here; a new one resumes from the journaled record and responses.
        clock.advance(by: 30)
        let resumed = try QuizEngine.resume(
            pack: pack, quiz: quiz, record: engine.attemptRecord(learner: "ada"), responses: [record], clock: clock)
        #expect(resumed.pack.question("velocity") == shown)
        #expect(resumed.result().skills.first?.earned == 1)
    }

    /// An issuer re-checking a submission scores the instance the attempt's seed drew, not the template:
    /// a right answer counts, and the same answer to another seed's instance does not.
    @Test func reScoringASubmissionUsesTheAttemptsOwnInstance() throws {
        let pack = try Self.pack()
        let quiz = pack.quiz("exam")!
        for seed in UInt64(1)...12 {
            let clock = TestClock()
            let plan = try QuizPlan(pack: pack, quiz: quiz, seed: seed)
            var engine = QuizEngine(pack: pack, quiz: quiz, plan: plan, attemptID: "a\(seed)", clock: clock)
            guard case let .numeric(key) = try #require(engine.current).presented.question.kind,
                  case let .absolute(value, _) = key.target,
                  case let .accepted(velocity, _) = engine.submit(CorrectAnswer.format((value * 100).rounded() / 100)),
                  case let .accepted(fixed, _) = engine.submit("true")
            else { Issue.record("seed \(seed): not answered"); return }
            #expect(velocity.score == 1)
            let record = engine.attemptRecord(learner: "ada")
            #expect(SubmissionCheck.problems(record: record, responses: [velocity, fixed], jumps: [], pack: pack) == [],
                    "seed \(seed)")
            var wrong = velocity
            wrong.given = CorrectAnswer.format(value + 1)
            #expect(SubmissionCheck.problems(record: record, responses: [wrong, fixed], jumps: [], pack: pack)
                == ["response 1: recorded as 1.0 but scores 0.0 from the pack"])
        }
    }

    /// The journaled instance, not a new draw, is what a resumed attempt shows and scores: an attempt keeps its
    /// numbers even if a later version drew instances differently (here: values the seed would not draw).
    @Test func aResumedAttemptShowsTheJournaledInstanceNotANewDraw() throws {
        let pack = try Self.pack()
        let quiz = pack.quiz("exam")!
        let clock = TestClock()
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: 5)
        let engine = QuizEngine(pack: pack, quiz: quiz, plan: plan, attemptID: "a1", clock: clock)
        let drawn = try #require(engine.instances.first)
        #expect(engine.instances.map(\.questionID) == ["velocity"])
        #expect(drawn.prompt == engine.current?.presented.question.prompt)
        let other = drawn.values["points"] == 58 ? 60.0 : 58.0
        let journaled = try #require(InstanceRecord(
            question: pack.question("velocity")!, instance: QuestionInstance(values: ["points": other, "sprints": 4])))
        #expect(journaled.prompt == "\(Int(other)) points over 4 sprints: velocity?" && journaled.answer == other / 4)
        let resumed = try QuizEngine.resume(
            pack: pack, quiz: quiz, record: engine.attemptRecord(learner: "ada"), responses: [], clock: clock,
            instances: [journaled])
        #expect(resumed.instances == [journaled])
        let shown = try #require(resumed.current).presented.question
        #expect(shown.prompt == journaled.prompt && shown.prompt != drawn.prompt)
        guard case let .numeric(key) = shown.kind else { Issue.record("not numeric"); return }
        #expect(key.accepts(other / 4) && !key.accepts(other / 4 + 0.5))
    }

    /// An issuer re-scores a parameterised answer on the journaled values, rendered by its own copy of the pack;
    /// values the template cannot draw are refused, whatever texts and key the submission claims.
    @Test func reScoringUsesJournaledValuesThatTheTemplateAllows() throws {
        let pack = try Self.pack()
        let quiz = pack.quiz("exam")!
        let clock = TestClock()
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: 9)
        let question = pack.question("velocity")!
        let journaled = try #require(InstanceRecord(question: question, instance: QuestionInstance(values: ["points": 42, "sprints": 3])))
        var engine = QuizEngine(pack: pack, quiz: quiz, plan: plan, attemptID: "a1", clock: clock, journaled: [journaled])
        guard case let .accepted(velocity, _) = engine.submit("14"), case let .accepted(fixed, _) = engine.submit("true") else {
            Issue.record("not answered"); return
        }
        #expect(velocity.score == 1)
        let record = engine.attemptRecord(learner: "ada")
        #expect(SubmissionCheck.problems(record: record, responses: [velocity, fixed], jumps: [], pack: pack, instances: [journaled]) == [])
        var forged = journaled
        forged.values["points"] = 43
        forged.answer = 14
        #expect(SubmissionCheck.problems(record: record, responses: [velocity, fixed], jumps: [], pack: pack, instances: [forged])
            .contains("the instance of question velocity holds values its template cannot draw"))
        var claimed = journaled
        claimed.answer = 99
        #expect(SubmissionCheck.problems(record: record, responses: [velocity, fixed], jumps: [], pack: pack, instances: [claimed]) == [],
                "the key is computed from the values, never taken from the submission")
    }

    @Test func validationReportsATemplateThatCannotBeInstantiated() {
        let broken = Self.json.replacingOccurrences(of: "\"answer\": \"points / sprints\"", with: "\"answer\": \"points / (sprints - 3)\"")
        let result = PackDecoder().decode(bytes: Array(broken.utf8), file: "calc.json")
        // Each problem is at the field holding the expression: `answer` is on line 5, column 77.
        #expect(result.errors.contains {
            $0.message.contains("fails with points = 20, sprints = 3: division by zero") && $0.path == "/questions/0/answer"
                && $0.line == 5 && $0.column == 77
        }, "\(result.errors.map(\.description))")
        let unknown = Self.json.replacingOccurrences(of: "{=points / sprints:2}", with: "{=point / sprints:2}")
        #expect(PackDecoder().decode(bytes: Array(unknown.utf8), file: "calc.json").errors
            .contains { $0.message.contains("uses `point`, which is not one of the variables") && $0.path == "/questions/0/explanation" })
        let deep = Self.json.replacingOccurrences(of: "{points} points", with: "{=" + String(repeating: "(", count: 40) + "points} points")
        #expect(PackDecoder().decode(bytes: Array(deep.utf8), file: "calc.json").errors.contains {
            $0.path == "/questions/0/prompt" && $0.message == "a placeholder in `prompt`: the expression nests deeper than 32 at character 33"
        })
        let empty = Self.json.replacingOccurrences(of: "\"min\": 20, \"max\": 60", with: "\"min\": 60, \"max\": 20")
        #expect(PackDecoder().decode(bytes: Array(empty.utf8), file: "calc.json").errors
            .contains { $0.message.contains("empty range") && $0.path == "/questions/0/variables/points" })
    }
}

@Suite("ArithmeticExpression")
struct ArithmeticExpressionTests {
    static func value(_ text: String, _ values: [String: Double] = [:]) throws -> Double {
        try ExpressionParser.parse(text).evaluate(values).get()
    }

    @Test func precedenceAssociativityAndFunctions() throws {
        #expect(try Self.value("1 + 2 * 3") == 7)
        #expect(try Self.value("2 ^ 3 ^ 2") == 512)
        #expect(try Self.value("-2 ^ 2") == -4)
        #expect(try Self.value("(1 + 2) × 3 ÷ 9") == 1)
        #expect(try Self.value("round(a / b, 2)", ["a": 2, "b": 3]) == 0.67)
        #expect(try Self.value("max(sqrt(16), abs(-5)) + min(1, 2)") == 6)
        #expect(try Self.value("1.5e3 - floor(2.7) + ceil(0.2)") == 1499)
    }

    @Test func errorsAreLocatedAndBounded() {
        #expect(throws: ExpressionError.syntax("unexpected `;`", offset: 2)) { try ExpressionParser.parse("1 ; 2") }
        #expect(throws: ExpressionError.self) { try ExpressionParser.parse("system(1)") }
        #expect(throws: ExpressionError.self) { try ExpressionParser.parse(String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40)) }
        #expect(throws: ExpressionError.self) { try ExpressionParser.parse(Array(repeating: "1", count: 300).joined(separator: "+")) }
        #expect(ExpressionParser.parse2("1 / (a - a)", ["a": 1]) == .failure(.divisionByZero))
        #expect(ExpressionParser.parse2("10 ^ 400") == .failure(.notFinite))
        #expect(ExpressionParser.parse2("sqrt(-1)") == .failure(.outOfDomain("sqrt of a negative number")))
    }
}

extension ArithmeticExpressionTests {
    /// Hostile expressions are refused by the parser's limits, or evaluate to a located error, at once:
    /// nothing recurses without bound, allocates per digit of an exponent, or reads a megabyte character by character.
    @Test func hostileExpressionsAreRefusedWithALocation() {
        let huge = String(repeating: "1+", count: 500_000)
        #expect(throws: ExpressionError.tooComplex("the expression is longer than 500 characters", offset: 500)) {
            try ExpressionParser.parse(huge)
        }
        let parentheses = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        #expect(throws: ExpressionError.tooComplex("the expression nests deeper than 32", offset: 32)) {
            try ExpressionParser.parse(parentheses)
        }
        #expect(throws: ExpressionError.self) { try ExpressionParser.parse(Array(repeating: "2", count: 200).joined(separator: "^")) }
        #expect(throws: ExpressionError.self) { try ExpressionParser.parse(String(repeating: "-", count: 400) + "1") }
        #expect(throws: ExpressionError.syntax("`1e999` is not a number", offset: 2)) { try ExpressionParser.parse("2^1e999") }
        #expect(ExpressionParser.parse2("9^9^9^9") == .failure(.notFinite))
        #expect(ExpressionParser.parse2("10^1e300") == .failure(.notFinite))
        #expect(ExpressionParser.parse2("(0-1)^0.5") == .failure(.notFinite))
        #expect(ExpressionParser.parse2("0^(0-1)") == .failure(.notFinite))
        #expect(ExpressionParser.parse2("round(2, 1e300)") == .failure(.outOfDomain("round to 0…12 digits")))
        #expect(ExpressionParser.parse2("exp(exp(exp(9)))") == .failure(.notFinite))
        let text = "{=" + String(repeating: "(", count: 1_000_000) + "}"
        #expect(throws: ExpressionError.tooComplex("the expression is longer than 500 characters", offset: 500)) {
            try TemplateText.render(text, [:])
        }
        #expect(throws: ExpressionError.syntax("`{` without a closing `}`", offset: 0)) {
            try TemplateText.render("{" + String(repeating: "a", count: 1_000_000), [:])
        }
    }

    /// Validation evaluates every instance, so the work it may do per question is capped: a template whose
    /// combinations times expression parts exceed the budget is an error, not a minute-long load.
    @Test func validationRefusesATemplateTooCostlyToCheck() {
        let placeholder = "{=" + Array(repeating: "a", count: 100).joined(separator: "+") + "}"
        let prompt = String(repeating: placeholder + " ", count: 50)
        let json = """
        {"format": 1, "id": "costly", "version": "1.0.0", "title": "C", "skills": [{"id": "s", "name": "S"}],
         "questions": [{"id": "q", "type": "numeric", "skill": "s", "difficulty": "easy", "explanation": "x",
           "variables": {"a": {"min": 1, "max": 10000}}, "prompt": "\(prompt)", "answer": "a", "tolerance": 0}]}
        """
        let result = PackDecoder().decode(bytes: Array(json.utf8), file: "costly.json")
        #expect(result.errors.contains {
            $0.path == "/questions/0" && $0.message.contains("more than the \(QuestionInstance.evaluationBudget) allowed")
        }, "\(result.errors.map(\.description))")
    }
}

extension ExpressionParser {
    /// Parses and evaluates, for the tests' one-line expectations.
    static func parse2(_ text: String, _ values: [String: Double] = [:]) -> Result<Double, ExpressionError> {
        (try? parse(text)).map { $0.evaluate(values) } ?? .failure(.syntax("did not parse", offset: 0))
    }
}
