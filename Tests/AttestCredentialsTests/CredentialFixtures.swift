import AttestCore
import AttestCredentials
import Foundation

/// Awards, learners and keys shared by the credential tests.
enum CredentialFixtures {
    static let awardedAt = Date(timeIntervalSince1970: 1_790_000_000)
    static let awardID = "urn:uuid:4f1c2b7e-9d3a-4c55-8e21-0a6b7c8d9e10"

    static func award(expiresAt: Date? = Date(timeIntervalSince1970: 1_790_000_000 + 365 * 86_400)) -> CredentialAward {
        CredentialAward(
            id: awardID, learner: "ada", packID: "data-analytics", packVersion: "1.2.0", packHash: String(repeating: "ab", count: 32),
            credentialID: "analyst", name: "Data Analyst <Level 1> & \"Friends\"", description: "SQL and statistics foundations.",
            achievementType: "MicroCredential",
            criteria: "Reach at least proficient (lower bound of the 90% credible interval ≥ 0.70) in SQL querying; pass the exam Data Analytics Exam.",
            awardedAt: awardedAt, expiresAt: expiresAt,
            evidence: CredentialEvidence(
                attempts: [
                    EvidenceAttempt(
                        attemptID: "9b2e4c1a-7f00-4a6e-b1d2-3c4d5e6f7a8b", quizID: "da-exam", quizTitle: "Data Analytics Exam",
                        score: 0.86, passed: true, finishedAt: awardedAt.addingTimeInterval(-60)),
                ],
                skills: [
                    EvidenceSkill(skillID: "sql", skillName: "SQL querying", estimate: 0.82, lower: 0.74, upper: 0.9, evidence: 12, level: .proficient),
                    EvidenceSkill(skillID: "stats", skillName: "Descriptive statistics", estimate: 0.7, lower: 0.61, upper: 0.79, evidence: 8, level: .developing),
                ],
                prerequisites: ["project-management/foundations"]))
    }

    static let emailLearner = LearnerIdentity(name: "Ada Lovelace", email: "ada@example.org")
    static let didLearner = LearnerIdentity(name: "Ada Lovelace", did: "did:example:ada")

    static func issuer(_ key: IssuerKey) -> IssuerProfile { IssuerProfile(did: key.did, name: "Attest Test Academy") }

    /// A signed credential and the key that signed it.
    static func signed(
        learner: LearnerIdentity = emailLearner, expiresAt: Date? = Date(timeIntervalSince1970: 1_790_000_000 + 365 * 86_400)
    ) throws -> (jws: String, key: IssuerKey, credential: OpenBadgeCredential) {
        let key = IssuerKey()
        let credential = try OpenBadgeCredential(
            award: award(expiresAt: expiresAt), learner: learner, issuer: issuer(key), salt: "5a1t")
        return (try VCJWT.sign(credential, with: key), key, credential)
    }

    /// A moment inside the validity period of `award()`.
    static let during = awardedAt.addingTimeInterval(86_400)
    /// What a badge picture of the fixture credential says.
    static let face = BadgeFace(
        name: "Data Analytics Foundations", kind: .selfAssessed, issuerName: "Self-assessed: Ada", validFrom: awardedAt)
}
