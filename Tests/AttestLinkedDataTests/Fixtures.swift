import Crypto
import Foundation
@testable import AttestLinkedData

/// The vendored reference data under `Fixtures/` (provenance in Fixtures/SOURCES.md).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Missing: Error {}

    static func text(_ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONValue.parse(text(path))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The Ed25519 private key of the W3C vc-di-eddsa vectors (keyPair.json).
    static func specKey() throws -> Curve25519.Signing.PrivateKey {
        let pair = try json("eddsa-rdfc-2022/keyPair.json")
        guard let text = pair["privateKeyMultibase"]?.stringValue, let key = DIDKey.privateKey(fromMultibase: text) else { throw Missing() }
        return key
    }
}
