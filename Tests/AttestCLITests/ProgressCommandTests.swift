import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@Suite("ProgressCommand")
struct ProgressCommandTests {
    @Test func reportsEstimatesIntervalsAndSaysWhenEvidenceIsThin() throws {
        let sandbox = try AttestSandbox()
        let empty = try sandbox.run(["progress"])
        #expect(empty.standardOutput.contains("No attempts recorded for ada yet"))
        let pack = try #require(ShippedPacks.pack("ai-basics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "ai-basics-quick-check", seed: 8)
        _ = try sandbox.run(["take", "ai-basics-quick-check", "--seed", "8", "--json"], input: answers.joined(separator: "\n") + "\n")
        let table = try sandbox.run(["progress", "ai-basics", "--no-color"])
        #expect(table.standardOutput.contains("not enough evidence yet"))
        for _ in 0..<2 {
            let exam = try ShippedPacks.answers(pack: pack, quiz: "ai-basics-exam", seed: 9)
            _ = try sandbox.run(["take", "ai-basics-exam", "--seed", "9", "--json"], input: exam.joined(separator: "\n") + "\n")
        }
        let json = try sandbox.run(["progress", "ai-basics", "--json"])
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        let skills = try #require(reports.first?["skills"] as? [[String: Any]])
        #expect(skills.count == 6)
        for skill in skills {
            let (lower, estimate, upper) = (skill["lower"] as? Double ?? -1, skill["estimate"] as? Double ?? -1, skill["upper"] as? Double ?? -1)
            #expect(0 < lower && lower < estimate && estimate < upper && upper <= 1)
            #expect(skill["level"] as? String == "expert" || skill["level"] as? String == "proficient")
        }
    }

    /// Takes `quiz` of ai-basics with all answers right (or all wrong).
    private func sit(_ quiz: String, seed: UInt64, correct: Bool = true, in sandbox: AttestSandbox) throws {
        let pack = try #require(ShippedPacks.pack("ai-basics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: quiz, seed: seed, correct: correct)
        let run = try sandbox.run(["take", quiz, "--seed", "\(seed)", "--json"], input: answers.joined(separator: "\n") + "\n")
        #expect(run.status == 0, "\(run.standardError)")
    }

