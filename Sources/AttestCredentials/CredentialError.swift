import Foundation

/// What can go wrong while building, signing, baking or extracting a credential.
public enum CredentialError: LocalizedError, Sendable, Hashable {
    case invalidIssuerKey(byteCount: Int)
    case invalidDID(String)
    case subjectWithoutIdentity
    case invalidSubjectDID(String)
    case malformedPNG(String)
    case malformedSVG(String)
    case unsafeSVG([String])
    case noCredentialInImage(format: String)
    case unrecognisedInput

    public var errorDescription: String? {
        switch self {
        case let .invalidIssuerKey(count):
            count == 32
                ? "the stored issuer key is not a valid P-256 private key (its 32 bytes are zero or out of range); restore it from a backup or create a new key"
                : "the stored issuer key is not a P-256 private key (\(count) bytes, expected 32); restore it from a backup or create a new key"
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
        case let .unsafeSVG(problems):
            "the pack's SVG badge image holds " + problems.joined(separator: ", ")
                + "; a badge must be a plain picture, so it was not used (the pack author must remove these)"
        case let .noCredentialInImage(format):
            "the \(format) image carries no Open Badges credential"
        case .unrecognisedInput:
            "not a credential: expected a compact JWS, a JSON file with a \"jwt\" member, a baked PNG or a baked SVG"
        }
    }
}
