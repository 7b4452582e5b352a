import AttestCore
import AttestCredentials
import Foundation
import Testing

@Suite("OpenBadgeCredential")
struct OpenBadgeCredentialTests {
    private func build(_ learner: LearnerIdentity, award: CredentialAward = CredentialFixtures.award()) throws -> CredentialJSON {
        try OpenBadgeCredential(award: award, learner: learner, issuer: IssuerProfile(did: "did:jwk:abc", name: "Academy"), salt: "pepper").json
    }

    @Test func hasTheOpenBadgesShape() throws {
        let json = try build(CredentialFixtures.emailLearner)
        #expect(json["@context"] == .array([.string("https://www.w3.org/ns/credentials/v2"), .string("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")]))
        #expect(json["type"] == .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")]))
        #expect(json["id"] == .string(CredentialFixtures.awardID))
        #expect(json["issuer"] == .object([
            "id": .string("did:jwk:abc"), "type": .array([.string("Profile")]), "name": .string("Academy"),
            "description": .string(IssuerProfile.selfAssessedDescription),
        ]))
        #expect(json["validFrom"] == .string("2026-09-21T14:13:20Z"))
        #expect(json["validUntil"] == .string("2027-09-21T14:13:20Z"))
        let achievement = try #require(json["credentialSubject"]?["achievement"])
        #expect(achievement["id"] == .string("urn:attest:achievement:data-analytics:analyst"))
        #expect(achievement["criteria"]?["narrative"]?.stringValue?.hasPrefix("Reach at least proficient") == true)
        #expect(achievement["achievementType"] == .string("MicroCredential"))
        let alignment = try #require(achievement["alignment"]?.arrayValue)
        #expect(alignment.count == 2)
        #expect(alignment[0]["targetType"] == .string("ceasn:Competency"))
        #expect(alignment[0]["targetUrl"] == .string("urn:attest:skill:data-analytics:sql"))
        #expect(alignment[0]["targetDescription"] == .string("Estimated competency 0.82 (90% credible interval 0.74–0.90): proficient"))
        let descriptions = try #require(achievement["resultDescription"]?.arrayValue)
        let results = try #require(json["credentialSubject"]?["result"]?.arrayValue)
        #expect(descriptions.count == 6 && results.count == 6, "estimate, interval and evidence for each of two skills")
        #expect(descriptions[0]["id"] == .string("urn:attest:result:data-analytics:analyst:sql:estimate"))
        #expect(descriptions[0]["resultType"] == .string("ScaledScore"))
        #expect(descriptions[0]["valueMax"] == .string("1.00"))
        #expect(results[0]["resultDescription"] == descriptions[0]["id"])
        #expect(results[0]["value"] == .string("0.82"))
        #expect(results[1]["value"] == .string("0.74–0.90"))
        #expect(descriptions[1]["name"]?.stringValue?.contains("90% credible interval") == true)
        #expect(descriptions[2]["resultType"] == .string("RawScore") && results[2]["resultDescription"] == descriptions[2]["id"])
        let evidence = try #require(json["evidence"]?.arrayValue)
        #expect(evidence[0]["id"] == .string("urn:uuid:9b2e4c1a-7f00-4a6e-b1d2-3c4d5e6f7a8b"))
        #expect(evidence[0]["narrative"] == .string("Passed the exam Data Analytics Exam with a score of 86% on 2026-09-21T14:12:20Z. "
            + "Unproctored: taken in Attest on the learner's own computer, with no one supervising."))
        #expect(achievement["tag"] == .array([.string("self-assessed")]))
        #expect(evidence[1]["narrative"] == .string("Held project-management/foundations when awarded."))
    }

    @Test func emailIsOnlyStoredAsASaltedHash() throws {
        let json = try build(CredentialFixtures.emailLearner)
        #expect(!json.serialized.contains("ada@example.org"))
        let identifiers = try #require(json["credentialSubject"]?["identifier"]?.arrayValue)
        // sha256("ada@example.orgpepper"), computed independently with `printf %s ada@example.orgpepper | sha256sum`.
        let hash = "sha256$ebe41303590c450d254bbeacc4ccf12cf6690106fe8ec1fca9349c7a890e3e30"
        #expect(OpenBadgeCredential.identityHash("ada@example.org", salt: "pepper") == hash)
        #expect(identifiers[0] == .object([
            "type": .string("IdentityObject"), "hashed": .bool(true), "identityType": .string("emailAddress"),
            "salt": .string("pepper"), "identityHash": .string(hash),
        ]))
        #expect(identifiers[1]["identityType"] == .string("name"))
        #expect(identifiers[1]["hashed"] == .bool(true))
        #expect(identifiers[1]["identityHash"] == .string(OpenBadgeCredential.identityHash("Ada Lovelace", salt: "pepper")))
        #expect(!json.serialized.contains("Ada Lovelace"), "the name is never in the clear")
        #expect(json["credentialSubject"]?["id"] == nil)
    }

    @Test func didSubjectBecomesTheSubjectID() throws {
        let json = try build(LearnerIdentity(did: "did:example:ada"))
        #expect(json["credentialSubject"]?["id"] == .string("did:example:ada"))
        #expect(json["credentialSubject"]?["identifier"] == nil)
        #expect(throws: CredentialError.invalidSubjectDID("ada")) { try build(LearnerIdentity(did: "ada")) }
        #expect(throws: CredentialError.subjectWithoutIdentity) { try build(LearnerIdentity(name: "  ")) }
    }

    @Test func neverExpiringAwardHasNoValidUntilNorExp() throws {
        let key = IssuerKey()
        let credential = try OpenBadgeCredential(
            award: CredentialFixtures.award(expiresAt: nil), learner: CredentialFixtures.didLearner,
            issuer: CredentialFixtures.issuer(key), salt: "s")
        #expect(credential.json["validUntil"] == nil)
        #expect(VCJWT.payload(for: credential)["exp"] == nil)
        let report = CredentialVerifier.verify(data: Data(try VCJWT.sign(credential, with: key).utf8), now: Date(timeIntervalSince1970: 4_000_000_000))
        #expect(report.isValid)
        #expect(report.checks.first { $0.name == "validity" }?.detail == "does not expire")
    }

    @Test func unknownAchievementTypesUseTheExtensionForm() throws {
        var award = CredentialFixtures.award()
        award.achievementType = "Nano Degree!"
        #expect(try build(CredentialFixtures.didLearner, award: award)["credentialSubject"]?["achievement"]?["achievementType"] == .string("ext:NanoDegree"))
    }

    @Test func outputIsDeterministic() throws {
        #expect(try build(CredentialFixtures.emailLearner).serialized == build(CredentialFixtures.emailLearner).serialized)
        #expect(OpenBadgeCredential.makeSalt().count == 32)
        #expect(OpenBadgeCredential.makeSalt() != OpenBadgeCredential.makeSalt())
    }
}
