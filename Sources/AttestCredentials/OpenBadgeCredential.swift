import AttestCore
import Crypto
import Foundation

/// Who a credential is about: a DID, or an email address and a name (each stored only as a salted hash).
public struct LearnerIdentity: Sendable, Hashable {
    public var name: String?
    public var email: String?
    public var did: String?

    public init(name: String? = nil, email: String? = nil, did: String? = nil) {
        self.name = name
        self.email = email
        self.did = did
    }
}

/// The issuer as a credential names it: its DID, a display name, and whether it is the learner's own
/// store (self-assessed) or an organisation.
public struct IssuerProfile: Sendable, Hashable {
    public var did: String
    public var name: String
    public var kind: IssuerKind

    /// A profile; `kind` defaults to self-assessed, so nothing claims an organisation by accident.
    public init(did: String, name: String, kind: IssuerKind = .selfAssessed) {
        self.did = did
        self.name = name
        self.kind = kind
    }

    /// The words every self-assessed credential carries, whatever display name the learner sets.
    public static let selfAssessedWords = "self-assessed with Attest"

    /// The issuer name of a self-assessed credential: "Self-assessed with Attest", or "NAME (self-assessed
    /// with Attest)" when the learner set a display name. No setting can remove the words.
    public static func selfAssessedName(displayName: String?) -> String {
        let display = displayName?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return display.isEmpty ? "Self-assessed with Attest" : "\(display) (\(selfAssessedWords))"
    }

    /// The issuer description a self-assessed credential carries.
    public static let selfAssessedDescription =
        "Self-assessed: signed by the learner's own Attest store after an unproctored exam. "
        + "No organisation has checked or vouches for this credential."
}

/// An Open Badges 3.0 `OpenBadgeCredential` (unsigned), built from an award exactly as the spec shapes it.
///
/// The JSON is kept as a `CredentialJSON` so the signed payload is reproducible byte for byte.
public struct OpenBadgeCredential: Sendable, Hashable {
    public static let contexts = [
        "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    public static let types = ["VerifiableCredential", "OpenBadgeCredential"]

    /// Achievement types the Open Badges 3.0 vocabulary defines; others are written as `ext:<Name>`.
    public static let achievementTypes: Set<String> = [
        "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree", "Award", "Badge",
        "BachelorDegree", "Certificate", "CertificateOfCompletion", "Certification", "CommunityService", "Competency",
        "Course", "CoCurricular", "Degree", "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
        "JourneymanCertificate", "LearningProgram", "License", "Membership", "ProfessionalDoctorate",
        "QualityAssuranceCredential", "MasterCertificate", "MasterDegree", "MicroCredential", "ResearchDoctorate",
        "SecondarySchoolDiploma",
    ]

    /// The credential document.
    public let json: CredentialJSON

    /// Wraps an existing credential document (e.g. one decoded from a JWS).
    public init(json: CredentialJSON) {
        self.json = json
    }

    /// Builds the credential for `award`.
    ///
    /// - Parameter salt: mixed into the email hash (`sha256$hex(sha256(email + salt))`); use `makeSalt()`.
    public init(award: CredentialAward, learner: LearnerIdentity, issuer: IssuerProfile, salt: String) throws {
        var subject: [String: CredentialJSON] = ["type": .array([.string("AchievementSubject")])]
        if let did = learner.did?.trimmingCharacters(in: .whitespaces), !did.isEmpty {
            guard did.hasPrefix("did:"), did.count > 4 else { throw CredentialError.invalidSubjectDID(did) }
            subject["id"] = .string(did)
        }
        var identifiers: [CredentialJSON] = []
        if let email = learner.email?.trimmingCharacters(in: .whitespaces), !email.isEmpty {
            identifiers.append(.object([
                "type": .string("IdentityObject"),
                "identityHash": .string(Self.identityHash(email, salt: salt)),
                "identityType": .string("emailAddress"),
                "hashed": .bool(true),
                "salt": .string(salt),
            ]))
        }
        // The name (by default the login name) is only ever a salted hash too: whoever knows it can check it.
        if let name = learner.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            identifiers.append(.object([
                "type": .string("IdentityObject"),
                "identityHash": .string(Self.identityHash(name, salt: salt)),
                "identityType": .string("name"),
                "hashed": .bool(true),
                "salt": .string(salt),
            ]))
        }
        if !identifiers.isEmpty { subject["identifier"] = .array(identifiers) }
        guard subject["id"] != nil || !identifiers.isEmpty else { throw CredentialError.subjectWithoutIdentity }
        subject["achievement"] = Self.achievement(for: award, issuer: issuer)
        let measured = award.evidence.skills.flatMap { Self.results(for: $0, award: award) }
        if !measured.isEmpty { subject["result"] = .array(measured.map(\.result)) }

        var document: [String: CredentialJSON] = [
            "@context": .array(Self.contexts.map(CredentialJSON.string)),
            "type": .array(Self.types.map(CredentialJSON.string)),
            "id": .string(award.id),
            "name": .string(award.name),
            "description": .string(award.description),
            "issuer": .object(Self.issuerMembers(issuer)),
            "validFrom": .string(ISODate.format(award.awardedAt)),
            "credentialSubject": .object(subject),
        ]
        if let expiresAt = award.expiresAt { document["validUntil"] = .string(ISODate.format(expiresAt)) }
        let evidence = Self.evidence(for: award, kind: issuer.kind)
        if !evidence.isEmpty { document["evidence"] = .array(evidence) }
        json = .object(document)
    }

