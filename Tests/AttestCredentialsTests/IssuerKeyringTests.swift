import AttestCredentials
import Foundation
import Testing

@Suite("IssuerKeyring")
struct IssuerKeyringTests {
    /// Cheap scrypt parameters, so the tests stay fast; the format records them.
    static let quick = IssuerKeyring.KDFParameters(rounds: 1 << 10, blockSize: 8, parallelism: 1)
    static let date = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func roundTripsAndUnlocksOnlyWithItsPassphrase() throws {
        let (keyring, key) = try IssuerKeyring.create(
            name: "Example College", domain: "example.edu", passphrase: "correct horse", at: Self.date, kdf: Self.quick)
        #expect(keyring.did == "did:web:example.edu")
        let text = keyring.json.serialized
        #expect(!text.contains(Base64URL.encode(key.rawRepresentation)), "the private key is never stored in the clear")
        let read = try IssuerKeyring(data: Data(text.utf8))
        #expect(read.name == "Example College" && read.createdAt == Self.date && read.publicKey == key.verificationKey)
        let unlocked = try read.unlock(passphrase: "correct horse")
        #expect(unlocked.rawRepresentation == key.rawRepresentation)
        #expect(unlocked.keyID == "did:web:example.edu#" + key.verificationKey.multibase)
        #expect(throws: KeyringError.wrongPassphrase) { try read.unlock(passphrase: "correct horse!") }
    }

    @Test func aKeyringWithoutDomainIsADIDKey() throws {
        let (keyring, key) = try IssuerKeyring.create(name: "Tutor", domain: nil, passphrase: "pass phrase", at: Self.date, kdf: Self.quick)
        #expect(keyring.did == DIDKey.did(for: key.verificationKey))
        #expect(try DIDWeb.keys(inDocument: keyring.didDocument, did: keyring.did) == [key.verificationKey])
    }

    /// The Ed25519 key for Data Integrity proofs: listed as a Multikey in the did.json, sealed like the P-256 key,
    /// named by the did:web (or, without a domain, by its own did:key); a keyring from before it still reads.
    @Test func theEd25519KeySignsDataIntegrityUnderTheSameDID() throws {
        let (keyring, _) = try IssuerKeyring.create(
            name: "Example College", domain: "example.edu", passphrase: "correct horse", at: Self.date, kdf: Self.quick)
        let edKey = try #require(keyring.linkedDataKey)
        #expect(edKey.multibase.hasPrefix("z6Mk") && keyring.linkedDataDID == "did:web:example.edu")
        #expect(keyring.linkedDataVerificationMethod == "did:web:example.edu#" + edKey.multibase)
        #expect(keyring.statusListURL == "https://example.edu/credentials/status.json")
        let document = keyring.didDocument
        let method = try #require(document["verificationMethod"]?.arrayValue?.first { $0["type"]?.stringValue == "Multikey" })
        #expect(method["publicKeyMultibase"]?.stringValue == edKey.multibase)
        #expect(try DIDWeb.keys(inDocument: document, did: keyring.did).contains(edKey))
        let read = try IssuerKeyring(data: keyring.json.data)
        #expect(read.linkedDataKey == edKey && read.statusListURL == keyring.statusListURL)
        let unlocked = try #require(try read.unlockKeys(passphrase: "correct horse").linkedDataKey)
        #expect(VerificationKey(unlocked.publicKey) == edKey)

        let (local, _) = try IssuerKeyring.create(
            name: "Tutor", domain: nil, passphrase: "pass phrase", at: Self.date, statusListURL: "https://tutor.example/s.json",
            kdf: Self.quick)
        #expect(local.linkedDataDID == DIDKey.did(for: try #require(local.linkedDataKey)) && local.linkedDataDID != local.did)
        #expect(IssuerKeyring.defaultStatusListURL(did: "did:web:example.edu:physics") == "https://example.edu/physics/status.json")

        guard case .object(var members) = keyring.json, case .array(let keys)? = members["keys"] else {
            Issue.record("not a keyring")
            return
        }
        members["keys"] = .array(keys.filter { $0["type"]?.stringValue == "P-256" })
        let older = try IssuerKeyring(data: CredentialJSON.object(members).data)
        #expect(older.linkedDataKey == nil && older.linkedDataDID == nil)
        #expect(try older.unlockKeys(passphrase: "correct horse").linkedDataKey == nil)
    }

    /// The sealed key is bound to the DID: moving it under another identity does not unlock.
    @Test func editedIdentityOrVersionIsRefused() throws {
        let (keyring, _) = try IssuerKeyring.create(
            name: "Example College", domain: "example.edu", passphrase: "correct horse", at: Self.date, kdf: Self.quick)
        let moved = keyring.json.serialized.replacingOccurrences(of: "did:web:example.edu\"", with: "did:web:evil.example\"")
        #expect(throws: KeyringError.wrongPassphrase) { try IssuerKeyring(data: Data(moved.utf8)).unlock(passphrase: "correct horse") }
        let future = keyring.json.serialized.replacingOccurrences(of: "\"version\":1", with: "\"version\":2")
        #expect(throws: KeyringError.malformed("keyring version 2 is not supported (this Attest reads version 1)")) {
            try IssuerKeyring(data: Data(future.utf8))
        }
        #expect(throws: KeyringError.malformed("not an Attest issuer keyring")) { try IssuerKeyring(data: Data("{}".utf8)) }
    }
}
