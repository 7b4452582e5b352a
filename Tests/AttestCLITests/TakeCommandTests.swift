import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@Suite("TakeCommand")
struct TakeCommandTests {
    /// Takes the data-analytics exam drawn with seed 42 from an answers file, every answer right; with how many answers.
    private func perfectDataAnalyticsExam(in sandbox: AttestSandbox, _ output: String) throws -> (run: AttestSandbox.Run, answers: Int) {
        let pack = try #require(ShippedPacks.pack("data-analytics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "data-analytics-exam", seed: 42)
        let file = try sandbox.write(answers.joined(separator: "\n") + "\n", to: "answers.txt")
        return (try sandbox.run(["take", "data-analytics-exam", "--seed", "42", "--answers", file, output]), answers.count)
    }

    @Test func perfectExamFromAnswersFileJournalsEveryAnswerAndEarnsTheCredential() throws {
        let sandbox = try AttestSandbox()
        let (run, answers) = try perfectDataAnalyticsExam(in: sandbox, "--json")
        #expect(run.status == 0, "\(run.standardError)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(result["passed"] as? Bool == true)
        #expect(result["score"] as? Double == 1)
        #expect(result["status"] as? String == "completed")
        #expect(result["seed"] as? String == "42")
        let awarded = try #require(result["credentialsAwarded"] as? [[String: Any]])
        #expect(awarded.map { $0["credential"] as? String } == ["data-analytics/foundations"])

        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: nil, quizID: nil, mode: nil).first)
        #expect(attempt.status == .completed && attempt.seed == 42 && attempt.packHash.count == 64)
        let responses = try store.responses(attemptID: attempt.id)
        #expect(responses.count == answers)
        #expect(responses.allSatisfy { $0.score == 1 && $0.outcome == .answered })
        #expect(try store.credentials(learner: "ada").map(\.qualifiedID) == ["data-analytics/foundations"])
    }

    @Test func sameSeedDrawsTheSameQuestionsInTheSameOrder() throws {
        let sandbox = try AttestSandbox()
        for _ in 0..<2 {
            let run = try sandbox.run(["take", "ux-design-exam", "--seed", "7", "--json"], input: "")
            #expect(run.status == 1, "no answers: the attempt is abandoned and says so. \(run.standardError)")
        }
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempts = try store.attempts(learner: "ada", packID: "ux-design", quizID: nil, mode: nil)
        #expect(attempts.count == 2)
        #expect(attempts[0].questionIDs == attempts[1].questionIDs)
        #expect(attempts.allSatisfy { $0.status == .abandoned })
    }

    @Test func unreadableAnswerGetsAHintAndTheQuizGoesOn() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("cybersecurity"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "cybersecurity-quick-check", seed: 3)
        let input = (["%%%"] + answers).joined(separator: "\n") + "\n"
        let run = try sandbox.run(["take", "cybersecurity-quick-check", "--seed", "3", "--no-color"], input: input)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("PASSED"))
        #expect(!run.standardOutput.contains("\u{1B}["), "no escape codes when output is not a terminal")
    }

    @Test func unknownQuizIsAOneLineErrorWithASuggestion() throws {
        let sandbox = try AttestSandbox()
        let run = try sandbox.run(["take", "data-analytics-exma"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("Did you mean 'data-analytics-exam'?"))
    }

    @Test func missingAnswersFileIsReportedPlainly() throws {
        let sandbox = try AttestSandbox()
        let run = try sandbox.run(["take", "ai-basics-quick-check", "--answers", "/nonexistent/answers.txt"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("Cannot read the answers file '/nonexistent/answers.txt'"))
    }

    /// The competency shown after a perfect credential exam says why a level reads below the credential it earned.
    @Test func theCompetencyAfterAnExamExplainsALevelBelowTheCredentialItEarned() throws {
        let run = try perfectDataAnalyticsExam(in: try AttestSandbox(), "--no-color").run
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        let competency = try #require(lines.firstIndex { $0.contains("Your competency now") }, "\(run.standardOutput)")
        let explanation = try #require(lines.firstIndex { $0.contains("below what Data Analytics Foundations vouches for (proficient)") })
        let earned = try #require(lines.firstIndex { $0.contains("Credential earned: Data Analytics Foundations") })
        #expect(competency < explanation && explanation < earned, "\(run.standardOutput)")
        #expect(lines[explanation + 1].contains("The level column is the long-run estimate from every answer"))
        #expect(!run.standardOutput.contains("Credentials from this pack"), "the list itself is for 'progress'")
    }

    /// A failed credential exam: what is still to do is the exam, so the hint is about its rule, not skill levels.
    @Test func aFailedCredentialExamPointsToItsDecisionRuleNotToSkillLevels() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("ai-basics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "ai-basics-exam", seed: 4, correct: false)
        let run = try sandbox.run(["take", "ai-basics-exam", "--seed", "4", "--no-color"], input: answers.joined(separator: "\n") + "\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("still to do: pass the exam "), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("An exam with a decision rule is passed when the rule settles every skill proficient"))
        #expect(!run.standardOutput.contains("Skill levels are judged on the lower end"))
    }
}
