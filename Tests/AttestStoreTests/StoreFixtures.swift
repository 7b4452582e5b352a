import AttestCore
import Foundation

/// Sample records and a throw-away folder for the store tests.
enum StoreFixtures {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A deterministic generator for randomly filled stores, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Skill lists for random responses of the sample pack: unknown skills, zero, negative, fractional
    /// and repeated weights included.
    static let skillLists: [[SkillWeight]] = [
        [SkillWeight(skill: "sql")], [SkillWeight(skill: "stats")],
        [SkillWeight(skill: "sql", weight: 2), SkillWeight(skill: "stats")],
        [SkillWeight(skill: "stats"), SkillWeight(skill: "unknown", weight: 3)],
        [SkillWeight(skill: "sql", weight: 0)], [SkillWeight(skill: "sql"), SkillWeight(skill: "sql", weight: 0.5)],
        [SkillWeight(skill: "stats", weight: -1), SkillWeight(skill: "sql", weight: 0.3)],
    ]

    static func attempt(
        _ id: String, learner: String = "ada", packID: String = "swift-basics", quizID: String = "exam",
        mode: Quiz.Mode = .exam, at offset: Double = 0, questionIDs: [String] = ["q1", "q2", "q3"]
    ) -> AttemptRecord {
        AttemptRecord(
            id: id, learner: learner, packID: packID, packVersion: "1.2.0", packHash: "ab12", quizID: quizID,
            mode: mode, seed: UInt64.max - 7, questionIDs: questionIDs, startedAt: start.addingTimeInterval(offset))
    }

    static func response(
        _ attemptID: String, position: Int, questionID: String, score: Double, at offset: Double,
        outcome: ResponseOutcome = .answered, given: String? = "B", selection: [Int]? = [1]
    ) -> ResponseRecord {
        ResponseRecord(
            attemptID: attemptID, position: position, questionID: questionID, outcome: outcome, given: given,
            selection: selection, score: score, points: 2 * score, maxPoints: 2,
            skills: [SkillWeight(skill: "optionals", weight: 1), SkillWeight(skill: "closures", weight: 0.5)],
            difficulty: .hard, shownAt: start.addingTimeInterval(offset - 12.25), answeredAt: start.addingTimeInterval(offset))
    }

    static func award(_ id: String, learner: String = "ada", at offset: Double, expiresAfter: Double? = nil) -> CredentialAward {
        let awardedAt = start.addingTimeInterval(offset)
        return CredentialAward(
            id: id, learner: learner, packID: "swift-basics", packVersion: "1.2.0", packHash: "ab12",
            credentialID: "optionals-badge", name: "Optionals", description: "Knows optionals",
            achievementType: "Badge", criteria: "Pass the exam with 80%", awardedAt: awardedAt,
            expiresAt: expiresAfter.map { awardedAt.addingTimeInterval($0) },
            evidence: CredentialEvidence(
                attempts: [EvidenceAttempt(
                    attemptID: "a1", quizID: "exam", quizTitle: "Exam", score: 0.875, passed: true,
                    finishedAt: start.addingTimeInterval(offset - 60))],
                skills: [EvidenceSkill(
                    skillID: "optionals", skillName: "Optionals", estimate: 0.81, lower: 0.7, upper: 0.9, evidence: 6.5,
                    level: .proficient)],
                prerequisites: ["swift-basics/intro"]))
    }
}

/// A fresh folder under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("attest-store-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}
