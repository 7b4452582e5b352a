import Crypto
import Testing
@testable import AttestLinkedData

/// did:key (Ed25519 Multikey) and did:web names, and the base58btc/base64url multibase codecs under them.
@Suite struct DIDKeyTests {
    @Test func aDIDKeyRoundTripsThroughItsString() throws {
        let key = Curve25519.Signing.PrivateKey()
        let didKey = DIDKey(publicKey: key.publicKey)
        #expect(didKey.did.hasPrefix("did:key:z6Mk"))
        #expect(DIDKey(did: didKey.verificationMethod) == didKey)
        #expect(DIDKey(did: "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme") == nil)
        #expect(DIDKey(did: "did:web:example.com") == nil)
    }

    @Test func base58btcMatchesKnownEncodings() {
        #expect(Multibase.base58btc(Array("Hello World!".utf8)) == "z2NEpo7TZRRrLZSi2U")
        #expect(Multibase.base58btc([0, 0, 1]) == "z112")
        #expect(Multibase.decodeBase58btc("z112") == [0, 0, 1])
        #expect(Multibase.decodeBase58btc("z0OIl") == nil)
        #expect(Multibase.decodeBase58btc("2NEpo7TZRRrLZSi2U") == nil)
    }

    @Test func didWebNamesItsDocumentURL() {
        #expect(DIDWeb.did(domain: "example.edu") == "did:web:example.edu")
        #expect(DIDWeb.did(domain: "localhost:8443", path: ["issuers", "physics"]) == "did:web:localhost%3A8443:issuers:physics")
        #expect(DIDWeb.documentURL(for: "did:web:example.edu#key-1") == "https://example.edu/.well-known/did.json")
        #expect(DIDWeb.documentURL(for: "did:web:localhost%3A8443:issuers:physics") == "https://localhost:8443/issuers/physics/did.json")
        #expect(DIDWeb.documentURL(for: "did:key:z6Mk") == nil)
    }

    @Test func aDIDWebDocumentListsTheKeyForAssertions() throws {
        let key = DIDKey(publicKey: Curve25519.Signing.PrivateKey().publicKey)
        let document = key.didWebDocument(did: "did:web:example.edu")
        #expect(document["assertionMethod"] == .array([.string("did:web:example.edu#key-1")]))
        #expect(DIDWeb.verificationKeys(in: document) == ["did:web:example.edu#key-1": key])
    }
}
