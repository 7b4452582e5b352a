import _CryptoExtras
import Crypto
import Foundation

/// An organisation issuer's keyring: its name, its DID (`did:web` or `did:key`), its signing keys — P-256 for
/// VC-JWTs and Ed25519 for Data Integrity (`eddsa-rdfc-2022`) proofs — encrypted at rest under a passphrase
/// (scrypt, then AES-256-GCM), and the URL its revocation status list is hosted at.
///
/// It lives in its own file, apart from any learner's store, held by the instructor. The format is
/// versioned (`"version": 1`) and lists keys with their type; a keyring made before Ed25519 keys has only the
/// P-256 entry and issues VC-JWTs only. Both keys are sealed under the same scrypt secret. This type only
/// encodes and decodes bytes; the command layer writes the file (mode 0600) and keeps the audit log.
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
    /// The Ed25519 key for Data Integrity proofs; nil in a keyring made before Attest had them.
    public let linkedDataKey: VerificationKey?
    /// Where the organisation hosts its Bitstring Status List; nil when credentials carry no status.
    public let statusListURL: String?
    private let kdf: KDFParameters
    private let salt: Data
    private let sealed: Data  // AES-GCM combined: nonce || ciphertext || tag
    private let sealedLinkedData: Data?

    /// The DID Data Integrity credentials name as issuer: the did:web itself, or, without a domain, the
    /// Ed25519 key's own did:key (a did:key is one key, so it cannot be the P-256 VC-JWT issuer's).
    public var linkedDataDID: String? {
        guard let linkedDataKey else { return nil }
        return did.hasPrefix("did:web:") ? did : DIDKey.did(for: linkedDataKey)
    }

    /// The verification method of Data Integrity proofs: `DID#` + the Ed25519 key's multibase.
    public var linkedDataVerificationMethod: String? {
        guard let linkedDataKey, let linkedDataDID else { return nil }
        return DIDResolver.keyID(did: linkedDataDID, key: linkedDataKey)
    }

    /// A new keyring with fresh P-256 and Ed25519 keys: `did:web` for `domain`, else the keys' `did:key`s.
    /// `statusListURL` defaults, for a did:web, to `status.json` beside where its did.json is hosted.
    public static func create(
        name: String, domain: String?, passphrase: String, at date: Date, statusListURL: String? = nil,
        kdf: KDFParameters = .standard
    ) throws -> (keyring: IssuerKeyring, key: IssuerKey) {
        let privateKey = P256.Signing.PrivateKey()
        let publicKey = VerificationKey(privateKey.publicKey)
        let edKey = Curve25519.Signing.PrivateKey()
        let edPublic = VerificationKey(edKey.publicKey)
        let did = try domain.map(DIDWeb.did(domain:)) ?? DIDKey.did(for: publicKey)
        let edDID = did.hasPrefix("did:web:") ? did : DIDKey.did(for: edPublic)
        var salt = Data(count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        let secret = try derive(passphrase, salt: salt, kdf: kdf)
        let box = try AES.GCM.seal(
            privateKey.rawRepresentation, using: secret, authenticating: Data((did + " " + publicKey.multibase).utf8))
        let edBox = try AES.GCM.seal(
            edKey.rawRepresentation, using: secret, authenticating: Data((edDID + " " + edPublic.multibase).utf8))
        guard let combined = box.combined, let edCombined = edBox.combined else {
            throw KeyringError.malformed("the sealed key could not be encoded")
        }
        let keyring = IssuerKeyring(
            name: name, did: did, createdAt: date, publicKey: publicKey, linkedDataKey: edPublic,
            statusListURL: statusListURL ?? (did.hasPrefix("did:web:") ? defaultStatusListURL(did: did) : nil),
            kdf: kdf, salt: salt, sealed: combined, sealedLinkedData: edCombined)
        return (keyring, IssuerKey(privateKey: privateKey, did: did))
    }

    /// `https://HOST/credentials/status.json` for `did:web:HOST`, `https://HOST/PATH/status.json` for `did:web:HOST:PATH`.
    public static func defaultStatusListURL(did: String) -> String {
        let document = DIDWeb.documentURL(did)
        return document.hasSuffix("/.well-known/did.json")
            ? String(document.dropLast("/.well-known/did.json".count)) + "/credentials/status.json"
            : String(document.dropLast("/did.json".count)) + "/status.json"
    }

    private init(
        name: String, did: String, createdAt: Date, publicKey: VerificationKey, linkedDataKey: VerificationKey?,
        statusListURL: String?, kdf: KDFParameters, salt: Data, sealed: Data, sealedLinkedData: Data?
    ) {
        self.name = name
        self.did = did
        self.createdAt = createdAt
        self.publicKey = publicKey
        self.linkedDataKey = linkedDataKey
        self.statusListURL = statusListURL
        self.kdf = kdf
        self.salt = salt
        self.sealed = sealed
        self.sealedLinkedData = sealedLinkedData
    }

    /// The P-256 signing key; a wrong passphrase (or an edited file) is `KeyringError.wrongPassphrase`.
    public func unlock(passphrase: String) throws -> IssuerKey {
        try unlockKeys(passphrase: passphrase).key
    }

    /// Both signing keys (the Ed25519 one nil in a keyring without it), from one key derivation.
    public func unlockKeys(passphrase: String) throws -> (key: IssuerKey, linkedDataKey: Curve25519.Signing.PrivateKey?) {
        let secret = try Self.derive(passphrase, salt: salt, kdf: kdf)
        let raw = try Self.open(sealed, secret: secret, context: did + " " + publicKey.multibase)
        let privateKey = try P256.Signing.PrivateKey(rawRepresentation: raw)
        guard VerificationKey(privateKey.publicKey) == publicKey else { throw KeyringError.malformed("the key does not match its public key") }
        guard let sealedLinkedData, let linkedDataKey, let linkedDataDID else { return (IssuerKey(privateKey: privateKey, did: did), nil) }
        let edKey = try Curve25519.Signing.PrivateKey(
            rawRepresentation: try Self.open(sealedLinkedData, secret: secret, context: linkedDataDID + " " + linkedDataKey.multibase))
        guard VerificationKey(edKey.publicKey) == linkedDataKey else {
            throw KeyringError.malformed("the Ed25519 key does not match its public key")
        }
        return (IssuerKey(privateKey: privateKey, did: did), edKey)
    }

    private static func open(_ sealed: Data, secret: SymmetricKey, context: String) throws -> Data {
        do {
            return try AES.GCM.open(try AES.GCM.SealedBox(combined: sealed), using: secret, authenticating: Data(context.utf8))
        } catch {
            throw KeyringError.wrongPassphrase
        }
    }

    /// The DID document to host at `DIDWeb.documentURL(did)` (for a did:web, listing both keys), or to hand out
    /// with the DID.
    public var didDocument: CredentialJSON {
        DIDWeb.document(did: did, keys: [publicKey] + (did.hasPrefix("did:web:") ? linkedDataKey.map { [$0] } ?? [] : []))
    }

    /// The keyring file's JSON.
    public var json: CredentialJSON {
        let entry = { (id: String, key: VerificationKey, sealed: Data) in
            CredentialJSON.object([
                "id": .string(id), "type": .string(key.typeDescription), "publicKeyMultibase": .string(key.multibase),
                "privateKey": .object([
                    "kdf": .string("scrypt"), "N": .number(Double(kdf.rounds)), "r": .number(Double(kdf.blockSize)),
                    "p": .number(Double(kdf.parallelism)), "salt": .string(Base64URL.encode(salt)),
                    "cipher": .string("AES-256-GCM"), "sealed": .string(Base64URL.encode(sealed)),
                ]),
            ])
        }
        var keys = [entry(DIDResolver.keyID(did: did, key: publicKey), publicKey, sealed)]
        if let linkedDataKey, let sealedLinkedData, let linkedDataVerificationMethod {
            keys.append(entry(linkedDataVerificationMethod, linkedDataKey, sealedLinkedData))
        }
        var members: [String: CredentialJSON] = [
            "format": .string(Self.format), "version": .number(Double(Self.version)),
            "name": .string(name), "did": .string(did), "createdAt": .string(ISODate.format(createdAt)),
            "keys": .array(keys),
        ]
        if let statusListURL { members["statusListURL"] = .string(statusListURL) }
        return .object(members)
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
        var linkedDataKey: VerificationKey?
        var sealedLinkedData: Data?
        if let edEntry = json["keys"]?.arrayValue?.first(where: { $0["type"]?.stringValue == "Ed25519" }) {
            guard let edMultibase = edEntry["publicKeyMultibase"]?.stringValue,
                  case .ed25519? = try? VerificationKey(multibase: edMultibase),
                  edEntry["privateKey"]?["salt"]?.stringValue.flatMap(Base64URL.decode) == salt,
                  let edSealed = edEntry["privateKey"]?["sealed"]?.stringValue.flatMap(Base64URL.decode)
            else { throw KeyringError.malformed("the Ed25519 key entry is incomplete or not sealed with the keyring's secret") }
            linkedDataKey = try VerificationKey(multibase: edMultibase)
            sealedLinkedData = edSealed
        }
        let statusListURL = json["statusListURL"]?.stringValue
        if json["statusListURL"] != nil, statusListURL == nil { throw KeyringError.malformed("statusListURL is not a string") }
        self.init(
            name: name, did: did, createdAt: createdAt, publicKey: try VerificationKey(multibase: multibase),
            linkedDataKey: linkedDataKey, statusListURL: statusListURL,
            kdf: KDFParameters(rounds: Int(rounds), blockSize: Int(blockSize), parallelism: Int(parallelism)),
            salt: salt, sealed: sealed, sealedLinkedData: sealedLinkedData)
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
