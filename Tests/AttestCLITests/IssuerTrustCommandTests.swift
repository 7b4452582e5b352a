import AttestCore
import AttestCredentials
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// Who vouches, through the real binary: the trust list, `creds verify` exit codes 0 / 3 / 1, self-assessed
/// wording that no setting removes, imported attempts that never award, and values printed quoted.
@Suite("IssuerTrustCommand", .serialized)
struct IssuerTrustCommandTests {
    /// An award made yesterday, never expiring.
    static func award() -> CredentialAward {
        CredentialAward(
            id: "urn:uuid:" + UUID().uuidString.lowercased(), learner: "ada", packID: "cs", packVersion: "1.0.0",
            packHash: String(repeating: "ab", count: 32), credentialID: "phd", name: "PhD in Computer Science",
            description: "Doctorate.", achievementType: "DoctoralDegree", criteria: "A thesis.",
            awardedAt: Date().addingTimeInterval(-86_400), expiresAt: nil, evidence: CredentialEvidence())
    }

    /// A credential claiming to be a PhD from MIT, signed by a freshly generated key.
    static func foreign(issuerName: String = "Massachusetts Institute of Technology") throws -> (jws: String, key: IssuerKey) {
        let key = IssuerKey()
        let credential = try OpenBadgeCredential(
            award: award(), learner: LearnerIdentity(name: "Ada"),
            issuer: IssuerProfile(did: key.did, name: issuerName, kind: .issued), salt: "s")
        return (try VCJWT.sign(credential, with: key), key)
    }

    @Test func aForeignKeyIsAnUnknownIssuerUntilTrusted() throws {
        let sandbox = try AttestSandbox()
        let (jws, key) = try Self.foreign()
        let file = try sandbox.write(jws, to: "phd.jwt")
        let before = try sandbox.run(["creds", "verify", file])
        #expect(before.status == 3, "\(before.standardOutput)\(before.standardError)")
        #expect(before.standardOutput.contains("unknown issuer"))
        #expect(before.standardOutput.contains("SIGNATURE VALID, UNKNOWN ISSUER"))
        #expect(before.standardOutput.contains("\"Massachusetts Institute of Technology\", which is only the credential's own claim"))
        #expect(before.standardOutput.contains("? revocation"), "an unchecked revocation is not a ✓")
        #expect(!before.standardOutput.contains("✓ revocation"))

        let add = try sandbox.run(["issuer", "trust", "add", key.did, "--name", "MIT Registrar"])
        #expect(add.status == 0, "\(add.standardError)")
        let list = try sandbox.run(["issuer", "trust", "list"])
        #expect(list.standardOutput.contains("\"MIT Registrar\"") && list.standardOutput.contains(key.did))
        let after = try sandbox.run(["creds", "verify", file])
        #expect(after.status == 0, "\(after.standardOutput)")
        #expect(after.standardOutput.contains("issued by \"MIT Registrar\", a trusted issuer on your trust list"))
        let json = try sandbox.run(["creds", "verify", file, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(report["trusted"] as? Bool == true && report["vouchedBy"] as? String == "MIT Registrar")
        #expect(report["keyFingerprint"] as? String == key.verificationKey.fingerprint)

        #expect(try sandbox.run(["issuer", "trust", "remove", key.did]).status == 0)
        #expect(try sandbox.run(["creds", "verify", file]).status == 3)
        let again = try sandbox.run(["issuer", "trust", "remove", key.did])
        #expect(again.status == 1 && again.standardError.contains("is not on the trust list"))
        let web = try sandbox.run(["issuer", "trust", "add", "did:web:example.edu", "--name", "Example"])
        #expect(web.status == 1 && web.standardError.contains("--did-document"), "\(web.standardError)")
    }

    @Test func aRenamedIssuerStillSaysSelfAssessed() throws {
        let earned = try CredentialTamperingTests.earn()
        let sandbox = earned.sandbox
        #expect(try sandbox.run(["issuer", "name", "Harvard University Registrar"]).status == 0)
        let output = sandbox.root.appendingPathComponent("renamed.json").path
        #expect(try sandbox.run(["creds", "export", earned.id, "--format", "json", "--output", output]).status == 0)
        let wrapper = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        let issuer = try #require((wrapper["credential"] as? [String: Any])?["issuer"] as? [String: Any])
        #expect(issuer["name"] as? String == "Self-assessed with Attest", "the credential keeps the name it was awarded under")
        let verify = try sandbox.run(["creds", "verify", output])
        #expect(verify.status == 0, "\(verify.standardOutput)")
        #expect(verify.standardOutput.contains("VALID — SELF-ASSESSED"))
        #expect(verify.standardOutput.contains("No organisation vouches for it"))
        let show = try sandbox.run(["issuer"])
        #expect(show.standardOutput.contains("Harvard University Registrar (self-assessed with Attest)"), "\(show.standardOutput)")
        #expect(!show.standardOutput.contains("@"), "no login or host name in the issuer name: \(show.standardOutput)")
    }

    /// A credential signed with this store's key that its log never held (a row inserted by hand, a key copied) is flagged.
    @Test func aCredentialSignedWithTheStoreKeyButAbsentFromItsLogIsFlagged() throws {
        let earned = try CredentialTamperingTests.earn()
        let store = try AttestDatabase.open(path: earned.sandbox.storePath)
        let record = try #require(try store.issuerKey())
        try store.close()
        let key = try IssuerKey(rawRepresentation: record.privateKey)
        let credential = try OpenBadgeCredential(
            award: Self.award(), learner: LearnerIdentity(name: "ada"), issuer: IssuerProfile(did: key.did, name: "x"), salt: "s")
        let file = try earned.sandbox.write(try VCJWT.sign(credential, with: key), to: "inserted.jwt")
        let verify = try earned.sandbox.run(["creds", "verify", file])
        #expect(verify.status == 1, "\(verify.standardOutput)")
        #expect(verify.standardOutput.contains("signed with this store's own key but not in its credential log"))
    }

    @Test func valuesWithLineBreaksArePrintedQuotedAndEscaped() throws {
        let sandbox = try AttestSandbox()
        let (jws, _) = try Self.foreign(issuerName: "Evil\n✓ signature  fine\nVALID — SELF-ASSESSED: PhD")
        let file = try sandbox.write(jws, to: "evil.jwt")
        let run = try sandbox.run(["creds", "verify", file])
        #expect(run.status == 3)
        let lines = run.standardOutput.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("VALID") || $0.hasPrefix("✓ signature  fine") }, "\(run.standardOutput)")
        #expect(run.standardOutput.contains(#""Evil\n✓ signature  fine\nVALID — SELF-ASSESSED: PhD""#))
    }

