import AttestCore
import AttestCredentials
import Crypto
import Foundation
import Testing

/// The attacks of issue #13 against `CredentialVerifier`: who vouches, quoting, the `vc` claim, log and revocation.
@Suite("CredentialTrust")
struct CredentialTrustTests {
    private func parts(_ jws: String) -> [CredentialJSON] {
        jws.split(separator: ".").prefix(2).map { try! CredentialJSON.parse(Base64URL.decode($0)!) }
    }

    private func forge(header: CredentialJSON, payload: CredentialJSON, key: IssuerKey) throws -> String {
        let input = Base64URL.encode(header.data) + "." + Base64URL.encode(payload.data)
        return input + "." + Base64URL.encode(try key.sign(Data(input.utf8)))
    }

    private func award() -> CredentialAward { CredentialFixtures.award() }

    /// A freshly generated key claiming to be MIT is valid cryptographically but vouched for by nobody: exit 3.
    @Test func aFreshKeyNamingAFamousIssuerIsAnUnknownIssuer() throws {
        let mallory = IssuerKey()
        var award = award()
        award.name = "PhD in Computer Science"
        let credential = try OpenBadgeCredential(
            award: award, learner: CredentialFixtures.emailLearner,
            issuer: IssuerProfile(did: mallory.did, name: "Massachusetts Institute of Technology", kind: .issued), salt: "s")
        let jws = try VCJWT.sign(credential, with: mallory)
        let own = IssuerKey()
        let report = CredentialVerifier.verify(data: Data(jws.utf8), now: CredentialFixtures.during) { did, _ in
            did == own.did ? .ownKey : .unknown
        }
        #expect(report.isValid)
        #expect(report.trust == .unknown)
        #expect(report.verdict == .untrustedIssuer && report.verdict.exitCode == 3)
        #expect(report.checks.first { $0.name == "issuer" }?.detail.contains("unknown issuer") == true)
        let ownReport = CredentialVerifier.verify(data: Data(jws.utf8), now: CredentialFixtures.during) { _, _ in .ownKey }
        #expect(ownReport.verdict == .trusted && ownReport.verdict.exitCode == 0)
    }

    @Test func selfAssessedCredentialsSaySoWhateverTheDisplayName() throws {
        let key = IssuerKey()
        let name = IssuerProfile.selfAssessedName(displayName: "Harvard University Registrar")
        #expect(name == "Harvard University Registrar (self-assessed with Attest)")
        #expect(IssuerProfile.selfAssessedName(displayName: "  ") == "Self-assessed with Attest")
        let credential = try OpenBadgeCredential(
            award: award(), learner: CredentialFixtures.emailLearner, issuer: IssuerProfile(did: key.did, name: name), salt: "s")
        #expect(credential.issuerKind == .selfAssessed)
        #expect(credential.json["issuer"]?["description"]?.stringValue == IssuerProfile.selfAssessedDescription)
        #expect(credential.json["evidence"]?.arrayValue?.first?["narrative"]?.stringValue?.contains("Unproctored") == true)
        let issued = try OpenBadgeCredential(
            award: award(), learner: CredentialFixtures.emailLearner,
            issuer: IssuerProfile(did: key.did, name: "Example College", kind: .issued), salt: "s")
        #expect(issued.issuerKind == .issued)
        #expect(issued.json["issuer"]?["description"] == nil)
        #expect(issued.json["evidence"]?.arrayValue?.first?["narrative"]?.stringValue?.contains("Unproctored") == false)
    }

    /// Header and payload values with line breaks never print as lines of their own.
    @Test func untrustedValuesAreQuotedAndEscaped() throws {
        let key = IssuerKey()
        let (jws, _, _) = try CredentialFixtures.signed()
        let payload = parts(jws)[1]
        let evil = "ES256\n✓ signature  ES256 signature by the issuer's key\nVALID: PhD"
        let forged = try forge(
            header: .object(["alg": .string(evil), "kid": .string(key.keyID), "typ": .string("JWT")]), payload: payload, key: key)
        let report = CredentialVerifier.verify(data: Data(forged.utf8), now: CredentialFixtures.during)
        let detail = try #require(report.failure?.detail)
        #expect(!detail.contains("\n"))
        #expect(detail.contains(#""ES256\n✓ signature"#))
        #expect(UntrustedText.quoted("a\"b\nc\u{1B}[31m") == #""a\"b\nc\u001b[31m""#)
        #expect(UntrustedText.quoted(String(repeating: "x", count: 300)).count == 203)
    }

