import AttestCore
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
        #expect(try pass("remote-collaboration-exam", pack: "remote-collaboration", in: sandbox, seed: 3)
            == ["remote-collaboration/foundations"])
        #expect(try pass("digital-communication-exam", pack: "digital-communication", in: sandbox, seed: 4)
            == ["digital-communication/foundations", "digital-communication/digital-professional"])
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let stacked = try #require(try store.credentials(learner: "ada").first { $0.credentialID == "digital-professional" })
        #expect(Set(stacked.evidence.prerequisites) == [
            "digital-communication/foundations", "project-management/foundations", "ai-basics/foundations",
            "remote-collaboration/foundations",
        ])
        #expect(try pass("digital-communication-exam", pack: "digital-communication", in: sandbox, seed: 5) == [],
                "a credential is awarded once while it is valid")
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
        #expect(missing.count == 4, "three skills and the exam are all still missing: \(missing)")
        let practice = try ShippedPacks.answers(pack: pack, quiz: "ux-design-practice", seed: 9)
        let practiced = try sandbox.run(["take", "ux-design-practice", "--seed", "9", "--json"],
                                        input: practice.joined(separator: "\n") + "\n\n")
        #expect(practiced.status == 0)
        let store = try AttestDatabase.open(path: sandbox.storePath)
        #expect(try store.credentials(learner: "ada").isEmpty)
    }
}
