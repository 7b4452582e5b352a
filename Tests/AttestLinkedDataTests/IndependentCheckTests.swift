import Crypto
import Foundation
import AttestTestSupport
import Testing
@testable import AttestLinkedData

/// Checks with tools nobody on the Attest team wrote (Fixtures/independent_check.py): pyld canonicalises
/// credentials Attest signs and Python's `cryptography` verifies the Ed25519 proof; Python's base64 and
/// gzip decode a status list and find the revoked index. Skips, saying so, when Python lacks the tools.
@Suite struct IndependentCheckTests {
    static func python(_ arguments: [String]) throws -> PythonChecker.Run? {
        try PythonChecker.run(Fixtures.directory.appendingPathComponent("independent_check.py").path, arguments, requiring: "pyld, cryptography")
    }

    static func temporary(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-ld-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func contextsFile() throws -> String {
        try temporary("contexts.json", JSONValue.object(BundledContexts.byURL.mapValues { .string($0) }).canonicalText)
    }

    static let credentials = [
        "eddsa-rdfc-2022/unsigned.json", "eddsa-rdfc-2022/employmentAuth.json", "ob-3.0.3/signed.json",
    ]

    @Test(arguments: credentials)
    func pyldAndCryptographyVerifyWhatAttestSigns(_ fixture: String) throws {
        let key = Curve25519.Signing.PrivateKey()
        let didKey = DIDKey(publicKey: key.publicKey)
        let signed = try EddsaRdfc2022().sign(
            Fixtures.json(fixture), key: key, verificationMethod: didKey.verificationMethod, created: Date(timeIntervalSince1970: 1_750_000_000)
        )
        guard let result = try Self.python(["proof", try Self.contextsFile(), try Self.temporary("signed.json", signed.prettyText)]) else {
            print("SKIP IndependentCheck: python3 with pyld and cryptography is not available")
            return
        }
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == (try EddsaRdfc2022().hashData(document: signed, proofOptions: signed["proof"]!).canonicalDocument))
        guard case .object(var tampered) = signed else { return }
        tampered["name"] = .string("Changed")
        let rejected = try #require(try Self.python(["proof", try Self.contextsFile(), try Self.temporary("tampered.json", JSONValue.object(tampered).prettyText)]))
        #expect(rejected.status != 0)
    }

    @Test func pythonDecodesTheStatusListAndFindsTheRevokedIndex() throws {
        var generator = SystemRandomNumberGenerator()
        var allocator = StatusListIndexAllocator()
        let revoked = try allocator.allocate(using: &generator)
        let other = try allocator.allocate(using: &generator)
        var list = BitstringStatusList()
        try list.set(revoked)
        let credential = StatusListCredential.unsigned(list: list, url: "https://example.edu/status/1", issuer: "did:web:example.edu", validFrom: Date(timeIntervalSince1970: 0))
        let path = try Self.temporary("status.json", credential.prettyText)
        guard let set = try Self.python(["status", path, String(revoked)]), let clear = try Self.python(["status", path, String(other)]) else {
            print("SKIP IndependentCheck: python3 with pyld and cryptography is not available")
            return
        }
        #expect(set.output == "set 131072\n")
        #expect(clear.output == "clear 131072\n")
    }
}