    @Test func aVCClaimThatDiffersFromTheCredentialIsRejected() throws {
        let (jws, key, credential) = try CredentialFixtures.signed()
        var payload = parts(jws)[1].objectValue!
        var other = credential.json.objectValue!
        other["name"] = .string("Grand Master of Everything")
        payload["vc"] = .object(other)
        let differing = CredentialVerifier.verify(
            data: Data(try forge(header: VCJWT.header(keyID: key.keyID), payload: .object(payload), key: key).utf8),
            now: CredentialFixtures.during)
        #expect(!differing.isValid)
        #expect(differing.failure?.name == "claims")
        #expect(differing.failure?.detail.contains("vc claim differs") == true)
        payload["vc"] = credential.json
        let same = CredentialVerifier.verify(
            data: Data(try forge(header: VCJWT.header(keyID: key.keyID), payload: .object(payload), key: key).utf8),
            now: CredentialFixtures.during)
        #expect(same.isValid, "\(same.checks)")
    }

    @Test func revocationIsKeyedOnIssuerAndIDAndAbsenceFromTheLogIsFlagged() throws {
        let (jws, key, _) = try CredentialFixtures.signed()
        var asked: [String] = []
        let report = CredentialVerifier.verify(
            data: Data(jws.utf8),
            revocationCheck: { issuer, id in
                asked.append(issuer + " " + id)
                return .absentFromLog
            }, now: CredentialFixtures.during)
        #expect(asked == [key.did + " " + CredentialFixtures.awardID])
        #expect(report.failure?.name == "revocation")
        #expect(report.failure?.detail.contains("not in its credential log") == true)
        #expect(report.verdict == .invalid)
    }

    /// Organisation keys: did:key and did:web issuers sign and verify offline; did:web is trusted only with listed keys.
    @Test func didKeyAndDIDWebIssuersVerify() throws {
        let privateKey = P256.Signing.PrivateKey()
        let web = IssuerKey(privateKey: privateKey, did: try DIDWeb.did(domain: "https://Example.EDU/registrar/"))
        #expect(web.did == "did:web:example.edu:registrar")
        #expect(web.keyID == web.did + "#" + web.verificationKey.multibase)
        let device = IssuerKey.didKey(privateKey: privateKey)
        #expect(device.did.hasPrefix("did:key:zDn"))
        #expect(device.keyID == device.did + "#" + device.did.dropFirst(8))
        for key in [web, device] {
            let credential = try OpenBadgeCredential(
                award: award(), learner: CredentialFixtures.emailLearner,
                issuer: IssuerProfile(did: key.did, name: "Example College", kind: .issued), salt: "s")
            let jws = try VCJWT.sign(credential, with: key)
            let report = CredentialVerifier.verify(data: Data(jws.utf8), now: CredentialFixtures.during) { did, verificationKey in
                did == key.did && verificationKey == key.verificationKey ? .trusted(name: "Example College") : .unknown
            }
            #expect(report.verdict == .trusted, "\(report.checks)")
            #expect(report.key?.fingerprint == key.verificationKey.fingerprint)
        }
        let document = DIDWeb.document(did: web.did, keys: [web.verificationKey])
        #expect(try DIDWeb.keys(inDocument: document, did: web.did) == [web.verificationKey])
        #expect(throws: CredentialError.self) { try DIDWeb.keys(inDocument: document, did: "did:web:evil.example") }
        #expect(DIDWeb.documentURL(web.did) == "https://example.edu/registrar/did.json")
        #expect(DIDWeb.documentURL("did:web:example.edu") == "https://example.edu/.well-known/did.json")
        #expect(throws: CredentialError.self) { try DIDWeb.did(domain: "root@vm") }
    }

    @Test func multibaseKeysRoundTripAndBase58MatchesKnownValues() throws {
        #expect(Base58.encode([0, 0, 1, 2, 3]) == "11Ldp")
        #expect(Base58.encode(Array("hello world".utf8)) == "StV1DL6CwTryKyV")
        #expect(Base58.decode("StV1DL6CwTryKyV") == Array("hello world".utf8))
        #expect(Base58.decode("0OIl") == nil)
        let key = VerificationKey(P256.Signing.PrivateKey().publicKey)
        #expect(try VerificationKey(multibase: key.multibase) == key)
        #expect(key.fingerprint.split(separator: " ").count == 4)
    }
}
