import Crypto
import Foundation

/// A P-256 signing key and the DID that names it: this store's self-assessment key (`did:jwk`), a
/// device key (`did:key`), or an organisation's key (`did:web` or `did:key`).
///
/// The `kid` always names the key itself (see `DIDResolver`), so a verifier needs nothing but the
/// credential to check a signature; who vouches for the DID is the trust list's business. Not `Sendable`
/// because swift-crypto's key type is not; restore a key from `rawRepresentation` where another task needs one.
public struct IssuerKey {
    public let privateKey: P256.Signing.PrivateKey
    /// `did:jwk:<base64url of the public JWK>` for a store's key; otherwise the DID given.
    public let did: String
    /// The JWS `kid`.
    public let keyID: String

    /// A fresh key from the system's secure random source.
    public init() {
        self.init(privateKey: P256.Signing.PrivateKey())
    }

    /// Restores a key stored with `rawRepresentation` (the 32-byte private scalar).
    public init(rawRepresentation: Data) throws {
        do {
            self.init(privateKey: try P256.Signing.PrivateKey(rawRepresentation: rawRepresentation))
        } catch {
            throw CredentialError.invalidIssuerKey(byteCount: rawRepresentation.count)
        }
    }

    public init(privateKey: P256.Signing.PrivateKey) {
        self.init(privateKey: privateKey, did: DIDJWK.did(for: privateKey.publicKey))
    }

    /// The key under another DID (`did:web` or `did:key`); its `kid` names the key (see `DIDResolver.keyID`).
    public init(privateKey: P256.Signing.PrivateKey, did: String) {
        self.privateKey = privateKey
        self.did = did
        keyID = DIDResolver.keyID(did: did, key: VerificationKey(privateKey.publicKey))
    }

    /// The key as `did:key` (a device key).
    public static func didKey(privateKey: P256.Signing.PrivateKey) -> IssuerKey {
        IssuerKey(privateKey: privateKey, did: DIDKey.did(for: VerificationKey(privateKey.publicKey)))
    }

    public var verificationKey: VerificationKey { VerificationKey(publicKey) }

    /// The 32-byte private scalar, for storage.
    public var rawRepresentation: Data { privateKey.rawRepresentation }

    public var publicKey: P256.Signing.PublicKey { privateKey.publicKey }

    /// The raw 64-byte `r || s` ES256 signature of `message`, in low-s form (see `LowS`).
    public func sign(_ message: some DataProtocol) throws -> Data {
        LowS.normalized(try privateKey.signature(for: message).rawRepresentation)
    }
}

/// `did:jwk` (https://github.com/quartzjer/did-jwk): a DID whose identifier is the base64url public JWK.
public enum DIDJWK {
    /// The public JWK `{"crv":"P-256","kty":"EC","x":…,"y":…}` (members in lexicographic order).
    public static func jwk(for key: P256.Signing.PublicKey) -> CredentialJSON {
        let point = key.x963Representation  // 0x04 || X || Y
        return .object([
            "crv": .string("P-256"),
            "kty": .string("EC"),
            "x": .string(Base64URL.encode(point.dropFirst().prefix(32))),
            "y": .string(Base64URL.encode(point.suffix(32))),
        ])
    }

    /// `did:jwk:` followed by the base64url of the JWK's canonical JSON (no white space).
    public static func did(for key: P256.Signing.PublicKey) -> String {
        "did:jwk:" + Base64URL.encode(jwk(for: key).data)
    }

    /// The P-256 public key a `did:jwk` (optionally with a `#fragment`) names; throws why it cannot be one.
    public static func publicKey(from did: String) throws -> P256.Signing.PublicKey {
        let bare = did.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard bare.hasPrefix("did:jwk:") else { throw CredentialError.invalidDID("does not start with did:jwk:") }
        guard let json = Base64URL.decode(bare.dropFirst("did:jwk:".count)) else {
            throw CredentialError.invalidDID("the identifier is not base64url")
        }
        let jwk: CredentialJSON
        do {
            jwk = try CredentialJSON.parse(json)
        } catch {
            throw CredentialError.invalidDID("the identifier is not a JSON JWK (\(error.localizedDescription))")
        }
        guard jwk["kty"]?.stringValue == "EC" else { throw CredentialError.invalidDID("the JWK's kty is not EC") }
        guard jwk["crv"]?.stringValue == "P-256" else { throw CredentialError.invalidDID("the JWK's crv is not P-256") }
        if let use = jwk["use"], use.stringValue != "sig" {
            throw CredentialError.invalidDID("the JWK's use is not sig")
        }
        if jwk["d"] != nil { throw CredentialError.invalidDID("the JWK contains a private key (d)") }
        guard let x = jwk["x"]?.stringValue.flatMap(Base64URL.decode), x.count == 32,
              let y = jwk["y"]?.stringValue.flatMap(Base64URL.decode), y.count == 32
        else { throw CredentialError.invalidDID("the JWK's x and y must be 32-byte base64url coordinates") }
        do {
            return try P256.Signing.PublicKey(x963Representation: Data([0x04]) + x + y)
        } catch {
            throw CredentialError.invalidDID("x and y are not a point on P-256")
        }
    }
}
