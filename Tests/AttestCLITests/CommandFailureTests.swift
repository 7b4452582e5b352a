import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Runtime errors are one line with what to do and exit 1; usage errors stay 64 (issue #20 item 6).
@Suite("CommandFailure")
struct CommandFailureTests {
    private func expectOneLine(_ run: AttestSandbox.Run, status: Int32 = 1, contains text: String) {
        #expect(run.status == status, "\(run.standardError)")
        #expect(run.standardError.contains(text), "\(run.standardError)")
        #expect(!run.standardError.contains("Usage:"), "no usage dump: \(run.standardError)")
        #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
    }

    @Test func runtimeErrorsAreOneLineWithADidYouMeanAndExitOne() throws {
        let sandbox = try AttestSandbox()
        expectOneLine(try sandbox.run(["pack", "preview", "ai-basics", "--question", "nope"]), contains: "No question 'nope'.")
        expectOneLine(try sandbox.run(["resume"]), contains: "There is no unfinished attempt to resume.")
        expectOneLine(try sandbox.run(["take", "data-analytics-exma"]), contains: "Did you mean 'data-analytics-exam'?")
        expectOneLine(try sandbox.run(["progress", "ai-basic"]), contains: "Did you mean 'ai-basics'?")
        expectOneLine(try sandbox.run(["practice", "cybersecurty"]), contains: "Did you mean 'cybersecurity'?")
        let usage = try sandbox.run(["practice", "ai-basics", "--count", "0"])
        #expect(usage.status == 64, "malformed options stay usage errors")
    }

    @Test func aPackIdGivenToTakeSuggestsThatPacksQuizzes() throws {
        let sandbox = try AttestSandbox()
        expectOneLine(try sandbox.run(["take", "data-analytics"]), contains: "'data-analytics' is a pack, not a quiz; take one of its quizzes: "
            + "data-analytics-practice, data-analytics-exam, data-analytics-quick-check")
    }

    @Test func anUnknownShellCommandGetsADidYouMeanLikeTheRepl() throws {
        let sandbox = try AttestSandbox()
        expectOneLine(try sandbox.run(["progres"]), status: 64, contains: "unknown command 'progres' — did you mean 'progress'?")
        let afterOptions = try sandbox.run(["--store", sandbox.root.appendingPathComponent("s.sqlite").path, "--no-color", "prgress"])
        expectOneLine(afterOptions, status: 64, contains: "unknown command 'prgress' — did you mean 'progress'?")
        #expect(try sandbox.run(["help", "take"]).status == 0)
        let repl = try sandbox.run([], input: "progres\n")
        #expect(repl.standardError.contains("did you mean 'progress'?"))
        #expect(repl.status == 64, "a piped script with an unknown command fails")
        let inRepl = try sandbox.run([], input: "take nope\npacks\n")
        #expect(inRepl.status == 1, "the last failure is the script's status")
        #expect(inRepl.standardError.contains("Error: No quiz 'nope'.") && !inRepl.standardError.contains("Usage"))
        #expect(try sandbox.run([], input: "packs\n").status == 0)
    }

    @Test func practiceMissedWithoutAPackDrillsEveryPack() throws {
        let sandbox = try AttestSandbox()
        let nothing = try sandbox.run(["practice", "--missed"])
        #expect(nothing.status == 0, "\(nothing.standardError)")
        #expect(nothing.standardOutput.contains("Nothing to drill"))
        let pack = try #require(ShippedPacks.pack("ai-basics"))
        // Missed practice questions are drilled; missed exam-only ones stay sealed.
        let wrong = try ShippedPacks.answers(pack: pack, quiz: "ai-basics-practice", seed: 5, correct: false)
        _ = try sandbox.run(["take", "ai-basics-practice", "--seed", "5", "--json"], input: wrong.joined(separator: "\n") + "\n")
        let drill = try sandbox.run(["practice", "--missed", "--json"], input: String(repeating: ":skip\n", count: wrong.count))
        #expect(drill.status == 0, "\(drill.standardError)")
        #expect(drill.standardOutput.contains("\"quizId\" : \"practice:missed\"") || drill.standardOutput.contains("\"quizId\":\"practice:missed\""),
                "\(drill.standardOutput)")
    }

    @Test func anUnreadableScriptedAnswerIsLocatedAndTheNextLineIsItsRetry() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("ai-basics"))
        let quiz = try #require(pack.quiz("ai-basics-quick-check"))
        // A seed whose first question takes a letter, so '%%%' cannot be read as an answer to it.
        let seed = try #require((UInt64(1)...64).first { seed in
            guard let first = try? QuizPlan(pack: pack, quiz: quiz, seed: seed).entries.first?.questionID,
                  case .singleChoice = pack.question(first)?.kind else { return false }
            return true
        })
        let answers = try ShippedPacks.answers(pack: pack, quiz: quiz.id, seed: seed)
        let file = try sandbox.write((["%%%"] + answers).joined(separator: "\n") + "\n", to: "answers.txt")
        let run = try sandbox.run(["take", quiz.id, "--seed", "\(seed)", "--answers", file, "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("answers line 1: '%%%' cannot be read"))
        #expect(run.standardError.contains("the next line is taken as the answer to question 1"))
        #expect(run.standardOutput.contains("\"status\" : \"completed\"") || run.standardOutput.contains("\"status\":\"completed\""))
        let short = try sandbox.write((["%%%"] + answers.dropLast(2)).joined(separator: "\n") + "\n", to: "short.txt")
        let ranOut = try sandbox.run(["take", quiz.id, "--seed", "\(seed)", "--answers", short])
        #expect(ranOut.status == 1)
        #expect(ranOut.standardError.contains("The answers ran out before the quiz ended"))
    }
}
