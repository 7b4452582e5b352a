import AttestCore
import AttestCredentials
import Foundation
import Testing

@Suite("CredentialVerifier")
struct CredentialVerifierTests {
    private func verify(_ text: String, at now: Date = CredentialFixtures.during,
                        revocation: @escaping (String, String) -> RevocationLookup = { _, _ in .notRevoked }) -> VerificationReport {
        CredentialVerifier.verify(data: Data(text.utf8), revocationCheck: revocation, now: now)
    }

    private func parts(_ jws: String) -> [CredentialJSON] {
        jws.split(separator: ".").prefix(2).map { try! CredentialJSON.parse(Base64URL.decode($0)!) }
    }

    /// A JWS with any header and payload, signed by `key`.
    private func forge(header: CredentialJSON, payload: CredentialJSON, key: IssuerKey) throws -> String {
        let input = Base64URL.encode(header.data) + "." + Base64URL.encode(payload.data)
        return input + "." + Base64URL.encode(try key.sign(Data(input.utf8)))
    }

    private func reason(_ report: VerificationReport, _ check: String) -> String? {
        report.checks.first { $0.name == check && !$0.passed }?.detail
    }

    @Test func acceptsAFreshCredentialWithEveryCheckPassing() throws {
        let (jws, key, _) = try CredentialFixtures.signed()
        let report = verify(jws)
        #expect(report.isValid, "\(report.checks)")
        #expect(report.format == .jws)
        #expect(report.checks.map(\.name) == ["input", "structure", "header", "issuer", "signature", "credential", "claims", "validity", "revocation"])
        #expect(report.credential?.issuerID == key.did)
        #expect(report.credential?.subject == "hashed emailAddress, hashed name")
        #expect(report.credential?.validFrom == CredentialFixtures.awardedAt)
    }

