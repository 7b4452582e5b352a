@testable import AttestCLI
import AttestLinkedData
import AttestTestSupport
import Foundation
import Testing

/// Organisation-issued Data Integrity credentials end to end through the real binary: the keyring's did.json
/// lists its Ed25519 Multikey; `creds issue` signs each credential as a VC-JWT and with an eddsa-rdfc-2022 proof
/// carrying a BitstringStatusListEntry; the learner imports it; `creds verify` exits 3 until the organisation is
/// trusted from its did.json, then 0; the organisation revokes it (audit log), publishes its status list, and
/// `creds verify --status-list` exits 1. pyld, Python's `cryptography`, gzip/base64 and jsonschema with the
/// vendored Open Badges 3.0 schema check what Attest wrote.
@Suite("DataIntegrityIssuing", .serialized)
struct DataIntegrityIssuingTests {
    static let passphrase = CredentialIssuingTests.passphrase
    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AttestLinkedDataTests/Fixtures/independent_check.py").path
    }
    static var schema: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AttestCredentialsTests/Fixtures/ob_v3p0_achievementcredential_schema.json").path
    }

    /// A learner holding an imported organisation credential, the instructor's keyring, and its paths.
    struct Issued {
        var learner: AttestSandbox
        var instructor: AttestSandbox
        var keyring: String
        var document: String
        var credentialID: String
        var exported: String
    }

    static func issueAndImport() throws -> Issued {
        let (learner, instructor) = try CredentialIssuingTests.setUp()
        let submission = learner.root.appendingPathComponent("ada.submission").path
        try #require(try learner.run(["attempts", "export", "--sign", "--output", submission]).status == 0)
        let copied = try instructor.write(try String(contentsOfFile: submission, encoding: .utf8), to: "ada.submission")
        let (keyring, _, document) = try CredentialIssuingTests.initIssuer(instructor)
        let out = instructor.root.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let issue = try instructor.run(["creds", "issue", "--from", copied, "--issuer", keyring, "--output", out], extraEnvironment: passphrase)
        try #require(issue.status == 0, "\(issue.standardOutput)\(issue.standardError)")
        let bundle = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: out + "/ada.credentials.json")))
        #expect(bundle["credentials"]?.arrayValue?.count == 1 && bundle["linkedDataCredentials"]?.arrayValue?.count == 1,
                "--format both is the default: each credential as a VC-JWT and with a Data Integrity proof")
        let copy = try learner.write(try String(contentsOfFile: out + "/ada.credentials.json", encoding: .utf8), to: "bundle.json")
        let importRun = try learner.run(["creds", "import", copy])
        try #require(importRun.status == 0, "\(importRun.standardOutput)\(importRun.standardError)")
        #expect(importRun.standardOutput.contains("(Data Integrity) issued by \"Example College\" (not on your trust list)"),
                "\(importRun.standardOutput)")
        let id = try #require(bundle["linkedDataCredentials"]?.arrayValue?.first?["id"]?.stringValue)
        let exported = learner.root.appendingPathComponent("issued.ldp.json").path
        let export = try learner.run(["creds", "export", id, "--format", "ldp", "--output", exported])
        try #require(export.status == 0, "\(export.standardError)")
        return Issued(learner: learner, instructor: instructor, keyring: keyring, document: document, credentialID: id, exported: exported)
    }

    @Test func issuedTrustedRevokedAndCheckedOffline() throws {
        let issued = try Self.issueAndImport()
        let (learner, instructor) = (issued.learner, issued.instructor)
        let didDocument = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: issued.document)))
        let multikey = try #require(didDocument["verificationMethod"]?.arrayValue?.first { $0["type"] == .string("Multikey") })
        let keyMultibase = try #require(multikey["publicKeyMultibase"]?.stringValue)
        #expect(keyMultibase.hasPrefix("z6Mk"))
        #expect(didDocument["assertionMethod"]?.arrayValue?.contains(.string("did:web:example.edu#" + keyMultibase)) == true)

        let credential = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: issued.exported)))
        #expect(credential["issuer"]?["id"] == .string("did:web:example.edu"))
        #expect(credential["proof"]?["verificationMethod"] == .string("did:web:example.edu#" + keyMultibase))
        #expect(credential["credentialStatus"]?["statusListCredential"] == .string("https://example.edu/credentials/status.json"))
        let index = try #require(credential["credentialStatus"]?["statusListIndex"]?.stringValue.flatMap { Int($0) })
        let audit = try String(contentsOfFile: issued.keyring + ".log", encoding: .utf8)
        #expect(audit.contains("\"statusListIndex\":\"\(index)\""), "the allocation is kept in the audit log")

        let untrusted = try learner.run(["creds", "verify", issued.exported])
        #expect(untrusted.status == 3, "\(untrusted.standardOutput)")
        #expect(untrusted.standardOutput.contains("not checked (no status list given"))
        #expect(try learner.run(["issuer", "trust", "add", "did:web:example.edu", "--name", "Example College",
                                 "--did-document", issued.document]).status == 0)
        let trusted = try learner.run(["creds", "verify", issued.exported])
        #expect(trusted.status == 0, "\(trusted.standardOutput)")
        #expect(trusted.standardOutput.contains("issued by \"Example College\", a trusted issuer on your trust list"))

        let list = instructor.root.appendingPathComponent("status.json").path
        let publish = try instructor.run(["creds", "status-list", "--issuer", issued.keyring, "--output", list], extraEnvironment: Self.passphrase)
        #expect(publish.status == 0 && publish.standardOutput.contains("1 credential listed, 0 revoked"), "\(publish.standardOutput)\(publish.standardError)")
        let listCopy = try learner.write(try String(contentsOfFile: list, encoding: .utf8), to: "status.json")
        let clear = try learner.run(["creds", "verify", issued.exported, "--status-list", listCopy])
        #expect(clear.status == 0 && clear.standardOutput.contains("not revoked"), "\(clear.standardOutput)")

        let revoke = try instructor.run(
            ["creds", "revoke", "--issuer", issued.keyring, String(issued.credentialID.dropFirst("urn:uuid:".count).prefix(8)),
             "--reason", "exam irregularity", "--yes"], extraEnvironment: Self.passphrase)
        #expect(revoke.status == 0, "\(revoke.standardOutput)\(revoke.standardError)")
        let again = try instructor.run(
            ["creds", "revoke", "--issuer", issued.keyring, issued.credentialID, "--reason", "twice", "--yes"], extraEnvironment: Self.passphrase)
        #expect(again.status == 1 && again.standardError.contains("already revoked"), "\(again.standardError)")
        #expect(try instructor.run(["creds", "status-list", "--issuer", issued.keyring, "--output", list, "--force"],
                                   extraEnvironment: Self.passphrase).status == 0)
        let revokedList = try learner.write(try String(contentsOfFile: list, encoding: .utf8), to: "status.json")
        let revoked = try learner.run(["creds", "verify", issued.exported, "--status-list", revokedList])
        #expect(revoked.status == 1, "\(revoked.standardOutput)")
        #expect(revoked.standardOutput.contains("revoked: its entry is set in the issuer's signed status list https://example.edu/credentials/status.json"))
        let jwt = learner.root.appendingPathComponent("issued.jwt").path
        #expect(try learner.run(["creds", "export", issued.credentialID, "--format", "jwt", "--output", jwt]).status == 0)
        let jwtUnchecked = try learner.run(["creds", "verify", jwt])
        #expect(jwtUnchecked.status == 0, "\(jwtUnchecked.standardOutput)")
        #expect(jwtUnchecked.standardOutput.contains("? revocation not checked (no status list given; its issuer publishes one at"),
                "the VC-JWT form carries the same status entry: \(jwtUnchecked.standardOutput)")
        let jwtRevoked = try learner.run(["creds", "verify", jwt, "--status-list", revokedList])
        #expect(jwtRevoked.status == 1 && jwtRevoked.standardOutput.contains("revoked: its entry is set"), "\(jwtRevoked.standardOutput)")
        let log = try String(contentsOfFile: issued.keyring + ".log", encoding: .utf8)
        #expect(log.contains("\"action\":\"revoke\"") && log.contains("\"reason\":\"exam irregularity\""))

        guard let status = try PythonChecker.run(Self.script, ["status", list, String(index)], requiring: "pyld, cryptography") else {
            print("SKIP DataIntegrityIssuing: python3 with pyld and cryptography is not available")
            return
        }
        #expect(status.output == "set 131072\n", "\(status.output)\(status.error)")
    }

    /// `--status-list URL` fetches the issuer's list (served here by Python's http.server, a server nobody on this
    /// team wrote) and checks it like a file: clear, then revoked after the organisation republishes; a missing list
    /// is a located failure. `--fetch-status` reads the URL the credential names, in either export form.
    @Test func theStatusListIsFetchedFromAURL() throws {
        let issued = try Self.issueAndImport()
        let (learner, instructor) = (issued.learner, issued.instructor)
        #expect(try learner.run(["issuer", "trust", "add", "did:web:example.edu", "--name", "Example College",
                                 "--did-document", issued.document]).status == 0)
        let hosted = instructor.root.appendingPathComponent("hosted")
        try FileManager.default.createDirectory(at: hosted, withIntermediateDirectories: true)
        let list = hosted.appendingPathComponent("status.json").path
        #expect(try instructor.run(["creds", "status-list", "--issuer", issued.keyring, "--output", list],
                                   extraEnvironment: Self.passphrase).status == 0)
        let port = try LoopbackPort.free()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", hosted.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            // SIGKILL: a child of this process may inherit a mask that blocks SIGTERM (the terminal tests defer it).
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        try LoopbackPort.waitUntilListening(port)
        let url = "http://127.0.0.1:\(port)/status.json"

        let clear = try learner.run(["creds", "verify", issued.exported, "--status-list", url])
        #expect(clear.status == 0, "\(clear.standardOutput)\(clear.standardError)")
        #expect(clear.standardOutput.contains("not revoked (the issuer's signed status list https://example.edu/credentials/status.json"))
        #expect(try instructor.run(
            ["creds", "revoke", "--issuer", issued.keyring, issued.credentialID, "--reason", "exam irregularity", "--yes"],
            extraEnvironment: Self.passphrase).status == 0)
        #expect(try instructor.run(["creds", "status-list", "--issuer", issued.keyring, "--output", list, "--force"],
                                   extraEnvironment: Self.passphrase).status == 0)
        let revoked = try learner.run(["creds", "verify", issued.exported, "--status-list", url])
        #expect(revoked.status == 1 && revoked.standardOutput.contains("revoked: its entry is set"), "\(revoked.standardOutput)")

        let missing = try learner.run(["creds", "verify", issued.exported, "--status-list", url + ".gone"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("The status list at '\(url).gone' could not be fetched: HTTP 404."), "\(missing.standardError)")
        #expect(try learner.run(["creds", "verify", issued.exported, "--status-list", url, "--fetch-status"]).status == 64)

        let jwt = learner.root.appendingPathComponent("issued.jwt").path
        #expect(try learner.run(["creds", "export", issued.credentialID, "--format", "jwt", "--output", jwt]).status == 0)
        for form in [issued.exported, jwt] {
            #expect(StatusListSource.publishedURL(in: try Data(contentsOf: URL(fileURLWithPath: form)))
                == "https://example.edu/credentials/status.json", "\(form)")
        }
        let own = try #require(try JSONValue.parse(Data(learner.run(["creds", "list", "--json"]).standardOutput.utf8))
            .arrayValue?.first { $0["issuer"]?["trust"] == .string("self-assessed") }?["id"]?.stringValue)
        let selfAssessed = learner.root.appendingPathComponent("own.jwt").path
        #expect(try learner.run(["creds", "export", own, "--format", "jwt", "--output", selfAssessed]).status == 0)
        let nothing = try learner.run(["creds", "verify", selfAssessed, "--fetch-status"])
        #expect(nothing.status == 1)
        #expect(nothing.standardError.contains("This credential names no status list (it has no credentialStatus)"), "\(nothing.standardError)")
    }

    @Test func pyldCryptographyAndTheSchemaAcceptTheIssuedCredential() throws {
        let issued = try Self.issueAndImport()
        let contexts = try issued.learner.write(
            JSONValue.object(BundledContexts.byURL.mapValues { .string($0) }).canonicalText, to: "contexts.json")
        guard let proof = try PythonChecker.run(Self.script, ["proof", contexts, issued.exported], requiring: "pyld, cryptography, jsonschema"),
              let schema = try PythonChecker.run(Self.script, ["schema", Self.schema, issued.exported], requiring: "pyld, cryptography, jsonschema")
        else {
            print("SKIP DataIntegrityIssuing: python3 with pyld, cryptography and jsonschema is not available")
            return
        }
        #expect(proof.status == 0, "\(proof.error)")
        #expect(schema.status == 0, "\(schema.output)\(schema.error)")
    }

    @Test func anEditedAuditLogStopsRevocation() throws {
        let issued = try Self.issueAndImport()
        let logPath = issued.keyring + ".log"
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        let edited = log.replacingOccurrences(of: "\"name\":\"Example College\"", with: "\"name\":\"Harvard\"")
        #expect(edited != log)
        try edited.write(toFile: logPath, atomically: true, encoding: .utf8)
        let revoke = try issued.instructor.run(
            ["creds", "revoke", "--issuer", issued.keyring, issued.credentialID, "--reason", "x", "--yes"], extraEnvironment: Self.passphrase)
        #expect(revoke.status == 1)
        #expect(revoke.standardError.contains("was altered at line 2"), "\(revoke.standardError)")
    }

    /// A did:web trusted only with its P-256 key (say, from a did.json published before it had an Ed25519 key)
    /// does not vouch for an Ed25519 proof: the trust list holds keys, not names.
    @Test func aDIDWebIsTrustedOnlyWithTheKeysItWasAddedWith() throws {
        let issued = try Self.issueAndImport()
        let document = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: issued.document)))
        let p256 = try #require(document["verificationMethod"]?.arrayValue?.first { $0["type"] == .string("JsonWebKey2020") }?["id"]?
            .stringValue?.split(separator: "#").last.map(String.init))
        #expect(try issued.learner.run(["issuer", "trust", "add", "did:web:example.edu", "--name", "Example College", "--key", p256]).status == 0)
        let run = try issued.learner.run(["creds", "verify", issued.exported])
        #expect(run.status == 3, "\(run.standardOutput)")
        #expect(run.standardOutput.contains("UNKNOWN ISSUER"))
    }

    /// `--format ldp` issues the Data Integrity form only: it imports and exports as ldp, and asking for a form
    /// it was never signed in says so instead of re-signing it as self-assessed.
    @Test func aDataIntegrityOnlyCredentialIsNeverResigned() throws {
        let (learner, instructor) = try CredentialIssuingTests.setUp()
        let submission = learner.root.appendingPathComponent("ada.submission").path
        try #require(try learner.run(["attempts", "export", "--sign", "--output", submission]).status == 0)
        let copied = try instructor.write(try String(contentsOfFile: submission, encoding: .utf8), to: "ada.submission")
        let (keyring, _, _) = try CredentialIssuingTests.initIssuer(instructor)
        let issue = try instructor.run(
            ["creds", "issue", "--from", copied, "--issuer", keyring, "--format", "ldp", "--output", instructor.root.path],
            extraEnvironment: Self.passphrase)
        try #require(issue.status == 0, "\(issue.standardOutput)\(issue.standardError)")
        let bundlePath = instructor.root.appendingPathComponent("ada.credentials.json").path
        let bundle = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: bundlePath)))
        #expect(bundle["credentials"]?.arrayValue?.isEmpty == true && bundle["linkedDataCredentials"]?.arrayValue?.count == 1)
        let copy = try learner.write(try String(contentsOfFile: bundlePath, encoding: .utf8), to: "bundle.json")
        #expect(try learner.run(["creds", "import", copy]).status == 0)
        let id = try #require(bundle["linkedDataCredentials"]?.arrayValue?.first?["id"]?.stringValue)
        let jwt = try learner.run(["creds", "export", id, "--format", "jwt"])
        #expect(jwt.status == 1 && jwt.standardError.contains("Data Integrity proof only; export it with --format ldp"), "\(jwt.standardError)")
        let ldp = try learner.run(["creds", "export", id, "--format", "ldp"])
        #expect(ldp.status == 0)
        #expect(try JSONValue.parse(ldp.standardOutput) == bundle["linkedDataCredentials"]?.arrayValue?.first, "exported exactly as issued")
        #expect(try learner.run(["creds", "import", copy]).standardOutput.contains("already"))
    }
}
