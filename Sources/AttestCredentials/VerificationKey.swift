import Crypto
import Foundation

/// A public key that checks signatures, whichever DID method named it.
///
/// Key-type-agnostic on purpose: the trust list, `did:key` and `did:web` handling speak only of
/// verification keys (their multibase form and fingerprint): P-256 for VC-JWTs, Ed25519 for Data
/// Integrity proofs.
public enum VerificationKey: Sendable, Hashable {
    /// A P-256 key (ES256), kept as its 65-byte uncompressed point `0x04 || X || Y`.
    case p256(Data)
    /// An Ed25519 key (Data Integrity `eddsa-rdfc-2022` proofs), kept as its 32 raw bytes.
    case ed25519(Data)

    /// The multicodec prefix of a P-256 public key (`p256-pub`, 0x1200, as a varint).
    static let p256Multicodec: [UInt8] = [0x80, 0x24]
    /// The multicodec prefix of an Ed25519 public key (`ed25519-pub`, 0xed, as a varint).
    static let ed25519Multicodec: [UInt8] = [0xED, 0x01]

    public init(_ key: Curve25519.Signing.PublicKey) {
        self = .ed25519(key.rawRepresentation)
    }

    public init(_ key: P256.Signing.PublicKey) {
        self = .p256(key.x963Representation)
    }

    /// The key a multibase (`z` + base58btc) multicodec value names, e.g. the part of a `did:key` after `did:key:`.
    public init(multibase: some StringProtocol) throws {
        guard multibase.hasPrefix("z"), let bytes = Base58.decode(multibase.dropFirst()) else {
            throw CredentialError.invalidDID("the key is not multibase base58btc (z…)")
        }
        if bytes.starts(with: Self.ed25519Multicodec) {
            guard bytes.count == 34 else { throw CredentialError.invalidDID("an Ed25519 key is 32 bytes") }
            self = .ed25519(Data(bytes.dropFirst(2)))
            return
        }
        guard bytes.starts(with: Self.p256Multicodec) else {
            throw CredentialError.invalidDID("the key type is not supported (only P-256 and Ed25519 keys)")
        }
        do {
            self.init(try P256.Signing.PublicKey(compressedRepresentation: bytes.dropFirst(Self.p256Multicodec.count)))
        } catch {
            throw CredentialError.invalidDID("the key is not a compressed point on P-256")
        }
    }

    /// The algorithm this key signs with: ES256 (VC-JWT) or EdDSA (Data Integrity proofs).
    public var algorithm: String {
        switch self {
        case .p256: "ES256"
        case .ed25519: "EdDSA"
        }
    }

    /// A description for people: "P-256" or "Ed25519".
    public var typeDescription: String {
        switch self {
        case .p256: "P-256"
        case .ed25519: "Ed25519"
        }
    }

    /// `z` + base58btc(multicodec || compressed key): how `did:key` and verification method ids name the key.
    public var multibase: String {
        switch self {
        case let .p256(point):
            guard let key = try? P256.Signing.PublicKey(x963Representation: point) else { return "" }
            return "z" + Base58.encode(Self.p256Multicodec + Array(key.compressedRepresentation))
        case let .ed25519(raw):
            return "z" + Base58.encode(Self.ed25519Multicodec + Array(raw))
        }
    }

    /// A short fingerprint to compare by eye: the first 8 bytes of SHA-256 of the multibase key, in groups of 4 hex digits.
    public var fingerprint: String {
        let digest = Array(SHA256.hash(data: Data(multibase.utf8))).prefix(8)
        let hex = OpenBadgeCredential.hex(digest)
        return stride(from: 0, to: hex.count, by: 4).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return String(hex[start..<hex.index(start, offsetBy: 4)])
        }.joined(separator: " ")
    }

    /// The public JWK.
    public var jwk: CredentialJSON {
        switch self {
        case let .p256(point):
            .object([
                "crv": .string("P-256"), "kty": .string("EC"),
                "x": .string(Base64URL.encode(point.dropFirst().prefix(32))),
                "y": .string(Base64URL.encode(point.suffix(32))),
            ])
        case let .ed25519(raw):
            .object(["crv": .string("Ed25519"), "kty": .string("OKP"), "x": .string(Base64URL.encode(raw))])
        }
    }

    /// Whether `signature` (a raw JWS signature) signs `message` under this key. An ES256 signature is
    /// accepted with either s (RFC 7518 allows both and common signers do not normalise); Attest itself signs low-s.
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        switch self {
        case let .p256(point):
            guard signature.count == 64, let key = try? P256.Signing.PublicKey(x963Representation: point),
                  let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
            else { return false }
            return key.isValidSignature(ecdsa, for: message)
        case let .ed25519(raw):
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
            return key.isValidSignature(signature, for: message)
        }
    }
}