    @Test func acceptsJSONWrapperAndJSONString() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        let wrapped = verify(CredentialJSON.object(["jwt": .string(jws)]).serialized)
        #expect(wrapped.isValid && wrapped.format == .json)
        #expect(verify("\"\(jws)\"\n").isValid)
        #expect(verify(jws + "\n").isValid)
    }

    @Test func headerAndClaimsAreExact() throws {
        let (jws, key, _) = try CredentialFixtures.signed(learner: CredentialFixtures.didLearner)
        let header = String(decoding: Base64URL.decode(jws.split(separator: ".")[0])!, as: UTF8.self)
        #expect(header == "{\"alg\":\"ES256\",\"kid\":\"\(key.did)#0\",\"typ\":\"JWT\"}")
        let payload = parts(jws)[1]
        #expect(payload["iss"] == .string(key.did))
        #expect(payload["jti"] == .string(CredentialFixtures.awardID))
        #expect(payload["nbf"] == .number(1_790_000_000))
        #expect(payload["exp"] == .number(1_790_000_000 + 365 * 86_400))
        #expect(payload["sub"] == .string("did:example:ada"))
        #expect(verify(jws).isValid)
    }

    @Test func everyChangedByteFails() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        let bytes = Array(jws.utf8)
        var accepted: [Int] = []
        for position in bytes.indices {
            // Every position gets its lowest bit flipped; every fifth also has its case bit flipped.
            for delta: UInt8 in position % 5 == 0 ? [1, 0x20] : [1] {
                var changed = bytes
                changed[position] ^= delta
                if CredentialVerifier.verify(data: Data(changed), now: CredentialFixtures.during).isValid {
                    accepted.append(position)
                }
            }
        }
        #expect(accepted.isEmpty, "changed bytes accepted at \(accepted)")
    }

    @Test func alteredPayloadFailsTheSignature() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        var payload = parts(jws)[1].objectValue!
        payload["name"] = .string("Grand Master")
        let segments = jws.split(separator: ".")
        let altered = "\(segments[0]).\(Base64URL.encode(CredentialJSON.object(payload).data)).\(segments[2])"
        let report = verify(altered)
        #expect(!report.isValid)
        #expect(reason(report, "signature")?.contains("does not match") == true)
    }

    @Test func alteredHeaderIsRejectedWithItsReason() throws {
        let (jws, key, _) = try CredentialFixtures.signed()
        let payload = parts(jws)[1]
        let extra = try forge(header: .object(["alg": .string("ES256"), "kid": .string(key.keyID), "typ": .string("JWT"), "jku": .string("https://evil.example")]), payload: payload, key: key)
        let hs = try forge(header: .object(["alg": .string("HS256"), "kid": .string(key.keyID), "typ": .string("JWT")]), payload: payload, key: key)
        #expect(reason(verify(hs), "header") == "alg is \"HS256\"; only ES256 is accepted")
        #expect(reason(verify(extra), "header") == "unexpected header members: \"jku\"")
        let wrongKid = try forge(header: .object(["alg": .string("ES256"), "kid": .string(key.did + "#1"), "typ": .string("JWT")]), payload: payload, key: key)
        #expect(reason(verify(wrongKid), "issuer")?.hasSuffix("a did:jwk key is #0") == true)
        let foreignKid = try forge(header: .object(["alg": .string("ES256"), "kid": .string("did:jwk:other#0"), "typ": .string("JWT")]), payload: payload, key: key)
        #expect(reason(verify(foreignKid), "header")?.hasPrefix("kid must be the issuer's DID") == true)
        let noTyp = try forge(header: .object(["alg": .string("ES256"), "kid": .string(key.keyID)]), payload: payload, key: key)
        #expect(reason(verify(noTyp), "header") == "typ must be \"JWT\"")
    }

    @Test func algNoneIsRejected() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        let payload = parts(jws)[1]
        let header = CredentialJSON.object(["alg": .string("none"), "typ": .string("JWT")])
        let unsigned = Base64URL.encode(header.data) + "." + Base64URL.encode(payload.data) + "."
        let report = verify(unsigned)
        #expect(!report.isValid)
        #expect(reason(report, "header") == "alg is \"none\"; only ES256 is accepted")
    }

    @Test func signatureByAnotherKeyUnderTheSameKidFails() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        let segments = jws.split(separator: ".")
        let input = "\(segments[0]).\(segments[1])"
        let swapped = input + "." + Base64URL.encode(try IssuerKey().sign(Data(input.utf8)))
        let report = verify(swapped)
        #expect(!report.isValid)
        #expect(reason(report, "signature") == "the ES256 signature does not match the header and payload for the issuer's key")
    }

    @Test func reissuedUnderAnotherDIDFailsClaimsAndTrust() throws {
        let (jws, key, _) = try CredentialFixtures.signed()
        let thief = IssuerKey()
        var payload = parts(jws)[1].objectValue!
        payload["iss"] = .string(thief.did)
        let forged = try forge(header: VCJWT.header(keyID: thief.keyID), payload: .object(payload), key: thief)
        let report = verify(forged)
        #expect(reason(report, "credential")?.contains("issuer.id must be the iss DID") == true)
        #expect(reason(report, "claims")?.contains("iss differs from issuer.id") == true)
        let trustingThief = CredentialVerifier.verify(data: Data(jws.utf8), now: CredentialFixtures.during) { did, _ in
            did == thief.did ? .trusted(name: "Thief") : .unknown
        }
        #expect(trustingThief.isValid && trustingThief.trust == .unknown && trustingThief.verdict == .untrustedIssuer)
        #expect(trustingThief.issuerDID == key.did)
    }

    @Test func claimsMustAgreeWithTheCredential() throws {
        let (jws, key, _) = try CredentialFixtures.signed()
        var payload = parts(jws)[1].objectValue!
        payload["exp"] = .number(4_000_000_000)
        payload["jti"] = .string("urn:uuid:00000000-0000-4000-8000-000000000000")
        let report = verify(try forge(header: VCJWT.header(keyID: key.keyID), payload: .object(payload), key: key))
        #expect(reason(report, "claims") == "jti differs from the credential id; exp differs from validUntil")
    }

    @Test func expiredAndNotYetValidAreRejected() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        let expired = verify(jws, at: CredentialFixtures.awardedAt.addingTimeInterval(366 * 86_400))
        #expect(reason(expired, "validity") == "expired on 2027-09-21T14:13:20Z")
        let early = verify(jws, at: CredentialFixtures.awardedAt.addingTimeInterval(-1))
        #expect(reason(early, "validity") == "not yet valid: valid from 2026-09-21T14:13:20Z")
        #expect(verify(jws, at: CredentialFixtures.awardedAt).isValid)
    }

    @Test func revokedIsRejectedWithReasonAndDate() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        var award = CredentialFixtures.award()
        award.revokedAt = CredentialFixtures.during
        award.revocationReason = "issued in error"
        let report = verify(jws) { _, id in id == award.id ? RevocationLookup(award: award) : .unknown }
        #expect(reason(report, "revocation") == "revoked on 2026-09-22T14:13:20Z: \"issued in error\"")
        let unknown = verify(jws) { _, _ in .unknown }
        #expect(unknown.isValid)
        #expect(unknown.checks.last?.outcome == .unchecked)
        #expect(unknown.checks.last?.passed == false)
    }

    @Test func malformedInputsExplainThemselves() {
        #expect(reason(verify("abc.def"), "structure") == "a compact JWS has 3 dot-separated parts, this has 2")
        #expect(reason(verify("a+b.cd.ef"), "structure") == "the header part is not canonical unpadded base64url")
        #expect(reason(verify("{\"credential\": 1}"), "input") == CredentialError.unrecognisedInput.localizedDescription)
        #expect(reason(verify("e30.e30.e30"), "header") == "alg is missing")
        let notJSON = Base64URL.encode(Data("nope".utf8))
        #expect(reason(verify("\(notJSON).e30.AA"), "header")?.hasPrefix("the header is not JSON") == true)
    }

    /// JSON nested 100,000 levels deep, as a JSON file and inside each JWS part, fails a check cleanly
    /// (the parser stops at 64 levels instead of recursing until the stack runs out).
    @Test func deeplyNestedJSONFailsCleanly() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let deepObject = String(repeating: "{\"jwt\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        #expect(reason(verify(deepObject), "input") == "invalid JSON at byte 3584: nesting is deeper than 512 levels")
        let part = Base64URL.encode(Data(deep.utf8))
        #expect(reason(verify("\(part).e30.AA"), "header")?.hasSuffix("nesting is deeper than 512 levels") == true)
        let header = Base64URL.encode(Data(#"{"alg":"ES256","typ":"JWT"}"#.utf8))
        #expect(reason(verify("\(header).\(part).AA"), "payload")?.hasSuffix("nesting is deeper than 512 levels") == true)
    }
}