    /// A fresh random salt (32 hex digits) for the email hash.
    public static func makeSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// `sha256$<hex(sha256(identity + salt))>`, the Open Badges `IdentityHash`.
    public static func identityHash(_ identity: String, salt: String) -> String {
        "sha256$" + hex(SHA256.hash(data: Data((identity + salt).utf8)))
    }

    /// Lower-case hexadecimal, two digits a byte (what `String(format: "%02x")` gives, without its cost).
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A stable URI for the achievement a pack's credential stands for.
    public static func achievementID(packID: String, credentialID: String) -> String {
        "urn:attest:achievement:\(packID):\(credentialID)"
    }

    public var id: String? { json["id"]?.stringValue }
    public var name: String? { json["name"]?.stringValue }
    public var issuerID: String? { json["issuer"]?["id"]?.stringValue ?? json["issuer"]?.stringValue }
    public var subjectID: String? { json["credentialSubject"]?["id"]?.stringValue }
    public var validFrom: Date? { json["validFrom"]?.stringValue.flatMap(ISODate.parse) }
    public var validUntil: Date? { json["validUntil"]?.stringValue.flatMap(ISODate.parse) }

    /// The tag a self-assessed credential's achievement carries.
    public static let selfAssessedTag = "self-assessed"

    /// What kind of issuer the credential says it comes from: self-assessed when its achievement is tagged
    /// so (every credential a learner's store signs is), otherwise issued. A claim: `IssuerTrust` says who vouches.
    public var issuerKind: IssuerKind {
        let tags = json["credentialSubject"]?["achievement"]?["tag"]?.stringSet ?? []
        return tags.contains(Self.selfAssessedTag) ? .selfAssessed : .issued
    }

    private static func issuerMembers(_ issuer: IssuerProfile) -> [String: CredentialJSON] {
        var members: [String: CredentialJSON] = [
            "id": .string(issuer.did), "type": .array([.string("Profile")]), "name": .string(issuer.name),
        ]
        if issuer.kind == .selfAssessed { members["description"] = .string(IssuerProfile.selfAssessedDescription) }
        return members
    }

    private static func achievement(for award: CredentialAward, issuer: IssuerProfile) -> CredentialJSON {
        var achievement: [String: CredentialJSON] = [
            "id": .string(achievementID(packID: award.packID, credentialID: award.credentialID)),
            "type": .array([.string("Achievement")]),
            "name": .string(award.name),
            "description": .string(award.description),
            "criteria": .object(["narrative": .string(award.criteria)]),
            "achievementType": .string(openBadgesAchievementType(award.achievementType)),
            "version": .string(award.packVersion),
            "humanCode": .string(award.qualifiedID),
        ]
        let alignments = award.evidence.skills.map { skill in
            CredentialJSON.object([
                "type": .array([.string("Alignment")]),
                "targetName": .string(skill.skillName),
                "targetUrl": .string("urn:attest:skill:\(award.packID):\(skill.skillID)"),
                "targetCode": .string(skill.skillID),
                "targetDescription": .string(
                    "Estimated competency \(decimal(skill.estimate)) (\(CredentialRules.credibleIntervalPercent)% credible interval "
                        + "\(decimal(skill.lower))–\(decimal(skill.upper))): \(skill.level.rawValue)"),
                "targetType": .string("ceasn:Competency"),
            ])
        }
        if !alignments.isEmpty { achievement["alignment"] = .array(alignments) }
        let measured = award.evidence.skills.flatMap { Self.results(for: $0, award: award) }
        if !measured.isEmpty { achievement["resultDescription"] = .array(measured.map(\.description)) }
        if issuer.kind == .selfAssessed { achievement["tag"] = .array([.string(selfAssessedTag)]) }
        return .object(achievement)
    }

