import AttestCore
import AttestCredentials
import AttestTestSupport
import Foundation
import Testing

@Suite("CredentialsCommand")
struct CredentialsCommandTests {
    /// A sandbox whose learner has passed the cybersecurity exam, and the credential's id.
    private func earned() throws -> (AttestSandbox, String) {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("cybersecurity"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "cybersecurity-exam", seed: 11)
        let run = try sandbox.run(["take", "cybersecurity-exam", "--seed", "11", "--json"], input: answers.joined(separator: "\n") + "\n")
        #expect(run.status == 0, "\(run.standardError)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let awarded = try #require((result["credentialsAwarded"] as? [[String: Any]])?.first?["id"] as? String)
        return (sandbox, awarded)
    }

    @Test func everyExportFormatVerifiesAndAnyChangedByteFails() throws {
        let (sandbox, id) = try earned()
        for format in ["jwt", "json", "png", "svg"] {
            let file = sandbox.root.appendingPathComponent("badge.\(format)").path
            let export = try sandbox.run(["creds", "export", String(id.dropFirst(9).prefix(8)), "--format", format, "--output", file])
            #expect(export.status == 0, "\(format): \(export.standardError)")
            let verify = try sandbox.run(["creds", "verify", file])
            #expect(verify.status == 0, "\(format): \(verify.standardOutput)")
            #expect(verify.standardOutput.contains("VALID — SELF-ASSESSED: \"Cybersecurity Foundations\""), "\(verify.standardOutput)")
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            let marker = Array("eyJ".utf8)
            let start = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) }, "\(format) holds a JWS")
            let offset = start + 200
            bytes[offset] = bytes[offset] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let tampered = try sandbox.run(["creds", "verify", file])
            #expect(tampered.status == 1, "\(format) must fail after a byte changed")
            #expect(tampered.standardOutput.contains("NOT VALID"))
        }
    }

    /// Exporting again after the issuer name or the learner's email changed returns the very bytes signed at
    /// the award; the learner's login name never appears in the clear.
    @Test func aCredentialIsWhatWasIssued() throws {
        let (sandbox, id) = try earned()
        let first = try sandbox.run(["creds", "export", id, "--format", "jwt"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(try sandbox.run(["issuer", "name", "Harvard University Registrar"]).status == 0)
        #expect(try sandbox.run(["learner", "--email", "someone@example.org"]).status == 0)
        let second = try sandbox.run(["creds", "export", id, "--format", "jwt"])
        #expect(second.standardOutput == first.standardOutput, "never re-signed")
        let payload = try #require(Base64URL.decode(first.standardOutput.split(separator: ".")[1]))
        #expect(!String(decoding: payload, as: UTF8.self).contains("\"ada\""), "no plain login name in the subject")
        let json = sandbox.root.appendingPathComponent("c.json").path
        #expect(try sandbox.run(["creds", "export", id, "--format", "json", "--output", json]).status == 0)
        #expect(try sandbox.run(["creds", "verify", json]).status == 0)
    }

    @Test func revokedCredentialStaysInTheLogAndFailsVerification() throws {
        let (sandbox, id) = try earned()
        let file = sandbox.root.appendingPathComponent("c.jwt").path
        #expect(try sandbox.run(["creds", "export", id, "--format", "jwt", "--output", file]).status == 0)
        let declined = try sandbox.run(["creds", "revoke", id, "--reason", "issued by mistake"], input: "maybe\nn\n")
        #expect(declined.status == 1 && declined.standardError.contains("Not revoked."), "\(declined.standardError)")
        #expect(declined.standardOutput.contains("Please answer y or n."), "a prompt accepts only its answers")
        let revoke = try sandbox.run(["creds", "revoke", id, "--reason", "issued by mistake"], input: "y\n")
        #expect(revoke.status == 0, "\(revoke.standardError)")
        let verify = try sandbox.run(["creds", "verify", file])
        #expect(verify.status == 1)
        #expect(verify.standardOutput.contains("issued by mistake"))
        let list = try sandbox.run(["creds", "list", "--csv"])
        #expect(list.standardOutput.contains(",revoked,"))
        #expect(try sandbox.run(["creds", "revoke", id, "--reason", "again", "--yes"]).status != 0)
        #expect(try sandbox.run(["creds", "share", id]).status == 1)
    }

    @Test func showListShareAndExportAll() throws {
        let (sandbox, id) = try earned()
        let show = try sandbox.run(["creds", "show", id])
        #expect(show.status == 0)
        #expect(show.standardOutput.contains("Cybersecurity: exam"))
        #expect(show.standardOutput.contains("skill Identity and access management — proficient after 7 questions, decided by the exam's rule"), "\(show.standardOutput)")
        let share = try sandbox.run(["creds", "share", id])
        #expect(share.standardOutput.hasPrefix("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Cybersecurity%20Foundations"))
        #expect(share.standardOutput.contains("&certId=\(id.replacingOccurrences(of: ":", with: "%3A"))"))
        let all = try sandbox.run(["creds", "export", "--all", "--format", "json"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(all.standardOutput.utf8)) as? [[String: Any]])
        #expect(log.count == 1)
        let missing = try sandbox.run(["creds", "show", "ffffffff"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("No credential 'ffffffff'"))
    }

    @Test func outputDashWritesToStandardOutputAndLearnerConfirmsWhatItSet() throws {
        let (sandbox, id) = try earned()
        let png = try sandbox.run(["creds", "export", id, "--format", "svg", "--output", "-"])
        #expect(png.status == 0 && png.standardOutput.hasPrefix("<svg"), "\(png.standardError)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("-").path))
        let email = try sandbox.run(["learner", "--email", "ada@example.org"])
        #expect(email.standardOutput.contains("Email set to ada@example.org"))
        for bad in ["did:", "did:x", "did:Key:abc", "did:key:a b", "did:key:abc%zz", "did:key:abc:"] {
            #expect(try sandbox.run(["learner", "--did", bad]).status == 64, "\(bad)")
        }
        #expect(try sandbox.run(["learner", "--did", "did:key:z6MkhaXgBZD"]).standardOutput.contains("DID set to did:key:z6MkhaXgBZD."))
    }
}
