import AttestCore
import AttestCredentials
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// The whole trust flow through the real binary: a learner sits an exam and exports a signed submission;
/// an instructor creates an organisation issuer and issues from it; the learner imports the credential,
/// which verifies with exit 3 until its issuer is on the trust list, then 0. Tampered submissions are refused.
@Suite("CredentialIssuing", .serialized)
struct CredentialIssuingTests {
    static let passphrase = ["ATTEST_ISSUER_PASSPHRASE": "correct horse battery"]

    /// A learner store where ada passed the data-analytics exam, and the instructor's sandbox.
    static func setUp() throws -> (learner: AttestSandbox, instructor: AttestSandbox) {
        (try AttestSandbox.passedDataAnalyticsExam(), try AttestSandbox())
    }

    /// `issuer init` for a did:web organisation; returns the keyring path, the DID and the printed did.json's path.
    static func initIssuer(_ instructor: AttestSandbox) throws -> (keyring: String, did: String, document: String) {
        let keyring = instructor.root.appendingPathComponent("college.keyring").path
        let run = try instructor.run(
            ["issuer", "init", "--org", "Example College", "--domain", "example.edu", "--keyring", keyring],
            extraEnvironment: passphrase)
        try #require(run.status == 0, "\(run.standardError)")
        let attributes = try FileManager.default.attributesOfItem(atPath: keyring)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let json = String(try #require(run.standardOutput.firstIndex(of: "{")).map { run.standardOutput[$0...] } ?? "")
        let document = try instructor.write(json, to: "did.json")
        return (keyring, "did:web:example.edu", document)
    }

    @Test func learnerToInstructorToVerifierEndToEnd() throws {
        let (learner, instructor) = try Self.setUp()
        let submission = learner.root.appendingPathComponent("ada.submission").path
        let export = try learner.run(["attempts", "export", "--sign", "--output", submission])
        #expect(export.status == 0, "\(export.standardError)")
        let copied = try instructor.write(try String(contentsOfFile: submission, encoding: .utf8), to: "ada.submission")

        let (keyring, did, document) = try Self.initIssuer(instructor)
        let out = instructor.root.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let issue = try instructor.run(
            ["creds", "issue", "--from", copied, "--issuer", keyring, "--output", out], extraEnvironment: Self.passphrase)
        #expect(issue.status == 0, "\(issue.standardOutput)\(issue.standardError)")
        #expect(issue.standardOutput.contains("issued   Data Analytics Foundations"), "\(issue.standardOutput)")
        let audit = try String(contentsOfFile: keyring + ".log", encoding: .utf8).split(separator: "\n")
        #expect(audit.count == 2 && audit[1].contains("\"action\":\"issue\"") && audit[1].contains("\"learner\":\"ada\""))
        let instructorStore = try AttestDatabase.open(path: instructor.storePath)
        #expect(try instructorStore.credentials(learner: "ada").isEmpty, "issuing never touches the instructor's own log")
        try instructorStore.close()

        let bundle = try learner.write(
            try String(contentsOfFile: out + "/ada.credentials.json", encoding: .utf8), to: "ada.credentials.json")
        let importRun = try learner.run(["creds", "import", bundle])
        #expect(importRun.status == 0, "\(importRun.standardOutput)\(importRun.standardError)")
        #expect(importRun.standardOutput.contains("imported \"Data Analytics Foundations\" issued by \"Example College\""))
        let store = try AttestDatabase.open(path: learner.storePath)
        let issuedID = try #require(try store.credentials(learner: "ada").first { try store.signedCredential($0.id) != nil }?.id)
        let signed = try #require(try store.signedCredential(issuedID))
        try store.close()

        let exported = learner.root.appendingPathComponent("issued.jwt").path
        #expect(try learner.run(["creds", "export", issuedID, "--format", "jwt", "--output", exported]).status == 0)
        let bytes = try String(contentsOfFile: exported, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(bytes == signed.jws, "creds export returns the credential as issued, never re-signed")

        let before = try learner.run(["creds", "verify", exported])
        #expect(before.status == 3, "\(before.standardOutput)")
        #expect(before.standardOutput.contains("unknown issuer"))
        let web = try learner.run(["issuer", "trust", "add", did, "--name", "Example College", "--did-document", document])
        #expect(web.status == 0, "\(web.standardError)")
        let after = try learner.run(["creds", "verify", exported])
        #expect(after.status == 0, "\(after.standardOutput)")
        #expect(after.standardOutput.contains("issued by \"Example College\", a trusted issuer on your trust list"))

        #expect(try learner.run(["creds", "import", bundle]).standardOutput.contains("already"))
    }

    /// Batch one issues two foundations; batch two, with only the project-management exam, completes the stacked
    /// certificate from the keyring's ledger; issuing everything again issues nothing twice.
    @Test func aStackCompletesAcrossBatchesAndNothingIsIssuedTwice() throws {
        let (learner, instructor) = try Self.setUp()
        for (packID, quiz) in [("ai-basics", "ai-basics-exam"), ("project-management", "project-management-exam")] {
            let pack = try #require(ShippedPacks.pack(packID))
            let answers = try ShippedPacks.answers(pack: pack, quiz: quiz, seed: 42)
            let file = try learner.write(answers.joined(separator: "\n") + "\n", to: "\(packID).txt")
            let take = try learner.run(["take", quiz, "--seed", "42", "--answers", file, "--json"])
            try #require(take.status == 0, "\(take.standardError)")
        }
        let (keyring, _, _) = try Self.initIssuer(instructor)
        func issue(_ packs: [String?]) throws -> String {
            var arguments = ["creds", "issue", "--issuer", keyring, "--output", instructor.root.path, "--from"]
            for (index, pack) in packs.enumerated() {
                let export = try learner.run(["attempts", "export", "--sign"] + (pack.map { ["--pack", $0] } ?? []))
                try #require(export.status == 0, "\(export.standardError)")
                arguments.append(try instructor.write(export.standardOutput, to: "batch-\(index).submission"))
            }
            let run = try instructor.run(arguments, extraEnvironment: Self.passphrase)
            try #require(run.status == 0, "\(run.standardOutput)\(run.standardError)")
            return run.standardOutput
        }
        let first = try issue(["data-analytics", "ai-basics"])
        #expect(first.contains("issued   Data Analytics Foundations") && first.contains("(ai-basics/foundations)"), "\(first)")
        #expect(!first.contains("project-management/digital-professional"), "\(first)")

        let second = try issue(["project-management"])
        #expect(second.contains("(project-management/foundations)"), "\(second)")
        #expect(second.contains("(project-management/digital-professional)"), "the stack completes from batch one: \(second)")
        #expect(second.contains("(issued in an earlier batch)"), "\(second)")

        let again = try issue([nil])
        #expect(!again.contains("issued   "), "everything is already held: \(again)")
        #expect(again.contains("nothing issued"))
        let issues = try Self.auditEntries(keyring, action: "issue")
        #expect(issues.count == 4, "two foundations, then a third and the stack: \(issues.count)")

        // Revoking a part revokes the stack built on it, in the audit log the status list is published from.
        let part = try #require(issues.first { $0.contains("data-analytics/foundations") })
        let partID = try Self.credentialID(in: part)
        let revoke = try instructor.run(
            ["creds", "revoke", "--issuer", keyring, partID, "--reason", "exam irregularity", "--yes"],
            extraEnvironment: Self.passphrase)
        #expect(revoke.status == 0, "\(revoke.standardOutput)\(revoke.standardError)")
        #expect(revoke.standardOutput.contains("project-management/digital-professional"), "\(revoke.standardOutput)")
        let revocations = try Self.auditEntries(keyring, action: "revoke")
        #expect(revocations.count == 2 && revocations[1].contains("its prerequisite data-analytics/foundations was revoked"))
    }

    /// An organisation revokes the base of a three-level stack it issued (`StackLadder`'s pack): the stack on it and
    /// the stack on that fall with it, each with its own audit line, each named.
    @Test func revokingTheBaseOfAThreeLevelStackRevokesEveryLevel() throws {
        let (learner, instructor) = (try AttestSandbox(), try AttestSandbox())
        let packs = URL(fileURLWithPath: try learner.write(StackLadder.pack, to: "packs/ladder.json")).deletingLastPathComponent().path
        let answers = try learner.write("t\nf\n", to: "answers.txt")
        let take = try learner.run(["take", "ladder-exam", "--packs", packs, "--answers", answers, "--json"])
        try #require(take.status == 0, "\(take.standardError)")
        let export = try learner.run(["attempts", "export", "--sign", "--packs", packs])
        try #require(export.status == 0, "\(export.standardError)")
        let submission = try instructor.write(export.standardOutput, to: "ada.submission")
        let instructorPacks = URL(fileURLWithPath: try instructor.write(StackLadder.pack, to: "packs/ladder.json"))
            .deletingLastPathComponent().path
        let (keyring, _, _) = try Self.initIssuer(instructor)
        let issue = try instructor.run(
            ["creds", "issue", "--from", submission, "--issuer", keyring, "--output", instructor.root.path, "--packs", instructorPacks],
            extraEnvironment: Self.passphrase)
        try #require(issue.status == 0, "\(issue.standardOutput)\(issue.standardError)")
        let issued = try Self.auditEntries(keyring, action: "issue")
        try #require(issued.count == 3, "base, middle and top: \(issue.standardOutput)")
        let base = try #require(issued.first { $0.contains("ladder/base") })
        let baseID = try Self.credentialID(in: base)

        let revoke = try instructor.run(
            ["creds", "revoke", "--issuer", keyring, baseID, "--reason", "exam irregularity", "--yes"],
            extraEnvironment: Self.passphrase)
        #expect(revoke.status == 0, "\(revoke.standardOutput)\(revoke.standardError)")
        #expect(revoke.standardOutput.contains("ladder/middle"), "\(revoke.standardOutput)")
        #expect(revoke.standardOutput.contains("ladder/top") && revoke.standardOutput.contains("it was stacked on ladder/middle."),
                "\(revoke.standardOutput)")
        let revocations = try Self.auditEntries(keyring, action: "revoke")
        #expect(revocations.count == 3, "\(revocations)")
        #expect(revocations.last?.contains("its prerequisite ladder/middle was revoked") == true)
    }

    /// The keyring audit log's entries of one action ("issue", "revoke"), oldest first.
    static func auditEntries(_ keyring: String, action: String) throws -> [Substring] {
        try String(contentsOfFile: keyring + ".log", encoding: .utf8)
            .split(separator: "\n").filter { $0.contains("\"action\":\"\(action)\"") }
    }

    /// The first credential id (`urn:uuid:…`) an audit entry names.
    static func credentialID(in entry: Substring) throws -> String {
        try #require(entry.range(of: "urn:uuid:[0-9a-f-]+", options: .regularExpression).map { String(entry[$0]) })
    }

    @Test func anEditedSubmissionIsRefusedAtIssue() throws {
        let (learner, instructor) = try Self.setUp()
        let export = try learner.run(["attempts", "export", "--sign"])
        let token = export.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        var parts = token.split(separator: ".").map(String.init)
        let payload = String(decoding: try #require(Base64URL.decode(parts[1])), as: UTF8.self)
        let renamed = payload.replacingOccurrences(of: "\"learner\":\"ada\"", with: "\"learner\":\"eve\"")
        #expect(renamed != payload)
        parts[1] = Base64URL.encode(Data(renamed.utf8))
        let edited = try instructor.write(parts.joined(separator: "."), to: "edited.submission")
        let (keyring, _, _) = try Self.initIssuer(instructor)
        let issue = try instructor.run(
            ["creds", "issue", "--from", edited, "--issuer", keyring, "--output", instructor.root.path],
            extraEnvironment: Self.passphrase)
        #expect(issue.status == 1)
        #expect(issue.standardOutput.contains("refused: the signature does not match"), "\(issue.standardOutput)")
        let wrong = try instructor.run(
            ["creds", "issue", "--from", edited, "--issuer", keyring], extraEnvironment: ["ATTEST_ISSUER_PASSPHRASE": "guess"])
        #expect(wrong.status == 1 && wrong.standardError.contains("wrong passphrase"))
    }

    /// A store edited with sqlite3 before signing: a question outside the plan and an answer after the time
    /// limit are each named, and nothing is issued.
    @Test func attemptsThatDoNotAddUpAreRejectedWithTheirReasons() throws {
        let (learner, instructor) = try Self.setUp()
        let sql = """
            UPDATE response SET questionID = 'not-in-the-plan' WHERE position = 0;
            UPDATE response SET answeredAt = answeredAt + 100000, shownAt = shownAt + 99990 WHERE position = 1;
            """
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", learner.storePath, sql]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        let submission = learner.root.appendingPathComponent("s").path
        #expect(try learner.run(["attempts", "export", "--sign", "--output", submission]).status == 0)
        let copied = try instructor.write(try String(contentsOfFile: submission, encoding: .utf8), to: "s")
        let (keyring, _, _) = try Self.initIssuer(instructor)
        let issue = try instructor.run(
            ["creds", "issue", "--from", copied, "--issuer", keyring, "--output", instructor.root.path],
            extraEnvironment: Self.passphrase)
        #expect(issue.standardOutput.contains("response 1: question not-in-the-plan is outside the plan"), "\(issue.standardOutput)")
        #expect(issue.standardOutput.contains("response 2: answered after the quiz's time limit"))
        #expect(issue.standardOutput.contains("nothing issued"))
    }
}
