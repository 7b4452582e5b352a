import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@Suite("PracticeCommand")
struct PracticeCommandTests {
    @Test func missedDrillsOnlyWhatWasGotWrongAndNeverCountsForCredentials() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("online-teaching"))
        let quiz = try Quiz.practice(pack: pack, skill: "assessment", count: 6)
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: 5)
        let answers = plan.entries.enumerated().map { index, entry -> String in
            let presented = PresentedQuestion(question: pack.question(entry.questionID)!, order: entry.order)
            return index < 2 ? AnswerKey.wrongInput(for: presented) : AnswerKey.correctInput(for: presented)
        }
        let first = try sandbox.run(
            ["practice", "online-teaching/assessment", "--random", "--count", "6", "--seed", "5", "--json"],
            input: answers.joined(separator: "\n") + "\n\n")
        #expect(first.status == 0, "\(first.standardError)")
        let missedIDs = Set(plan.entries.prefix(2).map(\.questionID))

        let drill = try sandbox.run(["practice", "online-teaching", "--missed", "--json"], input: "")
        #expect(drill.status == 1, "no answers: the drill is abandoned and says so. \(drill.standardError)")
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempts = try store.attempts(learner: "ada", packID: "online-teaching", quizID: nil, mode: nil)
        let drilled = try #require(attempts.first { $0.quizID == "practice:missed" })
        #expect(Set(drilled.questionIDs) == missedIDs)
        #expect(attempts.allSatisfy { $0.mode == .practice })
        #expect(try store.credentials(learner: "ada").isEmpty)
    }

    @Test func unknownTargetsAreOneLineErrorsWithSuggestions() throws {
        let sandbox = try AttestSandbox()
        let run = try sandbox.run(["practice", "cybersecurty"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("Did you mean 'cybersecurity'?"))
        let nothing = try sandbox.run(["practice", "ux-design", "--missed"])
        #expect(nothing.status == 0)
        #expect(nothing.standardOutput.contains("Nothing to drill"))
    }
}
