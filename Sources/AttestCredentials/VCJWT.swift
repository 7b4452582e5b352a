import Foundation

/// Signs an Open Badges credential as a VC-JWT: a compact JWS (ES256) whose payload is the credential
/// plus the registered claims `iss`, `jti`, `nbf`, `exp` and `sub` that mirror it.
public enum VCJWT {
    /// The protected header for `key`: exactly `{"alg":"ES256","kid":"<did>#0","typ":"JWT"}`.
    public static func header(keyID: String) -> CredentialJSON {
        .object(["alg": .string("ES256"), "kid": .string(keyID), "typ": .string("JWT")])
    }

    /// The JWT claims set: the credential's members plus the registered claims derived from it.
    public static func payload(for credential: OpenBadgeCredential) -> CredentialJSON {
        var members = credential.json.objectValue ?? [:]
        if let issuer = credential.issuerID { members["iss"] = .string(issuer) }
        if let id = credential.id { members["jti"] = .string(id) }
        if let validFrom = credential.validFrom {
            members["nbf"] = .number(validFrom.timeIntervalSince1970.rounded(.down))
        }
        if let validUntil = credential.validUntil {
            members["exp"] = .number(validUntil.timeIntervalSince1970.rounded(.down))
        }
        if let subject = credential.subjectID { members["sub"] = .string(subject) }
        return .object(members)
    }

    /// The credential a signed payload carries: the payload without the JWT claims that mirror it.
    public static func credential(fromPayload payload: CredentialJSON) -> OpenBadgeCredential {
        var members = payload.objectValue ?? [:]
        for claim in CredentialVerifier.jwtClaims { members[claim] = nil }
        return OpenBadgeCredential(json: .object(members))
    }

    /// The compact JWS `header.payload.signature`; deterministic apart from the ECDSA signature itself.
    public static func sign(_ credential: OpenBadgeCredential, with key: IssuerKey) throws -> String {
        let signingInput = Base64URL.encode(header(keyID: key.keyID).data) + "." + Base64URL.encode(payload(for: credential).data)
        let signature = try key.sign(Data(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }
}
