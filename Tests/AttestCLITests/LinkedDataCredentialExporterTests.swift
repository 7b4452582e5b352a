import AttestLinkedData
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// `creds export --format ldp|html` and `creds verify` on the result, through the real binary: the ldp export
/// carries an eddsa-rdfc-2022 proof by the store's did:key, verifies, fails once changed, and pyld with
/// Python's `cryptography` (tools nobody on this team wrote) accept it; the html page embeds a VC-JWT that verifies.
@Suite("LinkedDataCredentialExporter", .serialized)
struct LinkedDataCredentialExporterTests {
    static func exported() throws -> (sandbox: AttestSandbox, id: String, path: String, credential: JSONValue) {
        let earned = try CredentialTamperingTests.earn()
        let path = earned.sandbox.root.appendingPathComponent("earned.ldp.json").path
        let export = try earned.sandbox.run(["creds", "export", earned.id, "--format", "ldp", "--output", path])
        try #require(export.status == 0, "\(export.standardError)")
        return (earned.sandbox, earned.id, path, try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func theExportIsSignedByTheStoresDIDKeyAndVerifies() throws {
        let (sandbox, id, path, credential) = try Self.exported()
        let issuer = try #require(credential["issuer"]?["id"]?.stringValue)
        #expect(issuer.hasPrefix("did:key:z6Mk"))
        #expect(credential["proof"]?["cryptosuite"] == .string("eddsa-rdfc-2022"))
        #expect(credential["proof"]?["verificationMethod"]?.stringValue?.hasPrefix(issuer + "#") == true)
        let run = try sandbox.run(["creds", "verify", path])
        #expect(run.status == 0, "\(run.standardOutput)")
        #expect(run.standardOutput.contains("eddsa-rdfc-2022 proof by") && run.standardOutput.contains("VALID"))
        let again = try sandbox.run(["creds", "export", id, "--format", "ldp"])
        let second = try JSONValue.parse(again.standardOutput)
        #expect(second["issuer"]?["id"]?.stringValue == issuer, "the key is created once and kept in the store")
    }

    @Test func aChangedCredentialIsNotValid() throws {
        let (sandbox, _, _, credential) = try Self.exported()
        guard case .object(var changed) = credential else { Issue.record("not an object"); return }
        changed["name"] = .string("Data Analytics Grand Master")
        let file = try sandbox.write(JSONValue.object(changed).prettyText, to: "changed.json")
        let run = try sandbox.run(["creds", "verify", file, "--json"])
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("does not match"), "\(run.standardOutput)")
    }

    @Test func pyldAndCryptographyAcceptTheExport() throws {
        let (sandbox, _, path, _) = try Self.exported()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AttestLinkedDataTests/Fixtures/independent_check.py").path
        let contexts = try sandbox.write(JSONValue.object(BundledContexts.byURL.mapValues { .string($0) }).canonicalText, to: "contexts.json")
        guard let run = try PythonChecker.run(script, ["proof", contexts, path], requiring: "pyld, cryptography") else {
            print("SKIP LinkedDataCredentialExporter: python3 with pyld and cryptography is not available")
            return
        }
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("\"ScaledScore\"") && run.output.contains("vocab.html#Result>"),
                "each skill's estimate survives canonicalisation as an Open Badges result: \(run.output.prefix(2000))")
    }

    @Test func theHTMLPageEmbedsACredentialThatVerifies() throws {
        let earned = try CredentialTamperingTests.earn()
        let path = earned.sandbox.root.appendingPathComponent("page.html").path
        let export = try earned.sandbox.run(["creds", "export", earned.id, "--format", "html", "--output", path])
        try #require(export.status == 0, "\(export.standardError)")
        let page = try String(contentsOfFile: path, encoding: .utf8)
        #expect(page.contains("default-src 'none'") && !page.contains("src=\"http"))
        let start = try #require(page.range(of: "<script type=\"application/jwt\" id=\"credential\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let file = try earned.sandbox.write(String(page[start.upperBound..<end.lowerBound]), to: "from-page.jwt")
        let verify = try earned.sandbox.run(["creds", "verify", file])
        #expect(verify.status == 0, "\(verify.standardOutput)")
    }
}
