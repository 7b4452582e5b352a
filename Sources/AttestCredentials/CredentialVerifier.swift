import AttestCore
import Crypto
import Foundation

/// What a revocation lookup knows about a credential, keyed on its issuer and id.
public enum RevocationLookup: Sendable, Hashable {
    /// Nothing the verifier holds says either way: revocation was not checked.
    case unknown
    case notRevoked
    case revoked(at: Date, reason: String?)
    /// Signed with this store's own key, yet not in its credential log: no award of this store made it.
    case absentFromLog

    /// The lookup answer for a locally stored award.
    public init(award: CredentialAward) {
        if let revokedAt = award.revokedAt {
            self = .revoked(at: revokedAt, reason: award.revocationReason)
        } else {
            self = .notRevoked
        }
    }
}

/// Checks a signed Open Badges credential — JWS text, `{"jwt": …}` JSON, baked PNG or baked SVG —
/// explains every check, and says who vouches for it, so a person can see exactly why a credential
/// is or is not valid and whether anyone they trust stands behind it.
public enum CredentialVerifier {
    /// Larger inputs are refused unread: a credential Attest makes (a baked PNG included) is far smaller.
    public static let maximumInputSize = 32 * 1024 * 1024

    /// Verifies `data` at `now`.
    ///
    /// - Parameters:
    ///   - revocationCheck: answers, for an issuer DID and a credential id (`urn:uuid:…`), whether it was revoked.
    ///   - trust: who vouches for an issuer DID signing with a key (this store's key, the trust list, nobody).
    ///   - statusListCheck: checks the credential (the payload) against a status list the verifier holds
    ///     (`--status-list`), returning whether it is clear and why; nil when none was given.
    public static func verify(
        data: Data, revocationCheck: (_ issuer: String, _ id: String) -> RevocationLookup = { _, _ in .unknown },
        now: Date, trust: (_ issuer: String, _ key: VerificationKey) -> IssuerTrust = { _, _ in .unknown },
        statusListCheck: ((_ credential: CredentialJSON) -> (clear: Bool, detail: String))? = nil
    ) -> VerificationReport {
        var report = VerificationReport()
        guard data.count <= maximumInputSize else {
            report.add("input", false, "larger than \(maximumInputSize / 1_048_576) MB, the most a credential file may be")
            return report
        }
        let jws: String
        do {
            let (format, text) = try extract(data)
            report.format = format
            jws = text
            report.add("input", true, "\(format.rawValue) holding a compact JWS")
        } catch {
            report.add("input", false, error.localizedDescription)
            return report
        }

        let parts = jws.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map { Substring($0) }
        guard parts.count == 3 else {
            report.add("structure", false, "a compact JWS has 3 dot-separated parts, this has \(parts.count)")
            return report
        }
        let decoded = parts.map { Base64URL.decode($0) }
        for (index, name) in ["header", "payload", "signature"].enumerated() {
            guard decoded[index] != nil else {
                report.add("structure", false, "the \(name) part is not canonical unpadded base64url")
                return report
            }
        }
        report.add("structure", true, "three base64url parts")

        let header: CredentialJSON, payload: CredentialJSON
        do {
            header = try CredentialJSON.parse(decoded[0]!)
        } catch {
            report.add("header", false, "the header is not JSON: \(error.localizedDescription)")
            return report
        }
        do {
            payload = try CredentialJSON.parse(decoded[1]!)
            guard payload.objectValue != nil else { throw CredentialJSONError(offset: 0, message: "not a JSON object") }
        } catch {
            report.add("payload", false, "the payload is not a JSON object: \(error.localizedDescription)")
            return report
        }
        let credential = OpenBadgeCredential(json: payload)
        report.credential = CredentialSummary(credential)
        let iss = payload["iss"]?.stringValue

        if let problem = headerProblem(header, iss: iss) {
            report.add("header", false, problem)
            return report
        }
        guard let iss, let kid = header["kid"]?.stringValue else { return report }
        report.add("header", true, "alg ES256, typ JWT, kid \(UntrustedText.quoted(kid))")

        let key: VerificationKey
        do {
            key = try DIDResolver.key(keyID: kid, issuer: iss)
        } catch {
            report.add("issuer", false, UntrustedText.quoted(iss) + ": " + error.localizedDescription)
            return report
        }
        report.issuerDID = iss
        report.key = key
        let vouch = trust(iss, key)
        report.trust = vouch
        let who = switch vouch {
        case .ownKey: "this store's self-assessment key"
        case let .trusted(name): "trusted issuer " + UntrustedText.quoted(name) + " (from your trust list)"
        case .unknown: "unknown issuer: not on your trust list"
        }
        report.add("issuer", true, "\(UntrustedText.quoted(iss)), \(key.typeDescription) key \(key.fingerprint): \(who)")

        let signingInput = Data(jws.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        if decoded[2]!.count != 64 {
            report.add("signature", false, "an ES256 signature is 64 bytes (r || s), this one is \(decoded[2]!.count)")
        } else if key.isValidSignature(decoded[2]!, for: signingInput) {
            report.add("signature", true, "ES256 signature by the issuer's key")
        } else {
            report.add("signature", false, "the ES256 signature does not match the header and payload for the issuer's key")
        }

        let structure = credentialProblems(payload, iss: iss)
        report.add("credential", structure.isEmpty, structure.isEmpty ? "an OpenBadgeCredential" : structure.joined(separator: "; "))
        let claims = claimProblems(payload, credential: credential)
        report.add("claims", claims.isEmpty, claims.isEmpty ? "iss, jti, nbf, exp and sub agree with the credential" : claims.joined(separator: "; "))
        if report.format == .json, let problem = readableCopyProblem(data, payload: payload) {
            report.add("copy", false, problem)
        }

        if let validFrom = credential.validFrom {
            if now < validFrom {
                report.add("validity", false, "not yet valid: valid from \(ISODate.format(validFrom))")
            } else if let validUntil = credential.validUntil, now >= validUntil {
                report.add("validity", false, "expired on \(ISODate.format(validUntil))")
            } else {
                report.add("validity", true, credential.validUntil.map { "valid until \(ISODate.format($0))" } ?? "does not expire")
            }
        }

        if let statusListCheck {
            let (clear, detail) = statusListCheck(payload)
            report.add("revocation", clear, detail)
        }
        if let id = credential.id {
            switch revocationCheck(iss, id) {
            case .unknown where statusListCheck != nil:
                break
            case .unknown:
                let published = (payload["credentialStatus"]?.arrayValue ?? payload["credentialStatus"].map { [$0] } ?? [])
                    .compactMap { $0["statusListCredential"]?.stringValue }.first
                report.add("revocation", .unchecked, "not checked (no status list given" + (published.map {
                    "; its issuer publishes one at \(UntrustedText.quoted($0)): add --fetch-status, or --status-list FILE with a copy)"
                } ?? ", and nothing this store holds says whether this issuer revoked it)"))
            case .notRevoked:
                report.add("revocation", true, "not revoked")
            case let .revoked(at, reason):
                report.add("revocation", false, "revoked on \(ISODate.format(at))" + (reason.map { ": " + UntrustedText.quoted($0) } ?? ""))
            case .absentFromLog:
                report.add("revocation", false, "signed with this store's own key but not in its credential log: no award of this store made it")
            }
        }
        return report
    }

    /// Finds the compact JWS in any accepted input, detected by content.
    public static func extract(_ data: Data) throws -> (VerificationReport.InputFormat, String) {
        if data.starts(with: PNGFile.signature) { return (.png, try BadgeBaker.extractPNG(data)) }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }  // UTF-8 byte order mark
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while let first = bytes.first, isSpace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isSpace(last) { bytes = bytes.dropLast() }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CredentialError.unrecognisedInput }
        if text.hasPrefix("{") || text.hasPrefix("\"") {
            let json = try CredentialJSON.parse(Data(text.utf8))
            if let jws = json.stringValue ?? json["jwt"]?.stringValue {
                return (.json, jws.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            throw CredentialError.unrecognisedInput
        }
        if text.hasPrefix("<") {
            guard text.contains("<svg") else { throw CredentialError.unrecognisedInput }
            return (.svg, try BadgeBaker.extractSVG(text))
        }
        guard !text.isEmpty, !text.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) else {
            throw CredentialError.unrecognisedInput
        }
        return (.jws, text)
    }

