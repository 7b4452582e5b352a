import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// `settings`, and what the extended-time setting does to an exam, its record and its credential.
@Suite("SettingsCommand")
struct SettingsCommandTests {
    /// The shipped data-analytics pack as a newer version whose exam grants 1.5× and 2×.
    private func accommodatingPack(_ sandbox: AttestSandbox) throws {
        let url = AttestBinary.repositoryRoot.appendingPathComponent("Assessments/data-analytics.json")
        var pack = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        pack["version"] = "9.0.0"
        var quizzes = try #require(pack["quizzes"] as? [[String: Any]])
        for index in quizzes.indices where quizzes[index]["id"] as? String == "data-analytics-exam" {
            quizzes[index]["timeAccommodations"] = [1.5, 2]
        }
        pack["quizzes"] = quizzes
        pack["$schema"] = nil
        let data = try JSONSerialization.data(withJSONObject: pack)
        try sandbox.write(String(decoding: data, as: UTF8.self), to: "data/attest/packs/data-analytics.json")
    }

    @Test func settingsAreShownChangedAndValidated() throws {
        let sandbox = try AttestSandbox()
        var run = try sandbox.run(["settings"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("accessible  off") && run.standardOutput.contains("extra-time  off"))
        run = try sandbox.run(["settings", "extra-time", "1.5x"])
        #expect(run.standardOutput.contains("extra-time  1.5× on timed quizzes that allow it"))
        run = try sandbox.run(["settings", "accessible", "on"])
        #expect(run.standardOutput.contains("accessible  on"))
        run = try sandbox.run(["settings", "extra-time", "9"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("extra-time is a multiplier above 1 and at most 4×"))
        run = try sandbox.run(["settings", "colour", "on"])
        #expect(run.status == 64)
        #expect(try sandbox.run(["settings", "extra-time", "off"]).standardOutput.contains("extra-time  off"))
    }

    @Test func extendedTimeIsGrantedByThePackRecordedAndStatedInTheCredential() throws {
        let sandbox = try AttestSandbox()
        try accommodatingPack(sandbox)
        #expect(try sandbox.run(["settings", "extra-time", "3"]).status == 0)
        let pack = try #require(ShippedPacks.pack("data-analytics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "data-analytics-exam", seed: 42)
        let file = try sandbox.write(answers.joined(separator: "\n") + "\n", to: "answers.txt")
        let run = try sandbox.run(["take", "data-analytics-exam", "--seed", "42", "--answers", file, "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(result["timeMultiplier"] as? Double == 2, "3× asked, the largest the exam allows is 2×")
        let awarded = try #require((result["credentialsAwarded"] as? [[String: Any]])?.first?["id"] as? String)

        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "data-analytics", quizID: nil, mode: nil).first)
        #expect(try store.timeMultiplier(attemptID: attempt.id) == 2)

        let exported = sandbox.root.appendingPathComponent("credential.json").path
        let export = try sandbox.run(["creds", "export", String(awarded.suffix(36).prefix(8)), "--format", "json", "--output", exported])
        #expect(export.status == 0, "\(export.standardError)")
        let credential = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(credential.contains("Taken with extended time: 2× the standard time limits"))
        let shown = try sandbox.run(["creds", "show", String(awarded.suffix(36).prefix(8))])
        #expect(shown.standardOutput.contains("passed on") && shown.standardOutput.contains(", extended time 2×"))
    }

    @Test func aQuizThatGrantsNoExtendedTimeSaysStandardTimeApplies() throws {
        let sandbox = try AttestSandbox()
        #expect(try sandbox.run(["settings", "extra-time", "1.5"]).status == 0)
        let run = try sandbox.run(["take", "data-analytics-exam", "--seed", "1"], input: ":quit\ny\n")
        #expect(run.standardOutput.contains("Your extended time (1.5×) is not offered by this quiz; standard time applies."))
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "data-analytics", quizID: nil, mode: nil).first)
        #expect(try store.timeMultiplier(attemptID: attempt.id) == 1)
    }
}