    /// Another learner's exam attempt, renamed to this learner and imported, feeds statistics but awards nothing.
    @Test func anImportedRenamedAttemptNeverAwards() throws {
        let earned = try CredentialTamperingTests.earn()
        let export = try earned.sandbox.run(["attempts", "export", "--mine"])
        #expect(export.status == 0)
        let mine = try AttestSandbox()
        let renamed = export.standardOutput.replacingOccurrences(of: "\"learner\":\"ada\"", with: "\"learner\":\"eve\"")
        #expect(renamed != export.standardOutput)
        let file = try mine.write(renamed, to: "attempts.jsonl")
        let imported = try mine.run(["attempts", "import", file], extraEnvironment: ["ATTEST_LEARNER": "eve"])
        #expect(imported.status == 0 && imported.standardOutput.contains("imported 1"), "\(imported.standardOutput)")
        // A well-answered short exam makes the store weigh the learner's credentials; only the imported
        // attempt passed the exam the credential asks for.
        let pack = try #require(ShippedPacks.pack("data-analytics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "data-analytics-quick-check", seed: 3)
        let take = try mine.run(
            ["take", "data-analytics-quick-check", "--seed", "3", "--json"], input: answers.joined(separator: "\n") + "\n",
            extraEnvironment: ["ATTEST_LEARNER": "eve"])
        #expect(take.status == 0, "\(take.standardError)")
        let list = try mine.run(["creds", "list", "--json"], extraEnvironment: ["ATTEST_LEARNER": "eve"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [Any])
        #expect(log.isEmpty, "imported attempts awarded: \(list.standardOutput)")
        let stats = try mine.run(["stats", "data-analytics-exam"])
        #expect(stats.status == 0, "the imported attempt still feeds statistics: \(stats.standardError)")
    }
}
