import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// Sitting quizzes at a real terminal: countdowns, time-outs, crashes and signals.
@Suite("QuizSession", .serialized)
struct QuizSessionTests {
    typealias Key = PseudoTerminal.Key

    /// A pack with a 1-second question limit and a long whole-quiz limit. Question 2 has a minute of its
    /// own, so a test that answers it is not racing a 1-second deadline on a loaded machine.
    static let timedPack = """
        {
          "format": 1, "id": "clockwork", "version": "1.0.0", "title": "Clockwork",
          "skills": [{ "id": "time", "name": "Timekeeping" }],
          "questions": [
            { "id": "q1", "type": "true-false", "skill": "time", "prompt": "Noon is 12:00.", "answer": true, "explanation": "By definition." },
            { "id": "q2", "type": "true-false", "skill": "time", "prompt": "A day has 25 hours.", "answer": false, "explanation": "It has 24.", "timeLimit": 60 },
            { "id": "q3", "type": "numeric", "skill": "time", "prompt": "Minutes in an hour?", "answer": 60, "explanation": "Sixty." }
          ],
          "quizzes": [
            { "id": "clockwork-exam", "title": "Clockwork exam", "mode": "exam", "timeLimit": 600, "questionTimeLimit": 1,
              "shuffleQuestions": false, "sections": [{ "from": { "skills": ["time"] } }] },
            { "id": "clockwork-slow", "title": "Clockwork slow exam", "mode": "exam", "timeLimit": 600,
              "shuffleQuestions": false, "sections": [{ "from": { "skills": ["time"] } }] },
            { "id": "clockwork-tight", "title": "Clockwork tight exam", "mode": "exam", "timeLimit": 12, "questionTimeLimit": 11,
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

    @Test func aShortExamTakenAtTheKeyboardToTheEnd() throws {
        let sandbox = try AttestSandbox()
        let pack = try ShippedPacks.installShortExam(in: sandbox)
        let answers = try ShippedPacks.answers(pack: pack, quiz: ShippedPacks.shortExamID, seed: 4)
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(
            executable: binary, arguments: ["take", ShippedPacks.shortExamID, "--seed", "4"], environment: sandbox.environment)
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
        try terminal.waitFor("⏱ 0:0", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("Time is up for question 1", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("A day has 25 hours.", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("answer>", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.send("f" + Key.enter)
        try terminal.waitFor("Answer recorded.", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("Time is up for question 3", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("Results:", timeout: .seconds(10), ignoringEscapes: true)
        #expect(try terminal.waitForExit() == 0)
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "clockwork", quizID: nil, mode: nil).first)
        #expect(attempt.status == .completed)
        let responses = try store.responses(attemptID: attempt.id)
        #expect(responses.map(\.outcome) == [.timedOut, .answered, .timedOut])
        for response in responses where response.outcome == .timedOut {
            #expect(abs(response.answeredAt.timeIntervalSince(response.shownAt) - 1) < 0.01, "ended by its 1-second limit")
        }
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

    /// Starts an exam, answers its first question, and kills the process: an unfinished attempt is left behind.
    private func leaveUnfinished(_ sandbox: AttestSandbox, quiz: String = "clockwork-slow") throws -> AttemptRecord {
        let terminal = try start(sandbox, ["take", quiz])
        try terminal.waitFor("Noon is 12:00.", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.send("t" + Key.enter)
        try terminal.waitFor("Answer recorded.", ignoringEscapes: true)
        kill(terminal.processID!, SIGKILL)
        _ = try terminal.waitForExit()
        terminal.close()
        return try #require(try AttestDatabase.open(path: sandbox.storePath).unfinishedAttempts(learner: "ada").first)
    }

    /// Changes the store behind Attest's back with the sqlite3 shell, as another program could.
    private func execute(_ statement: String, in sandbox: AttestSandbox) throws {
        let sql = Process()
        sql.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sql.arguments = ["-cmd", ".timeout 10000", sandbox.storePath, statement]
        try sql.run()
        sql.waitUntilExit()
        #expect(sql.terminationStatus == 0)
    }

    @Test func theResumePromptTakesOnlyItsAnswersAndAsksAgain() throws {
        let sandbox = try AttestSandbox()
        let attempt = try leaveUnfinished(sandbox)
        let terminal = try start(sandbox, [])
        defer { terminal.close() }
        try terminal.waitFor("Resume it now? [Y/n]", timeout: .seconds(10), ignoringEscapes: true)
        for stray in ["packs", "nope", "resume --list", ":quit"] {
            try terminal.send(stray + Key.enter)
            try terminal.waitFor("Please answer y or n", ignoringEscapes: true)
            try terminal.waitFor("Resume it now? [Y/n]", ignoringEscapes: true)
        }
        try terminal.send("No" + Key.enter)
        try terminal.waitFor("It stays unfinished", ignoringEscapes: true)
        try terminal.waitFor("attest>", ignoringEscapes: true)
        #expect(!terminal.output.contains("A day has 25 hours."), "no stray answer started the exam")
        try terminal.send("quit" + Key.enter)
        #expect(try terminal.waitForExit() == 0)
        #expect(try AttestDatabase.open(path: sandbox.storePath).attempt(attempt.id)?.status == .inProgress)
    }

    @Test func anExamWhoseTimeRanOutWhileClosedIsSubmittedWithoutAsking() throws {
        let sandbox = try AttestSandbox()
        let attempt = try leaveUnfinished(sandbox)
        try execute("UPDATE attempt SET startedAt = startedAt - 700 WHERE id = '\(attempt.id)'", in: sandbox)
        let terminal = try start(sandbox, [])
        defer { terminal.close() }
        try terminal.waitFor("time ran out while Attest was closed", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("Results:", ignoringEscapes: true)
        try terminal.waitFor("attest>", ignoringEscapes: true)
        #expect(!terminal.output.contains("Resume it now?"))
        try terminal.send("quit" + Key.enter)
        #expect(try terminal.waitForExit() == 0)
        #expect(try AttestDatabase.open(path: sandbox.storePath).attempt(attempt.id)?.status == .timedOut)
    }

    @Test func ctrlDOnAnEmptyAnswerLineAsksFirstAndNeverShowsUnreachedKeys() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox, ["take", "clockwork-slow"])
        defer { terminal.close() }
        try terminal.waitFor("Noon is 12:00.", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("answer>", ignoringEscapes: true)
        try terminal.send(Key.ctrlD)
        try terminal.waitFor("Quit the exam? It is recorded as abandoned with 0 answers given. [y/N]", ignoringEscapes: true)
        try terminal.send("maybe" + Key.enter)
        try terminal.waitFor("Please answer y or n", ignoringEscapes: true)
        try terminal.send(Key.enter)
        try terminal.waitFor("The exam goes on.", ignoringEscapes: true)
        try terminal.waitFor("answer>", ignoringEscapes: true)
        try terminal.send("f" + Key.enter)
        try terminal.waitFor("A day has 25 hours.", ignoringEscapes: true)
        try terminal.waitFor("answer>", ignoringEscapes: true)
        try terminal.send(Key.ctrlD)
        try terminal.waitFor("with 1 answer given. [y/N]", ignoringEscapes: true)
        try terminal.send("y" + Key.enter)
        try terminal.waitFor("Results:", ignoringEscapes: true)
        let results = try terminal.waitFor("Attempt ", ignoringEscapes: true)
        #expect(results.contains("2 questions were not reached; their answers are not shown."))
        #expect(!results.contains("Minutes in an hour?") && !results.contains("A day has 25 hours."))
        #expect(try terminal.waitForExit() == 0)
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "clockwork", quizID: nil, mode: nil).first)
        #expect(attempt.status == .abandoned)
    }

    @Test func anAttemptOpenInOneAttestCannotBeResumedInAnother() throws {
        let sandbox = try AttestSandbox()
        let first = try start(sandbox, ["take", "clockwork-slow"])
        defer { first.close() }
        try first.waitFor("Noon is 12:00.", timeout: .seconds(10), ignoringEscapes: true)
        try first.send("t" + Key.enter)
        try first.waitFor("Answer recorded.", ignoringEscapes: true)
        let pid = first.processID!

        let second = try start(sandbox, [])
        defer { second.close() }
        try second.waitFor("(open in another Attest, pid \(pid))", timeout: .seconds(10), ignoringEscapes: true)
        try second.waitFor("It is open in another Attest, pid \(pid); finish it there.", ignoringEscapes: true)
        try second.waitFor("attest>", ignoringEscapes: true)
        #expect(!second.output.contains("Resume it now?"))
        try second.send("resume" + Key.enter)
        try second.waitFor("is open in another Attest, pid \(pid);", ignoringEscapes: true)
        try second.waitFor("attest>", ignoringEscapes: true)
        #expect(!second.output.contains("A day has 25 hours."))

        kill(pid, SIGKILL)
        _ = try first.waitForExit()
        try second.send("resume" + Key.enter)
        try second.waitFor("A day has 25 hours.", ignoringEscapes: true)
        try second.send("f" + Key.enter)
        try second.waitFor("Minutes in an hour?", ignoringEscapes: true)
        try second.send("60" + Key.enter)
        try second.waitFor("Results:", ignoringEscapes: true)
        try second.waitFor("attest>", ignoringEscapes: true)
        try second.send("quit" + Key.enter)
        #expect(try second.waitForExit() == 0)
    }

    @Test func warningsAreLinesOfTheirOwnWithABellAndKeepTheTypedAnswer() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox, ["take", "clockwork-tight"])
        defer { terminal.close() }
        try terminal.waitFor("Noon is 12:00.", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("answer>", ignoringEscapes: true)
        try terminal.send("tr")
        try terminal.waitFor("\u{7}", timeout: .seconds(5))
        try terminal.waitFor("⚠ Ten seconds left for this question.", ignoringEscapes: true)
        try terminal.waitFor("\u{7}", timeout: .seconds(5))
        try terminal.waitFor("⚠ Ten seconds left for the whole quiz.", ignoringEscapes: true)
        try terminal.send("ue" + Key.enter)
        try terminal.waitFor("Answer recorded.", ignoringEscapes: true)
        try terminal.waitFor("⚠ Time is up: the quiz is submitted", timeout: .seconds(15), ignoringEscapes: true)
        #expect(try terminal.waitForExit() == 0)
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "clockwork", quizID: nil, mode: nil).first)
        #expect(attempt.status == .timedOut)
        #expect(try store.responses(attemptID: attempt.id).first?.given == "true", "the typed answer survived both warnings")
    }

    @Test func theCountdownFallsBackToAPlainLineWhenItHasNoRoom() throws {
        let sandbox = try AttestSandbox()
        let packs = try sandbox.write(Self.timedPack, to: "packs/clockwork.json")
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(
            executable: binary,
            arguments: ["take", "clockwork-slow", "--packs", URL(fileURLWithPath: packs).deletingLastPathComponent().path],
            environment: sandbox.environment.merging(["NO_COLOR": "1"]) { _, new in new }, columns: 40)
        defer { terminal.close() }
        try terminal.waitFor("answer>", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.send(String(repeating: "x", count: 30))
        try terminal.waitFor("\n⏱ ", timeout: .seconds(5))
        try terminal.send(Key.ctrlU + "t" + Key.enter)
        try terminal.waitFor("Answer recorded.", ignoringEscapes: true)
    }

    @Test func inACLocaleTheCountdownAndPromptsAreASCII() throws {
        let sandbox = try AttestSandbox()
        let packs = try sandbox.write(Self.timedPack, to: "packs/clockwork.json")
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(
            executable: binary,
            arguments: ["take", "clockwork-slow", "--packs", URL(fileURLWithPath: packs).deletingLastPathComponent().path],
            environment: sandbox.environment.merging(["NO_COLOR": "1", "LANG": "C", "LC_ALL": "C"]) { _, new in new })
        defer { terminal.close() }
        try terminal.waitFor("answer>", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("@ ", timeout: .seconds(5), ignoringEscapes: true)
        try terminal.send("t" + Key.enter)
        try terminal.waitFor("Answer recorded.", ignoringEscapes: true)
        #expect(!terminal.output.contains("⏱") && !terminal.output.contains("─"), "\(terminal.output)")
    }

    @Test func onAWindowTooNarrowForTheCountdownItIsAPlainLine() throws {
        let sandbox = try AttestSandbox()
        let packs = try sandbox.write(Self.timedPack, to: "packs/clockwork.json")
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(
            executable: binary,
            arguments: ["take", "clockwork-slow", "--packs", URL(fileURLWithPath: packs).deletingLastPathComponent().path],
            environment: sandbox.environment.merging(["NO_COLOR": "1"]) { _, new in new }, columns: 16)
        defer { terminal.close() }
        try terminal.waitFor("answer>", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("\n⏱ ", timeout: .seconds(5))
        try terminal.send("t" + Key.enter)
        try terminal.waitFor("recorded.", ignoringEscapes: true)
    }

    @Test func anAnswerToAnAttemptEndedElsewhereSaysSoInOneSentence() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox, ["take", "clockwork-slow"])
        defer { terminal.close() }
        try terminal.waitFor("Noon is 12:00.", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.send("t" + Key.enter)
        try terminal.waitFor("A day has 25 hours.", ignoringEscapes: true)
        try terminal.waitFor("answer>", ignoringEscapes: true)
        try execute("UPDATE attempt SET status = 'completed', endedAt = startedAt + 1", in: sandbox)
        try terminal.send("f" + Key.enter)
        let message = try terminal.waitFor("shows the attempts still open.", ignoringEscapes: true)
        #expect(message.contains("has already ended in another Attest, so nothing more can be added to it;"))
        #expect(!message.contains("..") && !message.contains("disk space"))
        #expect(try terminal.waitForExit() == 1)
    }

    @Test(arguments: [(["ACCESSIBLE": "1"], [String]()), ([:], ["--accessible"]), ([:], ["settings"])])
    func accessibleModeIsAskedForThreeWaysAndDrawsNoCountdown(_ environment: [String: String], _ extra: [String]) throws {
        let sandbox = try AttestSandbox()
        let packs = try sandbox.write(Self.timedPack, to: "packs/clockwork.json")
        if extra == ["settings"] { #expect(try sandbox.run(["settings", "accessible", "on"]).status == 0) }
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(
            executable: binary,
            arguments: ["--packs", URL(fileURLWithPath: packs).deletingLastPathComponent().path] + extra.filter { $0 != "settings" },
            environment: sandbox.environment.merging(environment) { _, new in new })
        defer { terminal.close() }
        try terminal.waitFor("Accessible mode is on.", timeout: .seconds(10))
        try terminal.send("take clockwork-slow" + Key.enter)
        try terminal.waitFor("Noon is 12:00.", timeout: .seconds(10))
        try terminal.waitFor("answer> ")
        try terminal.send(":time" + Key.enter)
        try terminal.waitFor("Time left: quiz ")
        try terminal.send(":quit" + Key.enter)
        try terminal.send("y" + Key.enter)
        try terminal.waitFor("Results:")
        try terminal.waitFor("attest> ")
        try terminal.send("quit" + Key.enter)
        #expect(try terminal.waitForExit() == 0)
        #expect(!terminal.output.contains("⏱"), "no countdown is drawn")
        #expect(AccessibleExamTests.cursorSequences(in: terminal.output).isEmpty, "\(AccessibleExamTests.cursorSequences(in: terminal.output))")
        #expect(!terminal.output.contains("\u{1B}[1m"), "no styling")
    }

    @Test func reviewHasALegendPracticeMarksWrongAnswersAndGotoOpensAQuestion() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("ai-basics"))
        let wrong = try ShippedPacks.answers(pack: pack, quiz: "ai-basics-practice", seed: 3, correct: false)
        let input = [wrong[0], ":review", ":goto 1", ":goto 9", ":help", ":quit", "y"].joined(separator: "\n") + "\n"
        let run = try sandbox.run(["take", "ai-basics-practice", "--seed", "3", "--no-color"], input: input)
        #expect(run.standardOutput.contains("1✗"), "a wrong practice answer is not shown as ✓: \(run.standardOutput)")
        // The legend wraps between words at the window's width.
        let unwrapped = run.standardOutput.replacingOccurrences(of: "\n  ", with: " ")
        #expect(unwrapped.contains("✓ right · ✗ not fully right · – skipped · · not yet answered"))
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
