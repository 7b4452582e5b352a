import AttestCore
import AttestCredentials
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// `attest creds verify` on hostile credentials, through the real binary: every kind of tampering
/// (payload, header, key, `alg: none`), every date problem and revocation is refused with its reason.
@Suite("CredentialTampering", .serialized)
struct CredentialTamperingTests {
    /// A sandbox where ada earned data-analytics/foundations, and the credential exported as a VC-JWT.
    struct Earned {
        let sandbox: AttestSandbox
        let id: String
        let jws: String
    }

    static func earn() throws -> Earned {
        let sandbox = try AttestSandbox.passedDataAnalyticsExam()
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let id = try #require(try store.credentials(learner: "ada").first?.id)
        try store.close()
        let output = sandbox.root.appendingPathComponent("earned.jwt").path
        let export = try sandbox.run(["creds", "export", id, "--format", "jwt", "--output", output])
        try #require(export.status == 0, "\(export.standardError)")
        let jws = try String(contentsOfFile: output, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return Earned(sandbox: sandbox, id: id, jws: jws)
    }

    /// The failed checks `creds verify --json` reports for `text`, as "name: detail"; asserts exit 1.
    static func failedChecks(_ text: String, in sandbox: AttestSandbox, name: String) throws -> [String] {
        let file = try sandbox.write(text, to: name)
        let run = try sandbox.run(["creds", "verify", file, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        #expect(run.status == 1, "\(name): a credential that is not valid exits 1")
        let human = try sandbox.run(["creds", "verify", file])
        #expect(human.status == 1 && human.standardOutput.contains("NOT VALID"), "\(human.standardOutput)")
        let checks = try #require(report["checks"] as? [[String: Any]])
        return checks.filter { $0["outcome"] as? String == "failed" }.map { "\($0["name"] ?? ""): \($0["detail"] ?? "")" }
    }

    static func parts(_ jws: String) -> [String] { jws.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }

    static func json(_ part: String) throws -> [String: Any] {
        let data = try #require(Base64URL.decode(part))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func encode(_ object: [String: Any]) throws -> String {
        Base64URL.encode(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    @Test func untouchedCredentialVerifies() throws {
        let earned = try Self.earn()
        let file = try earned.sandbox.write(earned.jws, to: "good.jwt")
        let run = try earned.sandbox.run(["creds", "verify", file])
        #expect(run.status == 0, "\(run.standardOutput)")
        #expect(run.standardOutput.contains("VALID"))
    }

    @Test func tamperedPayloadHeaderKeyAndAlgNoneAreEachRefusedWithTheirReason() throws {
        let earned = try Self.earn()
        let parts = Self.parts(earned.jws)

        var payload = try Self.json(parts[1])
        #expect(payload["name"] is String, "the payload is the credential itself, with the JWT claims beside it")
        payload["name"] = "Data Analytics Grand Master"
        let alteredPayload = [parts[0], try Self.encode(payload), parts[2]].joined(separator: ".")
        let payloadFailures = try Self.failedChecks(alteredPayload, in: earned.sandbox, name: "payload.jwt")
        #expect(payloadFailures.contains { $0.hasPrefix("signature:") && $0.contains("does not match") }, "\(payloadFailures)")

        var header = try Self.json(parts[0])
        header["kid"] = "did:jwk:somebody-else#0"
        let alteredHeader = [try Self.encode(header), parts[1], parts[2]].joined(separator: ".")
        let headerFailures = try Self.failedChecks(alteredHeader, in: earned.sandbox, name: "header.jwt")
        #expect(headerFailures.contains { $0.hasPrefix("header:") && $0.contains("kid must be") }, "\(headerFailures)")

        let signingInput = Data((parts[0] + "." + parts[1]).utf8)
        let otherKey = IssuerKey()
        let swapped = parts[0] + "." + parts[1] + "." + Base64URL.encode(try otherKey.sign(signingInput))
        let swappedFailures = try Self.failedChecks(swapped, in: earned.sandbox, name: "swapped.jwt")
        #expect(swappedFailures.contains { $0.hasPrefix("signature:") && $0.contains("does not match") }, "\(swappedFailures)")

        var none = try Self.json(parts[0])
        none["alg"] = "none"
        let unsigned = try Self.encode(none) + "." + parts[1] + "."
        let noneFailures = try Self.failedChecks(unsigned, in: earned.sandbox, name: "none.jwt")
        #expect(noneFailures.first == #"header: alg is "none"; only ES256 is accepted"#, "\(noneFailures)")
    }

    @Test func revokedCredentialFailsWithTheRevocationReason() throws {
        let earned = try Self.earn()
        let revoke = try earned.sandbox.run(["creds", "revoke", earned.id, "--reason", "exam taken by someone else", "--yes"])
        #expect(revoke.status == 0, "\(revoke.standardError)")
        let failures = try Self.failedChecks(earned.jws, in: earned.sandbox, name: "revoked.jwt")
        #expect(failures.contains { $0.hasPrefix("revocation:") && $0.contains("exam taken by someone else") }, "\(failures)")
    }

    /// The CLI has no clock override, so credentials whose dates lie outside today are signed in-process
    /// with a fresh issuer key and handed to the binary to verify.
    static func signed(awardedAt: Date, expiresAt: Date?) throws -> String {
        let key = IssuerKey()
        let award = CredentialAward(
            id: "urn:uuid:" + UUID().uuidString.lowercased(), learner: "ada", packID: "data-analytics", packVersion: "1.0.0",
            packHash: String(repeating: "ab", count: 32), credentialID: "foundations", name: "Data Analytics Foundations",
            description: "SQL and statistics.", achievementType: "Certificate", criteria: "Pass the exam.",
            awardedAt: awardedAt, expiresAt: expiresAt, evidence: CredentialEvidence())
        let credential = try OpenBadgeCredential(
            award: award, learner: LearnerIdentity(name: "Ada", email: "ada@example.org"),
            issuer: IssuerProfile(did: key.did, name: "Attest Test Academy"), salt: "5a1t")
        return try VCJWT.sign(credential, with: key)
    }

    @Test func expiredAndNotYetValidCredentialsAreRefusedWithTheirDates() throws {
        let sandbox = try AttestSandbox()
        let day = 86_400.0
        let expired = try Self.signed(
            awardedAt: Date().addingTimeInterval(-800 * day), expiresAt: Date().addingTimeInterval(-70 * day))
        let expiredFailures = try Self.failedChecks(expired, in: sandbox, name: "expired.jwt")
        #expect(expiredFailures.count == 1 && expiredFailures[0].hasPrefix("validity: expired on"), "\(expiredFailures)")

        let future = try Self.signed(awardedAt: Date().addingTimeInterval(30 * day), expiresAt: nil)
        let futureFailures = try Self.failedChecks(future, in: sandbox, name: "future.jwt")
        #expect(futureFailures.count == 1 && futureFailures[0].hasPrefix("validity: not yet valid"), "\(futureFailures)")

        let current = try Self.signed(awardedAt: Date().addingTimeInterval(-day), expiresAt: Date().addingTimeInterval(day))
        let file = try sandbox.write(current, to: "current.jwt")
        let run = try sandbox.run(["creds", "verify", file])
        #expect(run.status == 3, "the same construction in date verifies, by a key nobody here vouches for")
        #expect(run.standardOutput.contains("SIGNATURE VALID, UNKNOWN ISSUER"), "\(run.standardOutput)")
    }

    @Test func badgePicturesShowTheCredentialAndVerifyChecksTheSVGsText() throws {
        let earned = try Self.earn()
        let sandbox = earned.sandbox
        let svgPath = sandbox.root.appendingPathComponent("badge.svg").path
        #expect(try sandbox.run(["creds", "export", earned.id, "--format", "svg", "--output", svgPath]).status == 0)
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        for text in [">Data Analytics</text>", ">Foundations</text>", ">Self-assessed</text>"] { #expect(svg.contains(text), "\(svg)") }
        let verified = try sandbox.run(["creds", "verify", svgPath])
        #expect(verified.status == 0, "\(verified.standardOutput)")
        #expect(verified.standardOutput.contains("the picture's text matches the credential"))
        let forged = try sandbox.write(svg.replacingOccurrences(of: ">Foundations</text>", with: ">Expert</text>"), to: "forged.svg")
        let refused = try sandbox.run(["creds", "verify", forged])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("NOT VALID: picture — the picture's text does not match the credential"))

        let pngPath = sandbox.root.appendingPathComponent("badge.png").path
        #expect(try sandbox.run(["creds", "export", earned.id, "--format", "png", "--output", pngPath]).status == 0)
        let png = try #require(FileManager.default.contents(atPath: pngPath))
        #expect(png.count < 60_000, "the image data is compressed: \(png.count) bytes")
        let header = try #require(try PNGFile(data: png).chunks.first)
        #expect(Array(header.data.prefix(8)) == [0, 0, 2, 0x58, 0, 0, 2, 0x58], "600×600, crisp at 2×")
        let pngVerified = try sandbox.run(["creds", "verify", pngPath])
        #expect(pngVerified.status == 0)
        #expect(pngVerified.standardOutput.contains("only the embedded credential is verified, not the picture's pixels"))
    }
}
