import Foundation

/// Who vouches for a credential whose signature checks out: the answer `creds verify` leads with.
///
/// A name inside a credential is only the credential's own claim; who stands behind the signing key
/// is decided by the verifier's side — this store's own key, or the trust list a person keeps.
public enum IssuerTrust: Sendable, Hashable {
    /// Signed by this store's self-assessment key: the learner vouches for themself.
    case ownKey
    /// A DID (and key) on the verifier's trust list, under the name the verifier gave it.
    case trusted(name: String)
    /// Nobody known to the verifier: the issuer's name is only the credential's claim.
    case unknown
}

/// The kind of issuer a credential says it comes from (for badges, share text and listings).
///
/// This is what the credential *claims*; whether anyone stands behind the claim is `IssuerTrust`.
public enum IssuerKind: String, Sendable, Hashable, Codable {
    /// Signed by a learner's own Attest store after an unproctored exam.
    case selfAssessed = "self-assessed"
    /// Signed by an organisation issuer (`issuer init --org`).
    case issued
}

/// Makes untrusted text printable as one inert, unambiguous value.
public enum UntrustedText {
    /// `text` as a JSON string literal — in double quotes, with quotes, backslashes, newlines and every
    /// control character escaped — shortened to `limit` characters (then ending in `…`).
    public static func quoted(_ text: String, limit: Int = 200) -> String {
        let short = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return CredentialJSON.string(short).serialized
    }
}
