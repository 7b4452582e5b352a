import Foundation

/// A micro-credential awarded to a learner: the log entry that exports and verification start from.
///
/// It keeps the pack's id, version and content hash and the evidence as it stood
/// when awarded, so a later edit of the pack or more attempts never change it.
/// A renewal is a new award; the old one stays in the log.
public struct CredentialAward: Sendable, Hashable, Codable {
    /// `urn:uuid:...`, the credential's `id` in Open Badges.
    public var id: String
    public var learner: String
    public var packID: String
    public var packVersion: String
    public var packHash: String
    public var credentialID: String
    public var name: String
    public var description: String
    public var achievementType: String
    /// The criteria narrative, generated from the real rules when awarded.
    public var criteria: String
    public var awardedAt: Date
    public var expiresAt: Date?
    public var evidence: CredentialEvidence
    public var revokedAt: Date?
    public var revocationReason: String?

    public init(
        id: String, learner: String, packID: String, packVersion: String, packHash: String, credentialID: String,
        name: String, description: String, achievementType: String, criteria: String, awardedAt: Date,
        expiresAt: Date?, evidence: CredentialEvidence, revokedAt: Date? = nil, revocationReason: String? = nil
    ) {
        self.id = id
        self.learner = learner
        self.packID = packID
        self.packVersion = packVersion
        self.packHash = packHash
        self.credentialID = credentialID
        self.name = name
        self.description = description
        self.achievementType = achievementType
        self.criteria = criteria
        self.awardedAt = awardedAt
        self.expiresAt = expiresAt
        self.evidence = evidence
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
    }

    /// `packId/credentialId`, how stacked credentials refer to this one.
    public var qualifiedID: String { "\(packID)/\(credentialID)" }

    /// Where the award stands at `date`.
    public func status(at date: Date) -> CredentialStatus {
        CredentialStatus(revokedAt: revokedAt, expiresAt: expiresAt, at: date)
    }
}

/// Whether an awarded credential still holds.
public enum CredentialStatus: String, Sendable, Hashable, Codable {
    case valid, expired, revoked

    /// Revoked whenever revoked; otherwise expired from `expiresAt` on; otherwise valid.
    public init(revokedAt: Date?, expiresAt: Date?, at date: Date) {
        if revokedAt != nil {
            self = .revoked
        } else if let expiresAt, expiresAt <= date {
            self = .expired
        } else {
            self = .valid
        }
    }
}

/// What a credential was awarded on.
public struct CredentialEvidence: Sendable, Hashable, Codable {
    /// The exam attempts that satisfied the criteria.
    public var attempts: [EvidenceAttempt]
    /// Per-skill competency estimates at the moment of the award.
    public var skills: [EvidenceSkill]
    /// Credentials (qualified ids) that were required and held.
    public var prerequisites: [String]

    public init(attempts: [EvidenceAttempt] = [], skills: [EvidenceSkill] = [], prerequisites: [String] = []) {
        self.attempts = attempts
        self.skills = skills
        self.prerequisites = prerequisites
    }
}

/// One attempt cited as evidence.
public struct EvidenceAttempt: Sendable, Hashable, Codable {
    public var attemptID: String
    public var quizID: String
    public var quizTitle: String
    public var score: Double
    public var passed: Bool
    public var finishedAt: Date
    /// The extended-time multiplier the attempt was taken with; nil at standard time.
    public var timeMultiplier: Double?
    /// The exam's decision rule and what it decided per skill; nil when the exam has no rule.
    public var decisions: [EvidenceDecision]?

    public init(
        attemptID: String, quizID: String, quizTitle: String, score: Double, passed: Bool, finishedAt: Date,
        timeMultiplier: Double? = nil, decisions: [EvidenceDecision]? = nil
    ) {
        self.decisions = decisions
        self.attemptID = attemptID
        self.quizID = quizID
        self.quizTitle = quizTitle
        self.score = score
        self.passed = passed
        self.finishedAt = finishedAt
        self.timeMultiplier = timeMultiplier
    }
}

/// One skill's decision in an exam with a decision rule, as cited in a credential's evidence: the rule and
/// how many answers it took, so a reader knows the award's error rates rather than a bare score.
public struct EvidenceDecision: Sendable, Hashable, Codable {
    public var skillID: String
    public var skillName: String
    public var proficient: Bool
    /// Answers the decision took.
    public var items: Int
    public var rule: DecisionRule

    public init(skillID: String, skillName: String, proficient: Bool, items: Int, rule: DecisionRule) {
        self.skillID = skillID
        self.skillName = skillName
        self.proficient = proficient
        self.items = items
        self.rule = rule
    }

    public init(_ decision: SectionDecision, skillName: String) {
        self.init(
            skillID: decision.skillID, skillName: skillName, proficient: decision.isProficient, items: decision.items,
            rule: decision.rule)
    }

    /// "Scrum proficient after 5 questions (sequential probability ratio test 0.6 vs 0.85, α 0.03, β 0.1, 5–30 questions)".
    public var summary: String {
        "\(skillName) \(proficient ? "proficient" : "not yet proficient") after \(items) question\(items == 1 ? "" : "s") "
            + "(sequential probability ratio test \(rule.lower) vs \(rule.upper), α \(rule.alpha), β \(rule.beta), "
            + "\(rule.minItems)–\(rule.maxItems) questions)"
    }
}

/// One skill's estimate cited as evidence.
public struct EvidenceSkill: Sendable, Hashable, Codable {
    public var skillID: String
    public var skillName: String
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    public var evidence: Double
    public var level: MasteryLevel

    public init(
        skillID: String, skillName: String, estimate: Double, lower: Double, upper: Double, evidence: Double,
        level: MasteryLevel
    ) {
        self.skillID = skillID
        self.skillName = skillName
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.evidence = evidence
        self.level = level
    }
}