    /// Two perfect exams: the decision rule stops each skill after 7 right answers, and one sitting's
    /// 7 answers leave the lower bound just under 0.70, so "proficient" needs the second.
    @Test func hasColumnHeadersALegendOfEvidenceAndLevelsAndNoNudgeAfterPerfectExams() throws {
        let sandbox = try AttestSandbox()
        try sit("ai-basics-exam", seed: 4, in: sandbox)
        try sit("ai-basics-exam", seed: 5, in: sandbox)
        let table = try sandbox.run(["progress", "ai-basics", "--no-color"])
        let lines = table.standardOutput.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.contains("90% interval") })
        for column in ["skill", "estimate", "evidence", "level", "trend"] { #expect(header.contains(column)) }
        #expect(!table.standardOutput.contains("n="), "the evidence figure is no longer shown as a count")
        #expect(table.standardOutput.contains("evidence: answers weighted by difficulty and age"))
        #expect(table.standardOutput.contains("novice <40% ≤ developing <70% ≤ proficient <90% ≤ expert"))
        #expect(!table.standardOutput.contains("Next: practise"), "nothing to improve after perfect exams")
        let json = try sandbox.run(["progress", "ai-basics", "--json"])
        #expect(!json.standardOutput.contains("suggestion"))
    }

    /// Two failed exams: each skill stops after two wrong answers, so one sitting is too little evidence.
    @Test func suggestsPractiseOnlyWhenSomethingIsWrongAndColoursBarsByLevel() throws {
        let sandbox = try AttestSandbox()
        try sit("ai-basics-exam", seed: 4, correct: false, in: sandbox)
        try sit("ai-basics-exam", seed: 5, correct: false, in: sandbox)
        let table = try sandbox.run(["progress", "ai-basics", "--no-color"])
        #expect(table.standardOutput.contains("Next: practise"))
        #expect(table.standardOutput.contains("novice"))
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(executable: binary, arguments: ["progress", "ai-basics"], environment: sandbox.environment.merging(["NO_COLOR": ""]) { _, new in new })
        defer { terminal.close() }
        #expect(try terminal.waitForExit(timeout: .seconds(20)) == 0)
        #expect(terminal.output.contains("\u{1B}[31m█"), "a novice's bar is red: \(terminal.output)")
        #expect(!terminal.output.contains("\u{1B}[32m█"), "no green bar for a novice")
    }

    @Test func examsOnlyLeavesPracticeOutAndTheFootnoteNeedsAStar() throws {
        let sandbox = try AttestSandbox()
        let practice = try #require(ShippedPacks.pack("ai-basics"))
        let answers = try ShippedPacks.answers(pack: practice, quiz: "ai-basics-practice", seed: 2)
        _ = try sandbox.run(["take", "ai-basics-practice", "--seed", "2", "--json"], input: answers.joined(separator: "\n") + "\n")
        let onlyPractice = try sandbox.run(["progress", "ai-basics", "--no-color", "--exams-only"])
        #expect(onlyPractice.standardOutput.contains("0 attempts"), "\(onlyPractice.standardOutput)")
        #expect(!onlyPractice.standardOutput.contains("includes practice"))
        try sit("ai-basics-exam", seed: 4, in: sandbox)
        let exams = try sandbox.run(["progress", "ai-basics", "--no-color", "--exams-only"])
        #expect(exams.standardOutput.contains("ai-basics · 1 attempt"), "\(exams.standardOutput)")
        #expect(!exams.standardOutput.contains("*"))
        let all = try sandbox.run(["progress", "ai-basics", "--no-color"])
        #expect(all.standardOutput.contains("2 attempts"))
        let starred = all.standardOutput.split(separator: "\n").contains { $0.contains("*") && $0.contains("%") }
        #expect(starred == all.standardOutput.contains("includes practice answers"))
    }

    /// The pack's report from `progress PACK --json`.
    private func report(_ pack: String, in sandbox: AttestSandbox) throws -> [String: Any] {
        let json = try sandbox.run(["progress", pack, "--json"])
        #expect(json.status == 0, "\(json.standardError)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        return try #require(reports.first)
    }

    /// One perfect credential exam: the rule decides every skill proficient after 7 questions while the level,
    /// read from the lower end of the long-run interval, stays below proficient for a skill: progress shows the
    /// credential, how it was decided, and says why the two differ, in the table and in JSON.
    @Test func showsTheCredentialHeldHowItWasDecidedAndWhyALevelReadsLower() throws {
        let sandbox = try AttestSandbox.passedDataAnalyticsExam()
        let table = try sandbox.run(["progress", "data-analytics", "--no-color"])
        let text = table.standardOutput
        let lines = text.split(separator: "\n").map(String.init)
        let heading = try #require(lines.firstIndex { $0.contains("Credentials from this pack") }, "\(text)")
        let tableEnd = try #require(lines.lastIndex { $0.contains("level, by the interval's lower end") })
        #expect(heading > tableEnd, "the credentials come under the skill table")
        #expect(lines[heading + 1].contains("Data Analytics Foundations  valid until "), "\(text)")
        #expect(text.contains("criteria: Pass the exam "))
        #expect(text.contains(": decided by its rule (sequential probability ratio test 0.6 vs 0.85, alpha 0.03, beta 0.1, 5–8 questions)"))
        #expect(text.contains("SQL querying proficient after 7 questions"), "\(text)")

        let pack = try report("data-analytics", in: sandbox)
        let skills = try #require(pack["skills"] as? [[String: Any]])
        let belowProficient = Set(skills.filter { ["novice", "developing", nil].contains($0["level"] as? String) }.compactMap { $0["id"] as? String })
        #expect(!belowProficient.isEmpty, "one exam leaves a level below proficient: \(skills)")
        let below = try #require(pack["belowCredentials"] as? [[String: Any]])
        #expect(Set(below.compactMap { $0["skillId"] as? String }) == belowProficient)
        #expect(below.allSatisfy { $0["vouchedLevel"] as? String == "proficient" && $0["decidedBy"] as? String == "decisionRule" })
        #expect((pack["belowCredentialsNote"] as? String)?.contains("docs/scoring.md") == true)
        let credentials = try #require(pack["credentials"] as? [[String: Any]])
        #expect(credentials.count == 1)
        #expect(credentials.first?["status"] as? String == "valid")
        #expect(credentials.first?["name"] as? String == "Data Analytics Foundations")
        let evidence = try #require(credentials.first?["evidence"] as? [String: Any])
        let decisions = try #require((evidence["attempts"] as? [[String: Any]])?.first?["decisions"] as? [[String: Any]])
        #expect(decisions.count == 4 && decisions.allSatisfy { $0["proficient"] as? Bool == true && $0["items"] as? Int == 7 })
        #expect(skills.first?["estimate"] != nil, "the existing fields stay")

        let explanation = try #require(lines.firstIndex { $0.contains("Level below what Data Analytics Foundations vouches for (proficient): ") })
        #expect(lines.filter { $0.contains("vouches for") }.count == 1, "said once")
        #expect(lines[explanation + 1].contains("The level column is the long-run estimate from every answer"))
        #expect(lines[explanation + 2].contains("decided each skill by its decision rule"))
        #expect(lines[explanation + 3].contains("See docs/scoring.md."))
        for id in belowProficient {
            let name = try #require(skills.first { $0["id"] as? String == id }?["name"] as? String)
            #expect(lines[explanation].contains(name), "\(name) is named")
        }
        // Nothing to practise after a perfect exam: no suggestion to sit the exam just passed again.
        #expect(!text.contains("Next: practise"), "\(text)")
        #expect(pack["suggestion"] == nil)
    }

    @Test func aLearnerWithoutCredentialsSeesNoCredentialSection() throws {
        let sandbox = try AttestSandbox()
        try sit("ai-basics-exam", seed: 4, correct: false, in: sandbox)
        let table = try sandbox.run(["progress", "ai-basics", "--no-color"])
        #expect(table.status == 0)
        #expect(!table.standardOutput.contains("Credentials from this pack"))
        #expect(!table.standardOutput.contains("vouches"))
        let pack = try report("ai-basics", in: sandbox)
        #expect((pack["credentials"] as? [Any])?.isEmpty == true)
        #expect((pack["belowCredentials"] as? [Any])?.isEmpty == true)
        #expect(pack["belowCredentialsNote"] == nil)
    }

    /// A revoked credential stays listed, as revoked with its date and reason (sanitised), and vouches for nothing.
    @Test func aRevokedCredentialIsShownRevokedAndNoLongerExplainsALevel() throws {
        let sandbox = try AttestSandbox.passedDataAnalyticsExam()
        let list = try sandbox.run(["creds", "list", "--json"])
        let awards = try #require(try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        let id = try #require(awards.first?["id"] as? String)
        let revoke = try sandbox.run(["creds", "revoke", id, "--reason", "taken by someone else \u{1B}[2J", "--yes"])
        #expect(revoke.status == 0, "\(revoke.standardError)")
        let table = try sandbox.run(["progress", "data-analytics", "--no-color"])
        let lines = table.standardOutput.split(separator: "\n")
        let heading = try #require(lines.firstIndex { $0.contains("Credentials from this pack") }, "\(table.standardOutput)")
        let line = lines[heading + 1]
        #expect(line.contains("Data Analytics Foundations  revoked "), "\(table.standardOutput)")
        #expect(line.contains(": taken by someone else"))
        #expect(!table.standardOutput.contains("\u{1B}"), "the reason is sanitised")
        #expect(!table.standardOutput.contains("vouches for"), "a revoked credential vouches for nothing")
        let pack = try report("data-analytics", in: sandbox)
        let credentials = try #require(pack["credentials"] as? [[String: Any]])
        #expect(credentials.map { $0["status"] as? String } == ["revoked"])
        #expect((pack["belowCredentials"] as? [Any])?.isEmpty == true)
    }
}
