import _CryptoExtras
import Crypto
import Foundation

/// An organisation issuer's keyring: its name, its DID (`did:web` or `did:key`), and its signing key,
/// encrypted at rest under a passphrase (scrypt, then AES-256-GCM).
///
/// It lives in its own file, apart from any learner's store, held by the instructor. The format is
/// versioned (`"version": 1`) and lists keys with their type, so another key type (Ed25519 for Data
/// Integrity proofs) or a rotated key is one more entry. This type only encodes and decodes bytes;
/// the command layer writes the file (mode 0600) and keeps the audit log.
public struct IssuerKeyring: Sendable {
    public static let format = "attest-issuer-keyring"
    public static let version = 1

    /// scrypt's cost: N (rounds), r (block size), p (parallelism). The default takes about 32 MB and a tenth of a second.
    public struct KDFParameters: Sendable, Hashable {
        public var rounds: Int
        public var blockSize: Int
        public var parallelism: Int

        public init(rounds: Int, blockSize: Int, parallelism: Int) {
            self.rounds = rounds
            self.blockSize = blockSize
            self.parallelism = parallelism
        }

        public static let standard = KDFParameters(rounds: 1 << 15, blockSize: 8, parallelism: 1)
    }

    public let name: String
    public let did: String
    public let createdAt: Date
    public let publicKey: VerificationKey
    private let kdf: KDFParameters
    private let salt: Data
    private let sealed: Data  // AES-GCM combined: nonce || ciphertext || tag

    /// A new keyring with a fresh P-256 key: `did:web` for `domain`, else the key's `did:key`.
    public static func create(
        name: String, domain: String?, passphrase: String, at date: Date, kdf: KDFParameters = .standard
    ) throws -> (keyring: IssuerKeyring, key: IssuerKey) {
        let privateKey = P256.Signing.PrivateKey()
        let publicKey = VerificationKey(privateKey.publicKey)
        let did = try domain.map(DIDWeb.did(domain:)) ?? DIDKey.did(for: publicKey)
        var salt = Data(count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        let secret = try derive(passphrase, salt: salt, kdf: kdf)
        let box = try AES.GCM.seal(
            privateKey.rawRepresentation, using: secret, authenticating: Data((did + " " + publicKey.multibase).utf8))
        guard let combined = box.combined else { throw KeyringError.malformed("the sealed key could not be encoded") }
        let keyring = IssuerKeyring(
            name: name, did: did, createdAt: date, publicKey: publicKey, kdf: kdf, salt: salt, sealed: combined)
        return (keyring, IssuerKey(privateKey: privateKey, did: did))
    }

    private init(
        name: String, did: String, createdAt: Date, publicKey: VerificationKey, kdf: KDFParameters, salt: Data, sealed: Data
    ) {
        self.name = name
        self.did = did
        self.createdAt = createdAt
        self.publicKey = publicKey
        self.kdf = kdf
        self.salt = salt
        self.sealed = sealed
    }

    /// The signing key; a wrong passphrase (or an edited file) is `KeyringError.wrongPassphrase`.
    public func unlock(passphrase: String) throws -> IssuerKey {
        let secret = try Self.derive(passphrase, salt: salt, kdf: kdf)
        let raw: Data
        do {
            raw = try AES.GCM.open(
                try AES.GCM.SealedBox(combined: sealed), using: secret,
                authenticating: Data((did + " " + publicKey.multibase).utf8))
        } catch {
            throw KeyringError.wrongPassphrase
        }
        let privateKey = try P256.Signing.PrivateKey(rawRepresentation: raw)
        guard VerificationKey(privateKey.publicKey) == publicKey else { throw KeyringError.malformed("the key does not match its public key") }
        return IssuerKey(privateKey: privateKey, did: did)
    }

    /// The DID document to host at `DIDWeb.documentURL(did)` (for a did:web), or to hand out with the DID.
    public var didDocument: CredentialJSON { DIDWeb.document(did: did, keys: [publicKey]) }

    /// The keyring file's JSON.
    public var json: CredentialJSON {
        .object([
            "format": .string(Self.format), "version": .number(Double(Self.version)),
            "name": .string(name), "did": .string(did), "createdAt": .string(ISODate.format(createdAt)),
            "keys": .array([.object([
                "id": .string(DIDResolver.keyID(did: did, key: publicKey)), "type": .string(publicKey.typeDescription),
                "publicKeyMultibase": .string(publicKey.multibase),
                "privateKey": .object([
                    "kdf": .string("scrypt"), "N": .number(Double(kdf.rounds)), "r": .number(Double(kdf.blockSize)),
                    "p": .number(Double(kdf.parallelism)), "salt": .string(Base64URL.encode(salt)),
                    "cipher": .string("AES-256-GCM"), "sealed": .string(Base64URL.encode(sealed)),
                ]),
            ])]),
        ])
    }

    /// Reads a keyring file's bytes; every problem says what is wrong.
    public init(data: Data) throws {
        let json: CredentialJSON
        do { json = try CredentialJSON.parse(data) } catch { throw KeyringError.malformed("not JSON: \(error.localizedDescription)") }
        guard json["format"]?.stringValue == Self.format else { throw KeyringError.malformed("not an Attest issuer keyring") }
        guard json["version"]?.numberValue == Double(Self.version) else {
            throw KeyringError.malformed("keyring version \(json["version"]?.serialized ?? "?") is not supported (this Attest reads version \(Self.version))")
        }
        guard let name = json["name"]?.stringValue, let did = json["did"]?.stringValue,
              let createdAt = json["createdAt"]?.stringValue.flatMap(ISODate.parse),
              let entry = json["keys"]?.arrayValue?.first(where: { $0["type"]?.stringValue == "P-256" }),
              let multibase = entry["publicKeyMultibase"]?.stringValue, let locked = entry["privateKey"],
              locked["kdf"]?.stringValue == "scrypt", locked["cipher"]?.stringValue == "AES-256-GCM",
              let rounds = locked["N"]?.numberValue, let blockSize = locked["r"]?.numberValue,
              let parallelism = locked["p"]?.numberValue,
              let salt = locked["salt"]?.stringValue.flatMap(Base64URL.decode),
              let sealed = locked["sealed"]?.stringValue.flatMap(Base64URL.decode)
        else { throw KeyringError.malformed("a member is missing or has the wrong type") }
        guard (1...Double(1 << 22)).contains(rounds), (1...32.0).contains(blockSize), (1...16.0).contains(parallelism) else {
            throw KeyringError.malformed("the scrypt parameters are out of range")
        }
        self.init(
            name: name, did: did, createdAt: createdAt, publicKey: try VerificationKey(multibase: multibase),
            kdf: KDFParameters(rounds: Int(rounds), blockSize: Int(blockSize), parallelism: Int(parallelism)),
            salt: salt, sealed: sealed)
    }

    private static func derive(_ passphrase: String, salt: Data, kdf: KDFParameters) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(
            from: Data(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: kdf.rounds, blockSize: kdf.blockSize,
            parallelism: kdf.parallelism)
    }
}

/// Why a keyring cannot be read or unlocked.
public enum KeyringError: LocalizedError, Sendable, Hashable {
    case malformed(String)
    case wrongPassphrase

    public var errorDescription: String? {
        switch self {
        case let .malformed(reason): "the issuer keyring is malformed: \(reason)"
        case .wrongPassphrase: "wrong passphrase for the issuer keyring (or the keyring file was altered)"
        }
    }
}
