import ArgumentParser
import AttestCore
@testable import AttestCLI
import AttestCredentials
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@Suite("CredentialAwarder")
struct CredentialAwarderTests {
    private func pass(_ quiz: String, pack id: String, in sandbox: AttestSandbox, seed: UInt64) throws -> [String] {
        let pack = try #require(ShippedPacks.pack(id))
        let answers = try ShippedPacks.answers(pack: pack, quiz: quiz, seed: seed)
        let run = try sandbox.run(["take", quiz, "--seed", String(seed), "--json"], input: answers.joined(separator: "\n") + "\n")
        #expect(run.status == 0, "\(run.standardError)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        return (result["credentialsAwarded"] as? [[String: Any]] ?? []).compactMap { $0["credential"] as? String }
    }

    @Test func stackableCredentialArrivesWithItsLastPrerequisiteAcrossPacks() throws {
        let sandbox = try AttestSandbox()
        #expect(try pass("project-management-exam", pack: "project-management", in: sandbox, seed: 1)
            == ["project-management/foundations"])
        #expect(try pass("ai-basics-exam", pack: "ai-basics", in: sandbox, seed: 2) == ["ai-basics/foundations"])
        #expect(try pass("data-analytics-exam", pack: "data-analytics", in: sandbox, seed: 3)
            == ["data-analytics/foundations", "project-management/digital-professional"])
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let stacked = try #require(try store.credentials(learner: "ada").first { $0.credentialID == "digital-professional" })
        #expect(stacked.qualifiedID == "project-management/digital-professional")
        #expect(Set(stacked.evidence.prerequisites) == [
            "project-management/foundations", "ai-basics/foundations", "data-analytics/foundations",
        ])
        let parts = try store.credentials(learner: "ada").filter { stacked.evidence.prerequisites.contains($0.qualifiedID) }
        #expect(parts.count == 3)
        if let firstExpiry = parts.compactMap(\.expiresAt).min() {
            #expect(try #require(stacked.expiresAt) <= firstExpiry, "a stack never outlives its parts")
        }
        try store.close()
        #expect(try pass("data-analytics-exam", pack: "data-analytics", in: sandbox, seed: 5) == [],
                "a credential is awarded once while it is valid")

        let part = try #require(parts.first { $0.qualifiedID == "ai-basics/foundations" })
        let revoke = try sandbox.run(["creds", "revoke", part.id, "--reason", "exam taken by someone else", "--yes"])
        #expect(revoke.status == 0, "\(revoke.standardError)")
        #expect(revoke.standardOutput.contains("too: it was awarded on"), "\(revoke.standardOutput)")
        let after = try AttestDatabase.open(path: sandbox.storePath)
        let fallen = try #require(try after.credential(stacked.id))
        #expect(fallen.revocationReason == "its prerequisite ai-basics/foundations was revoked")
        try after.close()
    }

    @Test func extraPacksArePracticeOnlyAndStackIntoNothing() throws {
        for id in ["digital-communication", "remote-collaboration"] {
            let pack = try #require(ShippedPacks.pack(id))
            #expect(pack.credentials.isEmpty, "\(id) is not rebuilt to the credential bar, so it awards nothing")
            #expect(pack.quizzes.allSatisfy { $0.mode == .practice }, "\(id) offers practice only")
        }
        let stacks = ShippedPacks.paths.compactMap { path in
            FileManager.default.contents(atPath: path).flatMap { PackDecoder().decode(bytes: [UInt8]($0), file: path).pack }
        }.flatMap { pack in pack.credentials.flatMap(\.criteria.credentials) }
        #expect(!stacks.isEmpty)
        #expect(stacks.allSatisfy { !$0.hasPrefix("digital-communication/") && !$0.hasPrefix("remote-collaboration/") })

        let sandbox = try AttestSandbox()
        let practice = try #require(ShippedPacks.pack("remote-collaboration"))
        let answers = try ShippedPacks.answers(pack: practice, quiz: "remote-collaboration-practice", seed: 6)
        let run = try sandbox.run(["take", "remote-collaboration-practice", "--seed", "6", "--json"],
                                  input: answers.joined(separator: "\n") + "\n\n")
        #expect(run.status == 0, "\(run.standardError)")
        let store = try AttestDatabase.open(path: sandbox.storePath)
        #expect(try store.credentials(learner: "ada").isEmpty)
    }

    @Test func failedExamAndPracticeAwardNothing() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("ux-design"))
        let wrong = try ShippedPacks.answers(pack: pack, quiz: "ux-design-exam", seed: 9, correct: false)
        let run = try sandbox.run(["take", "ux-design-exam", "--seed", "9", "--json"], input: wrong.joined(separator: "\n") + "\n")
        #expect(run.status == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(result["passed"] as? Bool == false)
        let pending = try #require(result["credentialsPending"] as? [[String: Any]])
        #expect(pending.map { $0["credential"] as? String } == ["ux-design/foundations"])
        let missing = try #require(pending.first?["missing"] as? [String])
        #expect(missing == ["pass the exam UX Design: exam"],
                "the exam, whose decision rule settles every skill, is what is missing: \(missing)")
        let practice = try ShippedPacks.answers(pack: pack, quiz: "ux-design-practice", seed: 9)
        let practiced = try sandbox.run(["take", "ux-design-practice", "--seed", "9", "--json"],
                                        input: practice.joined(separator: "\n") + "\n\n")
        #expect(practiced.status == 0)
        let store = try AttestDatabase.open(path: sandbox.storePath)
        #expect(try store.credentials(learner: "ada").isEmpty)
    }
}

