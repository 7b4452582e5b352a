import AttestLinkedData
import AttestTestSupport
import Foundation
import Testing

/// Revocation that travels, for this store's own credentials, through the real binary: once a status URL is set,
/// a Data Integrity export carries a BitstringStatusListEntry (the same at every export); `creds status-list`
/// writes the signed list; `creds verify --status-list` checks it offline (exit 1 once revoked), and Python's
/// gzip and base64 find the revoked bit set.
@Suite("CredentialsStatusListCommand", .serialized)
struct CredentialsStatusListCommandTests {
    static let url = "https://ada.example.org/attest/status.json"

    @Test func revocationIsPublishedAndCheckedOffline() throws {
        let earned = try CredentialTamperingTests.earn()
        let sandbox = earned.sandbox
        let noURL = try sandbox.run(["creds", "status-list", "--output", "list.json"])
        #expect(noURL.status == 1 && noURL.standardError.contains("attest issuer status-url"), "\(noURL.standardError)")
        #expect(try sandbox.run(["issuer", "status-url", "http://insecure.example.org/s.json"]).status == 64)
        #expect(try sandbox.run(["issuer", "status-url", Self.url]).status == 0)
        #expect(try sandbox.run(["issuer", "status-url"]).standardOutput == Self.url + "\n")
        #expect(try sandbox.run(["issuer"]).standardOutput.contains("status   " + Self.url))

        let path = sandbox.root.appendingPathComponent("earned.ldp.json").path
        #expect(try sandbox.run(["creds", "export", earned.id, "--format", "ldp", "--output", path]).status == 0)
        let credential = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: path)))
        let status = try #require(credential["credentialStatus"])
        #expect(status["type"] == .string("BitstringStatusListEntry"))
        #expect(status["statusPurpose"] == .string("revocation"))
        #expect(status["statusListCredential"] == .string(Self.url))
        let index = try #require(status["statusListIndex"]?.stringValue.flatMap { Int($0) })
        let again = try JSONValue.parse(try sandbox.run(["creds", "export", earned.id, "--format", "ldp"]).standardOutput)
        #expect(again["credentialStatus"] == status, "a credential keeps its index at every export")

        let own = try sandbox.run(["creds", "verify", path])
        #expect(own.status == 0 && own.standardOutput.contains("✓ revocation not revoked"), "this store's log answers for its own")

        let list = sandbox.root.appendingPathComponent("list.json").path
        let publish = try sandbox.run(["creds", "status-list", "--output", list])
        #expect(publish.status == 0 && publish.standardOutput.contains("1 credential listed, 0 revoked"), "\(publish.standardOutput)")
        let clear = try sandbox.run(["creds", "verify", path, "--status-list", list])
        #expect(clear.status == 0 && clear.standardOutput.contains("not revoked (the issuer's signed status list"), "\(clear.standardOutput)")

        #expect(try sandbox.run(["creds", "revoke", earned.id, "--reason", "exam retaken", "--yes"]).status == 0)
        #expect(try sandbox.run(["creds", "status-list", "--output", list]).status == 1, "an existing list is replaced only with --force")
        #expect(try sandbox.run(["creds", "status-list", "--output", list, "--force"]).status == 0)
        // A verifier with no store of this learner's: only the list can say it was revoked.
        let stranger = try AttestSandbox()
        let copy = try stranger.write(try String(contentsOfFile: path, encoding: .utf8), to: "credential.json")
        let listCopy = try stranger.write(try String(contentsOfFile: list, encoding: .utf8), to: "list.json")
        let before = try stranger.run(["creds", "verify", copy])
        #expect(before.status == 3, "\(before.standardOutput)")
        #expect(before.standardOutput.contains("? revocation not checked (no status list given; its issuer publishes one at \(Self.url)"),
                "\(before.standardOutput)")
        let revoked = try stranger.run(["creds", "verify", copy, "--status-list", listCopy])
        #expect(revoked.status == 1, "\(revoked.standardOutput)")
        #expect(revoked.standardOutput.contains("✗ revocation revoked: its entry is set in the issuer's signed status list"))

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AttestLinkedDataTests/Fixtures/independent_check.py").path
        guard let python = try PythonChecker.run(script, ["status", list, String(index)], requiring: "pyld, cryptography") else {
            print("SKIP CredentialsStatusListCommand: python3 with pyld and cryptography is not available")
            return
        }
        #expect(python.output == "set 131072\n", "\(python.output)\(python.error)")
        let contexts = try sandbox.write(JSONValue.object(BundledContexts.byURL.mapValues { .string($0) }).canonicalText, to: "contexts.json")
        let listProof = try #require(try PythonChecker.run(script, ["proof", contexts, list], requiring: "pyld, cryptography"))
        #expect(listProof.status == 0, "pyld and cryptography verify the status list's own proof: \(listProof.error)")
    }

    @Test func aListFromAnotherIssuerOrAlteredIsRefused() throws {
        let earned = try CredentialTamperingTests.earn()
        let sandbox = earned.sandbox
        #expect(try sandbox.run(["issuer", "status-url", Self.url]).status == 0)
        let path = sandbox.root.appendingPathComponent("c.json").path
        #expect(try sandbox.run(["creds", "export", earned.id, "--format", "ldp", "--output", path]).status == 0)
        let list = sandbox.root.appendingPathComponent("list.json").path
        #expect(try sandbox.run(["creds", "status-list", "--output", list]).status == 0)

        guard case .object(var members) = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: list))),
              case .object(var subject) = members["credentialSubject"] else { Issue.record("not a list"); return }
        var cleared = BitstringStatusList()
        try cleared.set(0)
        subject["encodedList"] = .string(cleared.encodedList)
        members["credentialSubject"] = .object(subject)
        let edited = try sandbox.write(JSONValue.object(members).prettyText, to: "edited.json")
        let run = try sandbox.run(["creds", "verify", path, "--status-list", edited])
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("the status list's own proof does not verify"), "\(run.standardOutput)")

        let other = try CredentialTamperingTests.earn().sandbox
        #expect(try other.run(["issuer", "status-url", Self.url]).status == 0)
        let foreign = other.root.appendingPathComponent("foreign.json").path
        #expect(try other.run(["creds", "status-list", "--output", foreign]).status == 0)
        let copy = try sandbox.write(try String(contentsOfFile: foreign, encoding: .utf8), to: "foreign.json")
        let mismatch = try sandbox.run(["creds", "verify", path, "--status-list", copy])
        #expect(mismatch.status == 1)
        #expect(mismatch.standardOutput.contains("not by the credential's issuer"), "\(mismatch.standardOutput)")
    }
}
