import AttestCore
import Foundation
import Testing

@Suite("CredentialShortfall")
struct CredentialShortfallTests {
    static let now = CredentialRulesTests.now
    static let rule = DecisionRule(lower: 0.6, upper: 0.85, alpha: 0.03, beta: 0.1, minItems: 5, maxItems: 8)
    static let pack = CredentialRulesTests.pack(
        "data-analytics", skills: [("sql", "SQL querying"), ("stats", "Statistics")],
        quizzes: [("da-exam", "Data Analytics Exam", .exam)],
        credentials: [
            CredentialRulesTests.credential("exam-only", CredentialCriteria(quizzes: ["da-exam"])),
            CredentialRulesTests.credential("levels", CredentialCriteria(skills: ["stats": .expert])),
        ])

    /// SQL on 7 right answers (Beta(8, 1), lower bound 0.688: developing); Statistics on 20 (lower bound 0.867: proficient).
    static let report = CompetencyEstimator().estimate(pack: pack, skills: [
        SkillEvidence(skillID: "sql", successes: 7, failures: 0, total: 7, includesPractice: false, recentAttempts: []),
        SkillEvidence(skillID: "stats", successes: 20, failures: 0, total: 20, includesPractice: false, recentAttempts: []),
    ])

    static func award(
        _ credentialID: String, decisions: [EvidenceDecision]? = nil, expiresAt: Date? = nil, revokedAt: Date? = nil
    ) -> CredentialAward {
        CredentialAward(
            id: "urn:uuid:\(credentialID)", learner: "ada", packID: "data-analytics", packVersion: "1.0.0", packHash: "",
            credentialID: credentialID, name: "Name of \(credentialID)", description: "", achievementType: "Badge",
            criteria: "", awardedAt: now.addingTimeInterval(-3600), expiresAt: expiresAt,
            evidence: CredentialEvidence(attempts: [
                EvidenceAttempt(
                    attemptID: "a1", quizID: "da-exam", quizTitle: "Data Analytics Exam", score: 1, passed: true,
                    finishedAt: now.addingTimeInterval(-3600), decisions: decisions),
            ]),
            revokedAt: revokedAt)
    }

    static let decided = [
        EvidenceDecision(skillID: "sql", skillName: "SQL querying", proficient: true, items: 7, rule: rule),
        EvidenceDecision(skillID: "stats", skillName: "Statistics", proficient: true, items: 7, rule: rule),
    ]

    @Test func aSkillTheRuleDecidedProficientButWhoseLevelReadsLowerIsNamed() throws {
        #expect(Self.report.skill("sql")?.level == .developing)
        #expect(Self.report.skill("stats")?.level == .proficient)
        let found = CredentialShortfall.find(awards: [Self.award("exam-only", decisions: Self.decided)], pack: Self.pack, report: Self.report, at: Self.now)
        #expect(found == [
            CredentialShortfall(
                skillID: "sql", skillName: "SQL querying", level: .developing, vouched: .proficient,
                awardID: "urn:uuid:exam-only", credentialName: "Name of exam-only", decidedByRule: true),
        ])
    }

    @Test func onlyValidCredentialsVouch() {
        let revoked = Self.award("exam-only", decisions: Self.decided, revokedAt: Self.now.addingTimeInterval(-60))
        let expired = Self.award("exam-only", decisions: Self.decided, expiresAt: Self.now.addingTimeInterval(-60))
        #expect(CredentialShortfall.find(awards: [revoked, expired], pack: Self.pack, report: Self.report, at: Self.now).isEmpty)
    }

    @Test func skillCriteriaVouchForTheLevelTheyAskAndANotYetDecisionVouchesNothing() {
        let notYet = [EvidenceDecision(skillID: "sql", skillName: "SQL querying", proficient: false, items: 2, rule: Self.rule)]
        let found = CredentialShortfall.find(
            awards: [Self.award("levels", decisions: notYet)], pack: Self.pack, report: Self.report, at: Self.now)
        #expect(found.map(\.skillID) == ["stats"])
        #expect(found.first?.vouched == .expert)
        #expect(found.first?.decidedByRule == false)
    }

    @Test func aSkillAtOrAboveWhatIsVouchedIsNotAShortfall() {
        let stats = [Self.decided[1]]
        #expect(CredentialShortfall.find(
            awards: [Self.award("exam-only", decisions: stats)], pack: Self.pack, report: Self.report, at: Self.now).isEmpty)
    }
}
