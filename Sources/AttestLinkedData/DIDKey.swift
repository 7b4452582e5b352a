import Crypto
import Foundation

/// An Ed25519 key named as `did:key` (multicodec 0xed01 in base58btc), with its Multikey
/// verification method — the self-describing issuer form wallets resolve without any network.
public struct DIDKey: Sendable, Equatable {
    static let ed25519PublicPrefix: [UInt8] = [0xED, 0x01]
    static let ed25519PrivatePrefix: [UInt8] = [0x80, 0x26]

    /// The raw 32-byte Ed25519 public key.
    public let publicKey: [UInt8]

    public init(publicKey: Curve25519.Signing.PublicKey) {
        self.publicKey = Array(publicKey.rawRepresentation)
    }

    /// The key a Multikey `publicKeyMultibase` (`z6Mk...`) names, or nil when it is not an Ed25519 Multikey.
    public init?(multibase: String) {
        guard let key = DIDKey.decodeMultikey(multibase) else { return nil }
        self.publicKey = key
    }

    /// The key a `did:key:z6Mk...` DID (optionally with a fragment) names, or nil when it is not an Ed25519 did:key.
    public init?(did: String) {
        let bare = did.split(separator: "#", maxSplits: 1).first.map(String.init) ?? did
        guard bare.hasPrefix("did:key:") else { return nil }
        self.init(multibase: String(bare.dropFirst("did:key:".count)))
    }

    /// The `publicKeyMultibase` value: `z` + base58btc(0xed01 || key).
    public var multibase: String { Multibase.base58btc(Self.ed25519PublicPrefix + publicKey) }
    /// `did:key:z6Mk...`
    public var did: String { "did:key:" + multibase }
    /// The verification method id, `did:key:z6Mk...#z6Mk...`.
    public var verificationMethod: String { did + "#" + multibase }

    /// The swift-crypto public key.
    public var signingKey: Curve25519.Signing.PublicKey {
        get throws { try Curve25519.Signing.PublicKey(rawRepresentation: publicKey) }
    }

    /// The 32 raw bytes of an Ed25519 Multikey public key (`z6Mk...`), or nil.
    public static func decodeMultikey(_ multibase: String) -> [UInt8]? {
        guard let bytes = Multibase.decodeBase58btc(multibase), bytes.count == 34,
              Array(bytes.prefix(2)) == ed25519PublicPrefix else { return nil }
        return Array(bytes.dropFirst(2))
    }

    /// An Ed25519 private key from a Multikey `secretKeyMultibase` (multicodec 0x8026), or nil.
    public static func privateKey(fromMultibase text: String) -> Curve25519.Signing.PrivateKey? {
        guard let bytes = Multibase.decodeBase58btc(text), bytes.count == 34,
              Array(bytes.prefix(2)) == ed25519PrivatePrefix else { return nil }
        return try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes.dropFirst(2))
    }

    /// The Multikey verification method document for this key under `controller`, with id `controller#fragment`.
    public func verificationMethodDocument(controller: String, fragment: String? = nil) -> JSONValue {
        .object([
            "id": .string(controller + "#" + (fragment ?? multibase)),
            "type": .string("Multikey"),
            "controller": .string(controller),
            "publicKeyMultibase": .string(multibase),
        ])
    }

    /// A `did:web` DID document (the `did.json` an organisation hosts) listing this key for assertions.
    public func didWebDocument(did: String, fragment: String = "key-1") -> JSONValue {
        let method = verificationMethodDocument(controller: did, fragment: fragment)
        return .object([
            "@context": .array([.string("https://www.w3.org/ns/did/v1"), .string("https://w3id.org/security/multikey/v1")]),
            "id": .string(did),
            "verificationMethod": .array([method]),
            "assertionMethod": .array([.string(did + "#" + fragment)]),
        ])
    }
}
