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
}
