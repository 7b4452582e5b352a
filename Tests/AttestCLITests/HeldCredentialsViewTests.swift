import AttestCore
@testable import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// The credential lines under `progress` for awards the binary cannot easily produce: expired ones (the binary's
/// clock is the system's), fixed-form exams, imported credentials without evidence, stacks, hostile names.
@Suite("HeldCredentialsView")
struct HeldCredentialsViewTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let pack = SamplePack.make()
    /// SQL on 7 right answers: lower bound 0.688, developing.
    static let report = CompetencyEstimator().estimate(pack: pack, skills: [
        SkillEvidence(skillID: "sql", successes: 7, failures: 0, total: 7, includesPractice: false, recentAttempts: []),
    ])
    static let decisions = [
        EvidenceDecision(skillID: "sql", skillName: "SQL", proficient: true, items: 7, rule: .default),
    ]

    static func award(
        _ name: String, attempts: [EvidenceAttempt] = [], prerequisites: [String] = [], expiresAt: Date? = nil
    ) -> CredentialAward {
        CredentialAward(
            id: "urn:uuid:\(name.count)", learner: "ada", packID: "sample", packVersion: "1.0.0", packHash: "",
            credentialID: "c", name: name, description: "", achievementType: "Badge", criteria: "Hold it \u{1B}[2J.",
            awardedAt: now.addingTimeInterval(-86_400 * 800), expiresAt: expiresAt,
            evidence: CredentialEvidence(attempts: attempts, prerequisites: prerequisites))
    }

    static func exam(decisions: [EvidenceDecision]?) -> EvidenceAttempt {
        EvidenceAttempt(
            attemptID: "a", quizID: "sample-exam", quizTitle: "Sample exam", score: 0.85, passed: true,
            finishedAt: now.addingTimeInterval(-86_400 * 800), decisions: decisions)
    }

    private func render(_ awards: [CredentialAward]) -> [String] {
        HeldCredentialsView(console: Console.capture().0, now: Self.now)
            .render(pack: Self.pack, awards: awards, report: Self.report)
    }

    @Test func anExpiredCredentialIsShownExpiredAndVouchesForNothing() throws {
        let expired = Self.award("Old", attempts: [Self.exam(decisions: Self.decisions)], expiresAt: Self.now.addingTimeInterval(-60))
        let lines = render([expired])
        #expect(lines[1].contains("Old  expired 2026-"), "\(lines)")
        #expect(lines.contains { $0.contains("SQL proficient after 7 questions") })
        #expect(!lines.contains { $0.contains("vouches for") })
        let valid = Self.award("Valid", attempts: [Self.exam(decisions: Self.decisions)])
        #expect(render([valid, expired]).filter { $0.contains("vouches for (proficient): SQL (developing)") }.count == 1)
    }

    @Test func aFixedFormExamGivesItsScoreAnImportedCredentialItsCriteriaAStackWhatItHeld() {
        let lines = render([
            Self.award("Fixed", attempts: [Self.exam(decisions: nil)]),
            Self.award("Stack", prerequisites: ["sample/c", "other/d"]),
        ])
        #expect(lines.contains { $0.contains("exam Sample exam, ") && $0.hasSuffix(": passed with 85%") }, "\(lines)")
        #expect(lines.contains { $0.hasSuffix("held: sample/c, other/d") })
        #expect(lines.filter { $0.contains("criteria: Hold it") }.count == 2)
        #expect(!lines.joined().contains("\u{1B}"), "untrusted text is sanitised")
        #expect(!lines.contains { $0.contains("vouches for") }, "neither vouches for a level")
    }

    @Test func aHostileCredentialNameIsSanitised() {
        let lines = render([Self.award("Evil \u{1B}]0;owned\u{07} name", attempts: [Self.exam(decisions: Self.decisions)])])
        #expect(!lines.joined().contains("\u{1B}") && !lines.joined().contains("\u{07}"), "\(lines)")
        #expect(lines.contains { $0.contains("vouches for (proficient)") })
    }
}
