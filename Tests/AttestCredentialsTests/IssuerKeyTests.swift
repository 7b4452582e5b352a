import AttestCredentials
import Crypto
import Foundation
import Testing

@Suite("IssuerKey")
struct IssuerKeyTests {
    @Test func didJWKCarriesTheSortedPublicJWK() throws {
        let key = IssuerKey()
        #expect(key.did.hasPrefix("did:jwk:"))
        #expect(key.keyID == key.did + "#0")
        let json = String(decoding: Base64URL.decode(key.did.dropFirst(8))!, as: UTF8.self)
        let point = key.publicKey.x963Representation
        #expect(json == "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"\(Base64URL.encode(point[1..<33]))\",\"y\":\"\(Base64URL.encode(point[33...]))\"}")
        #expect(try DIDJWK.publicKey(from: key.keyID).x963Representation == point)
    }

    @Test func rawRepresentationRestoresTheSameKey() throws {
        let key = IssuerKey()
        let restored = try IssuerKey(rawRepresentation: key.rawRepresentation)
        #expect(restored.did == key.did)
        #expect(key.rawRepresentation.count == 32)
        #expect(throws: CredentialError.invalidIssuerKey(byteCount: 3)) { try IssuerKey(rawRepresentation: Data([1, 2, 3])) }
    }

    @Test func signaturesAreRawRAndS() throws {
        let key = IssuerKey()
        let signature = try key.sign(Data("hello".utf8))
        #expect(signature.count == 64)
        let parsed = try P256.Signing.ECDSASignature(rawRepresentation: signature)
        #expect(key.publicKey.isValidSignature(parsed, for: Data("hello".utf8)))
    }

    @Test func badDIDsAreRejectedWithTheReason() {
        func reason(_ did: String) -> String? {
            do { _ = try DIDJWK.publicKey(from: did); return nil } catch { return error.localizedDescription }
        }
        #expect(reason("did:web:example.org") == "the issuer is not a usable did:jwk: does not start with did:jwk:")
        #expect(reason("did:jwk:***") == "the issuer is not a usable did:jwk: the identifier is not base64url")
        let okp = Base64URL.encode(Data("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}".utf8))
        #expect(reason("did:jwk:" + okp) == "the issuer is not a usable did:jwk: the JWK's kty is not EC")
        let offCurve = Base64URL.encode(Data(("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + Base64URL.encode(Data(repeating: 1, count: 32))
            + "\",\"y\":\"" + Base64URL.encode(Data(repeating: 2, count: 32)) + "\"}").utf8))
        #expect(reason("did:jwk:" + offCurve) == "the issuer is not a usable did:jwk: x and y are not a point on P-256")
    }
}
