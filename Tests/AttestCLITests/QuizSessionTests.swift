import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// Sitting quizzes at a real terminal: countdowns, time-outs, crashes and signals.
@Suite("QuizSession", .serialized)
struct QuizSessionTests {
    typealias Key = PseudoTerminal.Key

    /// A pack with a 1-second question limit and a long whole-quiz limit.
    static let timedPack = """
        {
          "format": 1, "id": "clockwork", "version": "1.0.0", "title": "Clockwork",
          "skills": [{ "id": "time", "name": "Timekeeping" }],
          "questions": [
            { "id": "q1", "type": "true-false", "skill": "time", "prompt": "Noon is 12:00.", "answer": true, "explanation": "By definition." },
            { "id": "q2", "type": "true-false", "skill": "time", "prompt": "A day has 25 hours.", "answer": false, "explanation": "It has 24." },
            { "id": "q3", "type": "numeric", "skill": "time", "prompt": "Minutes in an hour?", "answer": 60, "explanation": "Sixty." }
          ],
          "quizzes": [
            { "id": "clockwork-exam", "title": "Clockwork exam", "mode": "exam", "timeLimit": 600, "questionTimeLimit": 1,
              "shuffleQuestions": false, "sections": [{ "from": { "skills": ["time"] } }] },
            { "id": "clockwork-slow", "title": "Clockwork slow exam", "mode": "exam", "timeLimit": 600,
              "shuffleQuestions": false, "sections": [{ "from": { "skills": ["time"] } }] }
          ]
        }
        """

    private func start(_ sandbox: AttestSandbox, _ arguments: [String]) throws -> PseudoTerminal {
        let packs = try sandbox.write(Self.timedPack, to: "packs/clockwork.json")
        let binary = try #require(AttestBinary.path)
        return try PseudoTerminal.spawn(
            executable: binary, arguments: arguments + ["--packs", URL(fileURLWithPath: packs).deletingLastPathComponent().path],
            environment: sandbox.environment)
    }

