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
        #expect(skills.count == 3)
        for skill in skills {
            let (lower, estimate, upper) = (skill["lower"] as? Double ?? -1, skill["estimate"] as? Double ?? -1, skill["upper"] as? Double ?? -1)
            #expect(0 < lower && lower < estimate && estimate < upper && upper <= 1)
            #expect(skill["level"] as? String == "expert" || skill["level"] as? String == "proficient")
        }
    }
}