    /// What was measured for one skill, as Open Badges results a verifier can read without Attest: the
    /// competency estimate (a ScaledScore from 0 to 1), its credible interval, and how much evidence it rests
    /// on — each a `ResultDescription` in the achievement and the learner's value in the subject's `result`.
    private static func results(for skill: EvidenceSkill, award: CredentialAward) -> [(description: CredentialJSON, result: CredentialJSON)] {
        let base = "urn:attest:result:\(award.packID):\(award.credentialID):\(skill.skillID)"
        let alignment = CredentialJSON.array([.object([
            "type": .array([.string("Alignment")]), "targetName": .string(skill.skillName),
            "targetUrl": .string("urn:attest:skill:\(award.packID):\(skill.skillID)"), "targetCode": .string(skill.skillID),
            "targetType": .string("ceasn:Competency"),
        ])])
        let count = skill.evidence.rounded() == skill.evidence ? String(Int(skill.evidence)) : String(format: "%.1f", skill.evidence)
        let entries: [(suffix: String, name: String, type: String, value: String, range: Bool)] = [
            ("estimate", "\(skill.skillName): estimated competency (\(skill.level.rawValue))", "ScaledScore", decimal(skill.estimate), true),
            ("interval", "\(skill.skillName): \(CredentialRules.credibleIntervalPercent)% credible interval of the estimate",
             "ext:CredibleInterval", "\(decimal(skill.lower))–\(decimal(skill.upper))", false),
            ("evidence", "\(skill.skillName): evidence behind the estimate (answers, weighted by skill)", "RawScore", count, false),
        ]
        return entries.map { entry in
            var description: [String: CredentialJSON] = [
                "id": .string(base + ":" + entry.suffix), "type": .array([.string("ResultDescription")]),
                "name": .string(entry.name), "resultType": .string(entry.type), "alignment": alignment,
            ]
            if entry.range {
                description["valueMin"] = .string("0.00")
                description["valueMax"] = .string("1.00")
            }
            let result = CredentialJSON.object([
                "type": .array([.string("Result")]), "resultDescription": .string(base + ":" + entry.suffix),
                "value": .string(entry.value), "alignment": alignment,
            ])
            return (.object(description), result)
        }
    }

    private static func evidence(for award: CredentialAward, kind: IssuerKind) -> [CredentialJSON] {
        let setting = kind == .selfAssessed
            ? " Unproctored: taken in Attest on the learner's own computer, with no one supervising." : ""
        var items: [CredentialJSON] = award.evidence.attempts.map { attempt in
            var item: [String: CredentialJSON] = [
                "type": .array([.string("Evidence")]),
                "name": .string(attempt.quizTitle),
                "description": .string(
                    "Exam attempt on pack \(award.packID) \(award.packVersion) (SHA-256 \(award.packHash.isEmpty ? "unknown" : award.packHash))"),
                "narrative": .string(
                    "\(attempt.passed ? "Passed" : "Took") the exam \(attempt.quizTitle) with a score of "
                        + "\(percent(attempt.score)) on \(ISODate.format(attempt.finishedAt))."
                        + extendedTime(attempt) + decided(attempt) + setting),
            ]
            if let uuid = UUID(uuidString: attempt.attemptID) {
                item["id"] = .string("urn:uuid:" + uuid.uuidString.lowercased())
            }
            return .object(item)
        }
        if !award.evidence.prerequisites.isEmpty {
            items.append(.object([
                "type": .array([.string("Evidence")]),
                "name": .string("Prerequisite credentials"),
                "narrative": .string("Held \(award.evidence.prerequisites.joined(separator: ", ")) when awarded."),
            ]))
        }
        return items
    }

    private static func openBadgesAchievementType(_ type: String) -> String {
        if achievementTypes.contains(type) || type.hasPrefix("ext:") { return type }
        let cleaned = type.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        return cleaned.isEmpty ? "MicroCredential" : "ext:" + String(String.UnicodeScalarView(cleaned))
    }

    /// The accommodation sentence of an attempt taken with extended time (WCAG 2.2.1), stated rather than hidden.
    private static func extendedTime(_ attempt: EvidenceAttempt) -> String {
        guard let multiplier = attempt.timeMultiplier, multiplier > 1 else { return "" }
        return " Taken with extended time: \(Accommodation.describe(multiplier)) the standard time limits, "
            + "an accommodation the pack allows."
    }

    /// The exam's decision rule and what it decided, e.g. " Decided by the exam's rule: Scrum proficient after 5 questions (…)."
    private static func decided(_ attempt: EvidenceAttempt) -> String {
        guard let decisions = attempt.decisions, !decisions.isEmpty else { return "" }
        return " Decided by the exam's rule: " + decisions.map(\.summary).joined(separator: "; ") + "."
    }

    private static func decimal(_ value: Double) -> String { String(format: "%.2f", value) }
    private static func percent(_ score: Double) -> String { "\(Int((score * 100).rounded()))%" }
}