    /// A JSON export may carry a readable `credential` beside its `jwt`; it must be exactly the signed
    /// credential (the payload without its JWT claims), so nothing in the file can be changed unnoticed.
    private static func readableCopyProblem(_ data: Data, payload: CredentialJSON) -> String? {
        guard let wrapper = try? CredentialJSON.parse(data), let members = wrapper.objectValue else { return nil }
        let extra = Set(members.keys).subtracting(["jwt", "credential"])
        if !extra.isEmpty { return "unexpected members beside the JWT: \(extra.sorted().joined(separator: ", "))" }
        guard let copy = members["credential"] else { return nil }
        guard var signed = payload.objectValue else { return "the payload is not an object" }
        for claim in jwtClaims { signed[claim] = nil }
        return copy == .object(signed) ? nil : "the readable credential differs from the signed one: it was changed after signing"
    }

    /// The registered JWT claims that mirror the credential, and the VC-JWT `vc` claim.
    static let jwtClaims = ["iss", "jti", "nbf", "exp", "sub", "vc"]

    private static func headerProblem(_ header: CredentialJSON, iss: String?) -> String? {
        guard let members = header.objectValue else { return "the header is not a JSON object" }
        if let alg = members["alg"], alg.stringValue != "ES256" {
            return "alg is \(alg.stringValue.map { UntrustedText.quoted($0) } ?? UntrustedText.quoted(alg.serialized)); only ES256 is accepted"
        }
        let extra = Set(members.keys).subtracting(["alg", "kid", "typ"])
        if !extra.isEmpty { return "unexpected header members: \(extra.sorted().map { UntrustedText.quoted($0, limit: 40) }.joined(separator: ", "))" }
        guard members["alg"] != nil else { return "alg is missing" }
        guard members["typ"]?.stringValue == "JWT" else { return "typ must be \"JWT\"" }
        guard let iss else { return "the payload has no iss claim to match kid against" }
        guard let kid = members["kid"]?.stringValue, DIDResolver.did(ofKeyID: kid) == iss, kid.contains("#") else {
            return "kid must be the issuer's DID \(UntrustedText.quoted(iss)) with a #fragment naming its key"
        }
        return nil
    }