    @Test func aShippedExamTakenAtTheKeyboardToTheEnd() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("data-analytics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "data-analytics-quick-check", seed: 4)
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(
            executable: binary, arguments: ["take", "data-analytics-quick-check", "--seed", "4"], environment: sandbox.environment)
        defer { terminal.close() }
        for (index, answer) in answers.enumerated() {
            try terminal.waitFor("Question \(index + 1) of \(answers.count)", timeout: .seconds(10), ignoringEscapes: true)
            try terminal.waitFor("answer>", ignoringEscapes: true)
            try terminal.send(answer + Key.enter)
            try terminal.waitFor("Answer recorded.", ignoringEscapes: true)
        }
        try terminal.waitFor("PASSED", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("Your competency now", ignoringEscapes: true)
        #expect(try terminal.waitForExit() == 0)
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "data-analytics", quizID: nil, mode: nil).first)
        #expect(attempt.status == .completed)
        #expect(try store.responses(attemptID: attempt.id).map(\.given) == answers)
    }

    @Test func idleQuestionTimesOutByItselfWithAVisibleCountdown() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox, ["take", "clockwork-exam"])
        defer { terminal.close() }
        try terminal.waitFor("Noon is 12:00.", timeout: .seconds(10), ignoringEscapes: true)
        let began = Date()
        try terminal.waitFor("⏱ 0:01", timeout: .seconds(3), ignoringEscapes: true)
        try terminal.waitFor("Time is up for question 1", timeout: .seconds(3), ignoringEscapes: true)
        #expect(Date().timeIntervalSince(began) < 4, "a 1-second question limit ends the question by itself")
        try terminal.send("f" + Key.enter)
        try terminal.waitFor("Answer recorded.", timeout: .seconds(3), ignoringEscapes: true)
        try terminal.waitFor("Time is up for question 3", timeout: .seconds(5), ignoringEscapes: true)
        try terminal.waitFor("Results:", timeout: .seconds(5), ignoringEscapes: true)
        #expect(try terminal.waitForExit() == 0)
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "clockwork", quizID: nil, mode: nil).first)
        #expect(attempt.status == .completed)
        #expect(try store.responses(attemptID: attempt.id).map(\.outcome) == [.timedOut, .answered, .timedOut])
    }

    @Test func killNineLosesNothingAndTheNextStartOffersToResume() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox, ["take", "clockwork-slow"])
        try terminal.waitFor("Noon is 12:00.", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.send("t" + Key.enter)
        try terminal.waitFor("Answer recorded.", ignoringEscapes: true)
        try terminal.send("t" + Key.enter)
        try terminal.waitFor("Answer recorded.", ignoringEscapes: true)
        kill(terminal.processID!, SIGKILL)
        _ = try terminal.waitForExit()
        terminal.close()

        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.unfinishedAttempts(learner: "ada").first)
        #expect(try store.responses(attemptID: attempt.id).map(\.given) == ["t", "t"])
        #expect(try store.check().isEmpty)

        let again = try start(sandbox, [])
        defer { again.close() }
        try again.waitFor("An attempt did not finish", timeout: .seconds(10), ignoringEscapes: true)
        try again.waitFor("2/3 answered", ignoringEscapes: true)
        try again.send("y" + Key.enter)
        try again.waitFor("Minutes in an hour?", ignoringEscapes: true)
        try again.send("60" + Key.enter)
        try again.waitFor("Results:", ignoringEscapes: true)
        try again.waitFor("attest>", ignoringEscapes: true)
        try again.send("quit" + Key.enter)
        #expect(try again.waitForExit() == 0)
        #expect(try store.attempt(attempt.id)?.status == .completed)
        #expect(try store.responses(attemptID: attempt.id).map(\.given) == ["t", "t", "60"])
    }

    @Test func sigtermRecordsTheAttemptAsInterruptedAndRestoresTheTerminal() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox, ["take", "clockwork-slow"])
        defer { terminal.close() }
        let before = try terminal.terminalModes()
        try terminal.waitFor("Noon is 12:00.", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.send("t" + Key.enter)
        try terminal.waitFor("Answer recorded.", ignoringEscapes: true)
        kill(terminal.processID!, SIGTERM)
        #expect(try terminal.waitForExit() == 143)
        #expect(try terminal.terminalModes() == before)
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "clockwork", quizID: nil, mode: nil).first)
        #expect(attempt.status == .interrupted)
        #expect(try store.responses(attemptID: attempt.id).count == 1)
        #expect(try store.unfinishedAttempts(learner: "ada").map(\.id) == [attempt.id], "an interrupted attempt can be resumed")
    }

    @Test func reviewHasALegendPracticeMarksWrongAnswersAndGotoOpensAQuestion() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("ai-basics"))
        let wrong = try ShippedPacks.answers(pack: pack, quiz: "ai-basics-practice", seed: 3, correct: false)
        let input = [wrong[0], ":review", ":goto 1", ":goto 9", ":help", ":quit", "y"].joined(separator: "\n") + "\n"
        let run = try sandbox.run(["take", "ai-basics-practice", "--seed", "3", "--no-color"], input: input)
        #expect(run.standardOutput.contains("1✗"), "a wrong practice answer is not shown as ✓: \(run.standardOutput)")
        #expect(run.standardOutput.contains("✓ right · ✗ not fully right · – skipped · · not yet answered"))
        #expect(run.standardOutput.contains("you can only go to questions you have already reached"))
        #expect(run.standardOutput.contains(":goto N   go to question N"))
    }

    @Test func anExamWithoutGoingBackOffersNoFlagAndItsReviewSaysAnswered() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("ai-basics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "ai-basics-exam", seed: 3)
        let input = [answers[0], ":flag", ":help", ":review", ":quit", "y"].joined(separator: "\n") + "\n"
        let run = try sandbox.run(["take", "ai-basics-exam", "--seed", "3", "--no-color"], input: input)
        #expect(run.standardOutput.contains("this quiz does not allow going back"))
        #expect(!run.standardOutput.contains(":flag     flag"))
        #expect(run.standardOutput.contains("1•") && run.standardOutput.contains("• answered ·"), "\(run.standardOutput)")
        #expect(!run.standardOutput.contains("⚑ flagged"))
    }
}