/// Awarding with the clock as a parameter: expiry and renewal years apart, without waiting.
@Suite("CredentialAwarder renewal")
struct CredentialRenewalTests {
    /// A stack never outlives its parts at any depth: a stack on a stack expires with the base under both.
    @Test func aThreeLevelStackExpiresWithItsBase() throws {
        let ladder = try StackLadder()
        let expiry = try #require(ladder.awards[0].expiresAt)
        #expect(expiry == ladder.clock.now().addingTimeInterval(30 * 86_400))
        #expect(ladder.awards.map(\.expiresAt) == [expiry, expiry, expiry], "the middle's 365 days and the top's none are capped")
        ladder.clock.advance(by: 29 * 86_400)
        #expect(try ladder.creds(["list"]).split(separator: "\n").filter { $0.hasSuffix("valid    self-assessed") }.count == 3)
        ladder.clock.advance(by: 2 * 86_400)
        let listed = try ladder.creds(["list"])
        #expect(listed.split(separator: "\n").filter { $0.hasSuffix("expired  self-assessed") }.count == 3, "\(listed)")
        let top = ladder.sandbox.root.appendingPathComponent("top.jwt").path
        _ = try ladder.creds(["export", ladder.awards[2].id, "--format", "jwt", "--output", top])
        let failure = #expect(throws: ExitCode.self) { _ = try ladder.creds(["verify", top]) }
        #expect(failure?.rawValue == 1)
        #expect(ladder.output.standardOutput.contains("expired on \(ISODate.format(expiry))"), "the top expired with its base")
    }

    @Test func expiredCredentialIsRenewedAsANewAwardAndTheOldOneIsKept() throws {
        let sandbox = try AttestSandbox()
        let clock = TestClock()
        let (console, _) = Console.capture()
        let context = AppContext(
            console: console, environment: sandbox.environment, clock: clock, storePath: sandbox.storePath,
            learner: "ada", bundledPacks: ShippedPacks.directory.path)
        let pack = try #require(context.library.pack("data-analytics"))
        let quiz = try #require(pack.quiz("data-analytics-exam"))
        func passExam(seed: UInt64) throws {
            let answers = try ShippedPacks.answers(pack: pack, quiz: quiz.id, seed: seed)
            let file = try sandbox.write(answers.joined(separator: "\n") + "\n", to: "answers-\(seed).txt")
            try QuizRunner(context: context, answersFile: file, json: true)
                .start(pack: pack, quiz: quiz, plan: try QuizPlan(pack: pack, quiz: quiz, seed: seed), timedPractice: false)
        }
        try passExam(seed: 1)
        let store = try context.store()
        let first = try #require(try store.credentials(learner: "ada").first)
        #expect(first.expiresAt == clock.now().addingTimeInterval(730 * 86_400))

        clock.advance(by: 365 * 86_400)
        try passExam(seed: 2)
        #expect(try store.credentials(learner: "ada").count == 1, "still valid: passing again awards nothing new")

        clock.advance(by: 366 * 86_400)
        #expect(first.status(at: clock.now()) == .expired)
        try passExam(seed: 3)
        let log = try store.credentials(learner: "ada")
        #expect(log.count == 2)
        #expect(log.map { $0.status(at: clock.now()) } == [.valid, .expired], "newest first; the expired one stays")
        #expect(log[0].id != first.id && log[0].awardedAt == clock.now())
    }
}