    private static func credentialProblems(_ payload: CredentialJSON, iss: String) -> [String] {
        var problems: [String] = []
        let contexts = payload["@context"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if contexts.first != OpenBadgeCredential.contexts[0] { problems.append("@context must start with \(OpenBadgeCredential.contexts[0])") }
        if !contexts.contains(where: { $0.hasPrefix("https://purl.imsglobal.org/spec/ob/v3p0/context") }) {
            problems.append("@context lacks the Open Badges 3.0 context")
        }
        let types = payload["type"]?.stringSet ?? []
        if !types.contains("VerifiableCredential") || !(types.contains("OpenBadgeCredential") || types.contains("AchievementCredential")) {
            problems.append("type must contain VerifiableCredential and OpenBadgeCredential")
        }
        if let id = payload["id"]?.stringValue, id.hasPrefix("urn:uuid:"), UUID(uuidString: String(id.dropFirst(9))) != nil {
        } else {
            problems.append("id must be a urn:uuid")
        }
        if payload["issuer"]?["id"]?.stringValue != iss { problems.append("issuer.id must be the iss DID") }
        if !(payload["issuer"]?["type"]?.stringSet.contains("Profile") ?? false) { problems.append("issuer.type must contain Profile") }
        if payload["validFrom"]?.stringValue.flatMap(ISODate.parse) == nil { problems.append("validFrom must be an ISO 8601 date-time") }
        if let until = payload["validUntil"], until.stringValue.flatMap(ISODate.parse) == nil {
            problems.append("validUntil must be an ISO 8601 date-time")
        }
        guard let subject = payload["credentialSubject"], subject.objectValue != nil else {
            problems.append("credentialSubject is missing")
            return problems
        }
        if !(subject["type"]?.stringSet.contains("AchievementSubject") ?? false) {
            problems.append("credentialSubject.type must contain AchievementSubject")
        }
        if subject["id"] == nil, subject["identifier"] == nil { problems.append("credentialSubject needs an id or an identifier") }
        if let achievement = subject["achievement"], achievement.objectValue != nil {
            if achievement["id"]?.stringValue == nil { problems.append("achievement.id is missing") }
            if !(achievement["type"]?.stringSet.contains("Achievement") ?? false) { problems.append("achievement.type must contain Achievement") }
            if achievement["name"]?.stringValue == nil { problems.append("achievement.name is missing") }
            if achievement["criteria"]?.objectValue == nil { problems.append("achievement.criteria is missing") }
        } else {
            problems.append("credentialSubject.achievement is missing")
        }
        return problems
    }

    private static func claimProblems(_ payload: CredentialJSON, credential: OpenBadgeCredential) -> [String] {
        var problems: [String] = []
        func seconds(_ date: Date?) -> Double? { date.map { $0.timeIntervalSince1970.rounded(.down) } }
        if payload["jti"]?.stringValue != credential.id { problems.append("jti differs from the credential id") }
        if payload["iss"]?.stringValue != credential.issuerID { problems.append("iss differs from issuer.id") }
        if payload["nbf"]?.numberValue != seconds(credential.validFrom) { problems.append("nbf differs from validFrom") }
        if payload["exp"]?.numberValue != seconds(credential.validUntil) {
            problems.append(credential.validUntil == nil ? "exp is set but the credential has no validUntil" : "exp differs from validUntil")
        }
        if let vc = payload["vc"] {
            var credentialMembers = payload.objectValue ?? [:]
            for claim in jwtClaims { credentialMembers[claim] = nil }
            if vc != .object(credentialMembers) {
                problems.append("the vc claim differs from the credential: the token says two different things")
            }
        }
        if payload["sub"]?.stringValue != credential.subjectID {
            problems.append(credential.subjectID == nil ? "sub is set but the subject has no id" : "sub differs from credentialSubject.id")
        }
        return problems
    }
}

/// The outcome of verifying one credential: every check with its reason, and what the credential says.
public struct VerificationReport: Sendable {
    /// How the credential was delivered.
    public enum InputFormat: String, Sendable {
        case jws = "compact JWS text", json = "JSON file", png = "baked PNG", svg = "baked SVG"
    }

