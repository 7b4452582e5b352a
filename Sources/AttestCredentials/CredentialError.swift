import Foundation

/// What can go wrong while building, signing, baking or extracting a credential.
public enum CredentialError: LocalizedError, Sendable, Hashable {
    case invalidIssuerKey(byteCount: Int)
    case invalidDID(String)
    case subjectWithoutIdentity
    case invalidSubjectDID(String)
    case malformedPNG(String)
    case malformedSVG(String)
    case noCredentialInImage(format: String)
    case unrecognisedInput

    public var errorDescription: String? {
        switch self {
        case let .invalidIssuerKey(count):
            "the stored issuer key is not a P-256 private key (\(count) bytes, expected 32); restore it from a backup or create a new key"
        case let .invalidDID(reason):
            "the issuer is not a usable did:jwk: \(reason)"
        case .subjectWithoutIdentity:
            "the learner has neither a DID, an email address nor a name; set at least one in the learner profile"
        case let .invalidSubjectDID(did):
            "the learner's DID \"\(did)\" is not a DID (it must start with did:)"
        case let .malformedPNG(reason):
            "malformed PNG: \(reason)"
        case let .malformedSVG(reason):
            "malformed SVG: \(reason)"
        case let .noCredentialInImage(format):
            "the \(format) image carries no Open Badges credential"
        case .unrecognisedInput:
            "not a credential: expected a compact JWS, a JSON file with a \"jwt\" member, a baked PNG or a baked SVG"
        }
    }
}
