import AttestCore
import AttestCredentials
import Foundation

/// Writes the seed corpus of the credential-verifier fuzzer: one credential signed with a fixed key,
/// as compact JWS, JSON export, baked (1×1) PNG and baked SVG, plus a DID-subject variant without expiry.
/// Usage: `credential-seeds DIRECTORY`. Each run signs anew (ECDSA signatures are randomised).
@main
enum CredentialSeeds {
    static let awardedAt = Date(timeIntervalSince1970: 1_790_000_000)
    /// A 1×1 PNG: the drawn 256×256 badge is stored uncompressed and would dwarf the fuzzer's input size.
    static let onePixelPNG = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")!

    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: credential-seeds DIRECTORY\n".utf8))
            exit(2)
        }
        let directory = URL(fileURLWithPath: arguments[1], isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = try IssuerKey(rawRepresentation: Data((1...32).map { UInt8($0) }))
        let issuer = IssuerProfile(did: key.did, name: "Attest Fuzz Academy")
        let variants: [(String, LearnerIdentity, Date?)] = [
            ("email", LearnerIdentity(name: "Ada Lovelace", email: "ada@example.org"), awardedAt.addingTimeInterval(365 * 86_400)),
            ("did", LearnerIdentity(name: "Ada Lovelace", did: "did:example:ada"), nil),
        ]
        for (name, learner, expiresAt) in variants {
            let credential = try OpenBadgeCredential(award: award(expiresAt: expiresAt), learner: learner, issuer: issuer, salt: "5a1t")
            let jws = try VCJWT.sign(credential, with: key)
            let face = BadgeFace(name: "Fuzz Badge", issuerName: issuer.name, validFrom: awardedAt)
            let json = "{\"credential\":\(credential.json.serialized),\"jwt\":\"\(jws)\"}\n"
            let files = [
                "jws": Data((jws + "\n").utf8),
                "json": Data(json.utf8),
                "png": try BadgeBaker.bakePNG(onePixelPNG, jws: jws, face: face, seed: name),
                "svg": Data(try BadgeBaker.bakeSVG(nil, jws: jws, face: face, name: "Fuzz Badge", seed: name).utf8),
            ]
            for (type, data) in files {
                // The fuzzer verifies at the same moment; a seed that does not verify would make its oracle vacuous.
                let report = CredentialVerifier.verify(data: data, now: awardedAt.addingTimeInterval(86_400))
                guard report.isValid else { fatalError("the \(name).\(type) seed does not verify: \(report.checks)") }
                try data.write(to: directory.appendingPathComponent("\(name).\(type)"))
            }
        }
    }

    static func award(expiresAt: Date?) -> CredentialAward {
        CredentialAward(
            id: "urn:uuid:4f1c2b7e-9d3a-4c55-8e21-0a6b7c8d9e10", learner: "ada", packID: "data-analytics", packVersion: "1.2.0",
            packHash: String(repeating: "ab", count: 32), credentialID: "analyst", name: "Data Analyst",
            description: "SQL and statistics foundations.", achievementType: "MicroCredential",
            criteria: "Reach at least proficient in SQL querying.", awardedAt: awardedAt, expiresAt: expiresAt,
            evidence: CredentialEvidence(
                attempts: [
                    EvidenceAttempt(
                        attemptID: "9b2e4c1a-7f00-4a6e-b1d2-3c4d5e6f7a8b", quizID: "da-exam", quizTitle: "Data Analytics Exam",
                        score: 0.86, passed: true, finishedAt: awardedAt.addingTimeInterval(-60)),
                ],
                prerequisites: ["project-management/foundations"]))
    }
}