    /// How a check ended.
    public enum Outcome: String, Sendable, Hashable {
        case passed, failed
        /// The check could not be made (e.g. revocation with nothing to look it up in): neither ✓ nor ✗.
        case unchecked
    }

    /// One named check.
    public struct Check: Sendable, Hashable {
        public var name: String
        public var outcome: Outcome
        public var detail: String
        /// Passed for certain (an unchecked check is not).
        public var passed: Bool { outcome == .passed }
    }

    /// What `creds verify` concludes, and its exit status.
    public enum Verdict: Sendable, Hashable {
        /// Every check passed and the issuer is this store's key or on the trust list (exit 0).
        case trusted
        /// Every check passed but nobody the verifier trusts vouches for the issuer (exit 3).
        case untrustedIssuer
        /// A check failed (exit 1).
        case invalid

        public var exitCode: Int32 {
            switch self {
            case .trusted: 0
            case .untrustedIssuer: 3
            case .invalid: 1
            }
        }
    }

    public var format: InputFormat?
    public var checks: [Check] = []
    /// What the payload says, once it decoded; present even when checks fail (do not trust it then).
    public var credential: CredentialSummary?
    /// The signing DID and key, once the header named a usable one.
    public var issuerDID: String?
    public var key: VerificationKey?
    /// Who vouches for the signing key.
    public var trust: IssuerTrust?

    /// True only when every check ran and none failed (revocation may be unchecked).
    public var isValid: Bool {
        let required: Set<String> = ["input", "structure", "header", "issuer", "signature", "credential", "claims", "validity", "revocation"]
        return !checks.contains { $0.outcome == .failed } && required.isSubset(of: Set(checks.map(\.name)))
    }

    public var verdict: Verdict {
        guard isValid else { return .invalid }
        switch trust {
        case .ownKey, .trusted: return .trusted
        case .unknown, nil: return .untrustedIssuer
        }
    }

    /// The first failed check, the reason a person should read first.
    public var failure: Check? { checks.first { $0.outcome == .failed } }

    mutating func add(_ name: String, _ passed: Bool, _ detail: String) {
        add(name, passed ? .passed : .failed, detail)
    }

    mutating func add(_ name: String, _ outcome: Outcome, _ detail: String) {
        checks.append(Check(name: name, outcome: outcome, detail: detail))
    }
}

/// The human-facing facts of a decoded credential.
public struct CredentialSummary: Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var achievementName: String?
    public var issuerID: String?
    public var issuerName: String?
    /// Self-assessed or issued, as the credential claims.
    public var issuerKind: IssuerKind
    /// The subject's DID, or a description of its identifiers (e.g. "hashed emailAddress, name Ada Lovelace").
    public var subject: String?
    public var validFrom: Date?
    public var validUntil: Date?

    init(_ credential: OpenBadgeCredential) {
        let json = credential.json
        id = credential.id
        name = credential.name
        achievementName = json["credentialSubject"]?["achievement"]?["name"]?.stringValue
        issuerID = credential.issuerID
        issuerName = json["issuer"]?["name"]?.stringValue
        issuerKind = credential.issuerKind
        validFrom = credential.validFrom
        validUntil = credential.validUntil
        if let did = credential.subjectID {
            subject = did
        } else if let identifiers = json["credentialSubject"]?["identifier"] {
            let list = identifiers.arrayValue ?? [identifiers]
            subject = list.compactMap { item -> String? in
                guard let type = item["identityType"]?.stringValue else { return nil }
                if item["hashed"] == .bool(true) { return "hashed \(type)" }
                return item["identityHash"]?.stringValue.map { "\(type) \($0)" }
            }.joined(separator: ", ")
        }
    }
}
