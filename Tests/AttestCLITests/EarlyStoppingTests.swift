import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// An exam with a decision rule, sat through the real binary at a pseudo-terminal: a skill's section stops
/// once the rule decides, says so, and a `kill -9` after the decision resumes in the same stopping state.
@Suite("EarlyStopping", .serialized)
struct EarlyStoppingTests {
    typealias Key = PseudoTerminal.Key

    /// Nine true Scrum statements (all drawn) and two true Kanban ones; the rule settles "proficient" after five
    /// right answers (ln 1.8 per right answer against a bound of ln 18).
    static let pack: String = {
        let scrum = (1...9).map { index in
            #"{ "id": "s\#(index)", "type": "true-false", "skill": "scrum", "prompt": "Scrum fact \#(index).", "answer": true, "#
                + #""difficulty": "medium", "explanation": "It is so." }"#
        }
        let kanban = (1...2).map { index in
            #"{ "id": "k\#(index)", "type": "true-false", "skill": "kanban", "prompt": "Kanban fact \#(index).", "answer": true, "#
                + #""difficulty": "medium", "explanation": "It is so." }"#
        }
        return """
            {
              "format": 1, "id": "agile", "version": "1.0.0", "title": "Agile",
              "skills": [{ "id": "scrum", "name": "Scrum" }, { "id": "kanban", "name": "Kanban" }],
              "questions": [\((scrum + kanban).joined(separator: ",\n"))],
              "quizzes": [
                { "id": "agile-exam", "title": "Agile exam", "mode": "exam", "timeLimit": 3600,
                  "decision": { "lower": 0.5, "upper": 0.9, "alpha": 0.05, "beta": 0.1, "minItems": 3, "maxItems": 10 },
                  "sections": [{ "title": "Scrum", "draw": 9, "from": { "skills": ["scrum"] } },
                               { "title": "Kanban", "draw": 2, "from": { "skills": ["kanban"] } }] }
              ]
            }
            """
    }()

    private func start(_ sandbox: AttestSandbox, _ arguments: [String]) throws -> PseudoTerminal {
        let packs = try sandbox.write(Self.pack, to: "packs/agile.json")
        let binary = try #require(AttestBinary.path)
        return try PseudoTerminal.spawn(
            executable: binary, arguments: arguments + ["--packs", URL(fileURLWithPath: packs).deletingLastPathComponent().path],
            environment: sandbox.environment)
    }

    private func answerScrum(_ terminal: PseudoTerminal, times: Int) throws {
        for number in 1...times {
            try terminal.waitFor("Question \(number) of 11", timeout: .seconds(10), ignoringEscapes: true)
            try terminal.waitFor("answer>", ignoringEscapes: true)
            try terminal.send("t" + Key.enter)
            try terminal.waitFor("Answer recorded.", ignoringEscapes: true)
        }
    }

    @Test func theSectionStopsOnceDecidedAndTheScreenSaysSo() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox, ["take", "agile-exam", "--seed", "3"])
        defer { terminal.close() }
        try answerScrum(terminal, times: 5)
        try terminal.waitFor("Decision reached for Scrum: proficient — 4 questions saved", ignoringEscapes: true)
        try terminal.waitFor("Question 10 of 11", ignoringEscapes: true)
        try terminal.waitFor("Kanban fact", ignoringEscapes: true)
        for _ in 0..<2 {
            try terminal.waitFor("answer>", ignoringEscapes: true)
            try terminal.send("t" + Key.enter)
            try terminal.waitFor("Answer recorded.", ignoringEscapes: true)
        }
        try terminal.waitFor("PASSED", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("decided proficient after 5", ignoringEscapes: true)
        try terminal.waitFor("4 questions were not needed", ignoringEscapes: true)
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)
        let screen = PseudoTerminal.strippingEscapes(terminal.output)
        #expect(!screen.contains("Question 6 of 11"), "the saved Scrum questions are never shown")
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "agile", quizID: nil, mode: nil).first)
        #expect(attempt.status == .completed)
        #expect(try store.responses(attemptID: attempt.id).map(\.position) == [0, 1, 2, 3, 4, 9, 10])
    }

    @Test func accessibleModeSaysTheDecisionAsAPlainLine() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox, ["take", "agile-exam", "--seed", "3", "--accessible"])
        defer { terminal.close() }
        try answerScrum(terminal, times: 5)
        try terminal.waitFor("\nDecision reached for Scrum: proficient — 4 questions saved\r")
        terminal.close()
    }

    @Test func killNineAfterTheDecisionResumesWithoutTheSavedQuestions() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox, ["take", "agile-exam", "--seed", "3"])
        try answerScrum(terminal, times: 5)
        try terminal.waitFor("Question 10 of 11", ignoringEscapes: true)
        kill(terminal.processID!, SIGKILL)
        _ = try? terminal.waitForExit()
        terminal.close()

        let again = try start(sandbox, ["resume"])
        defer { again.close() }
        try again.waitFor("Question 10 of 11", timeout: .seconds(10), ignoringEscapes: true)
        try again.waitFor("answer>", ignoringEscapes: true)
        try again.send("t" + Key.enter)
        try again.waitFor("Question 11 of 11", ignoringEscapes: true)
        try again.waitFor("answer>", ignoringEscapes: true)
        try again.send("f" + Key.enter)
        try again.waitFor("Results:", timeout: .seconds(10), ignoringEscapes: true)
        #expect(try again.waitForExit(timeout: .seconds(10)) == 0)
        let screen = PseudoTerminal.strippingEscapes(again.output)
        #expect(!screen.contains("Scrum fact"), "no Scrum question is asked again")
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "agile", quizID: nil, mode: nil).first)
        #expect(attempt.status == .completed)
        #expect(try store.responses(attemptID: attempt.id).map(\.position) == [0, 1, 2, 3, 4, 9, 10])
    }
}
