import AttestCompression
import Crypto
import Foundation
import Testing
@testable import AttestLinkedData

/// Bitstring Status Lists: size, bit order, encoding, bounded decoding, the spec's example, allocation
/// without reuse, and checking a credential's entry.
@Suite struct BitstringStatusListTests {
    /// A deterministic generator (SplitMix64) so allocation is reproducible in tests.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func aListHasAtLeastTheMinimumSizeAndSetsBitsFromTheLeft() throws {
        var list = BitstringStatusList(bits: 10)
        #expect(list.count == 131_072 && list.bytes.count == 16_384)
        try list.set(0)
        try list.set(9)
        #expect(list.bytes[0] == 0x80 && list.bytes[1] == 0x40)
        #expect(try list.isSet(9) && !(try list.isSet(8)))
        try list.set(9, to: false)
        #expect(!(try list.isSet(9)))
        #expect(throws: BitstringStatusList.Failure.indexOutOfRange(index: 131_072, bits: 131_072)) { try list.set(131_072) }
    }

    @Test func theEncodedListRoundTrips() throws {
        var list = BitstringStatusList()
        try list.set(94_567)
        let encoded = list.encodedList
        #expect(encoded.hasPrefix("uH4sI"))
        #expect(try BitstringStatusList(encodedList: encoded) == list)
    }

    @Test func theSpecificationExampleDecodesAllClear() throws {
        let example = try Fixtures.json("status-list/spec-example.json")
        let list = try BitstringStatusList(encodedList: #require(example["credentialSubject"]?["encodedList"]?.stringValue))
        #expect(list.count == 131_072)
        #expect(try (0..<list.count).allSatisfy { try !list.isSet($0) })
    }

    @Test func decodingIsBoundedAndRefusesShortOrForeignLists() throws {
        let big = Multibase.base64url(Deflate.compress(Data(count: 1_000_000), container: .gzip))
        #expect(throws: BitstringStatusList.Failure.self) { try BitstringStatusList(encodedList: big, limit: 100_000) }
        let short = Multibase.base64url(Deflate.compress(Data(count: 100), container: .gzip))
        #expect(throws: BitstringStatusList.Failure.tooShort(bits: 800)) { try BitstringStatusList(encodedList: short) }
        #expect(throws: BitstringStatusList.Failure.notMultibase) { try BitstringStatusList(encodedList: "zabc") }
    }

    @Test func indexesAreRandomAndNeverReused() throws {
        var generator = SeededGenerator(state: 7)
        var allocator = StatusListIndexAllocator(size: 64)
        var seen: [Int] = []
        for _ in 0..<64 { seen.append(try allocator.allocate(using: &generator)) }
        #expect(Set(seen).count == 64)
        #expect(seen != Array(0..<64))
        #expect(throws: StatusListIndexAllocator.Exhausted(size: 64)) { try allocator.allocate(using: &generator) }
        var again = StatusListIndexAllocator(size: 64, used: Set(seen.prefix(10)))
        #expect(!seen.prefix(10).contains(try again.allocate(using: &generator)))
    }

    @Test func aRevokedCredentialIsFoundAndAnotherIsClear() throws {
        let url = "https://example.edu/status/1"
        var list = BitstringStatusList()
        try list.set(4_242)
        let listCredential = StatusListCredential.unsigned(list: list, url: url, issuer: "did:web:example.edu", validFrom: Date(timeIntervalSince1970: 0))
        let revoked: JSONValue = .object(["credentialStatus": StatusListCredential.entry(url: url, index: 4_242)])
        let clear: JSONValue = .object(["credentialStatus": StatusListCredential.entry(url: url, index: 4_243)])
        #expect(try StatusListCredential.check(credential: revoked, against: listCredential) == .set(.revocation))
        #expect(try StatusListCredential.check(credential: clear, against: listCredential) == .clear)
        let elsewhere: JSONValue = .object(["credentialStatus": StatusListCredential.entry(url: "https://other.example/s", index: 1)])
        #expect(throws: StatusListCredential.Mismatch.self) { try StatusListCredential.check(credential: elsewhere, against: listCredential) }
    }

    @Test func theStatusListCredentialIsValidLinkedData() throws {
        let list = StatusListCredential.unsigned(list: BitstringStatusList(), url: "https://example.edu/status/1", issuer: "did:web:example.edu", validFrom: Date(timeIntervalSince1970: 0))
        let canonical = try JSONLDToRDF.canonicalNQuads(of: list)
        #expect(canonical.contains("<https://www.w3.org/ns/credentials/status#encodedList>"))
        #expect(canonical.contains("<https://www.w3.org/ns/credentials/status#statusPurpose> \"revocation\""))
    }

    /// A list a verifier holds vouches only once its own proof verifies under a key of its issuer, that issuer is
    /// the credential's, and it has not expired.
    @Test func aHeldListIsTrustedOnlyWhenSignedByTheCredentialsIssuer() throws {
        let key = Curve25519.Signing.PrivateKey()
        let did = "did:web:example.edu"
        let method = did + "#" + DIDKey(publicKey: key.publicKey).multibase
        let url = "https://example.edu/credentials/status.json"
        var bits = BitstringStatusList()
        try bits.set(7)
        let now = Date(timeIntervalSince1970: 1_000_000)
        let signed = try EddsaRdfc2022().sign(
            StatusListCredential.unsigned(list: bits, url: url, issuer: did, validFrom: now), key: key,
            verificationMethod: method, created: now)
        let credential = { (issuer: String, index: Int) -> JSONValue in
            .object(["issuer": .object(["id": .string(issuer)]), "credentialStatus": StatusListCredential.entry(url: url, index: index)])
        }
        #expect(try StatusListCredential.verifiedStatus(credential: credential(did, 7), listCredential: signed, now: now) == .set(.revocation))
        #expect(try StatusListCredential.verifiedStatus(credential: credential(did, 8), listCredential: signed, now: now) == .clear)
        #expect(throws: StatusListCredential.Mismatch.self) {
            try StatusListCredential.verifiedStatus(credential: credential("did:web:other.example", 8), listCredential: signed, now: now)
        }
        guard case .object(var members) = signed else { Issue.record("not an object"); return }
        members["validUntil"] = .string("1970-01-02T00:00:00Z")
        #expect(throws: StatusListCredential.Mismatch.self, "an edit breaks the list's own proof") {
            try StatusListCredential.verifiedStatus(credential: credential(did, 8), listCredential: .object(members), now: now)
        }
        let stranger = Curve25519.Signing.PrivateKey()
        let forged = try EddsaRdfc2022().sign(
            StatusListCredential.unsigned(list: BitstringStatusList(), url: url, issuer: did, validFrom: now), key: stranger,
            verificationMethod: "did:key:" + DIDKey(publicKey: stranger.publicKey).multibase + "#" + DIDKey(publicKey: stranger.publicKey).multibase,
            created: now)
        #expect(throws: StatusListCredential.Mismatch.self, "a list signed by another key is not the issuer's") {
            try StatusListCredential.verifiedStatus(credential: credential(did, 7), listCredential: forged, now: now)
        }
        let expiring = try EddsaRdfc2022().sign(
            {
                guard case .object(var unsigned) = StatusListCredential.unsigned(list: bits, url: url, issuer: did, validFrom: now) else { return .null }
                unsigned["validUntil"] = .string("1970-01-12T13:46:41Z")
                return .object(unsigned)
            }(), key: key, verificationMethod: method, created: now)
        #expect(try StatusListCredential.verifiedStatus(credential: credential(did, 7), listCredential: expiring, now: now) == .set(.revocation))
        #expect(throws: StatusListCredential.Mismatch.self, "an expired list is refused") {
            try StatusListCredential.verifiedStatus(credential: credential(did, 7), listCredential: expiring, now: now.addingTimeInterval(86_400))
        }
    }
}
