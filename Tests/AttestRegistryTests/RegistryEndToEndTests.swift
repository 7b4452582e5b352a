import AttestCredentials
import AttestLinkedData
import AttestRegistry
import AttestStore
import AttestTestSupport
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The learner's way to a registry through the real binaries: join, an exam submitted while the registry
/// is down waits in the outbox, the registry starts, the outbox drains once, the credential lands in the
/// learner's log as issued by the organisation, its page says valid, an administrator revokes it and the
/// status list says so.
@Suite("RegistryEndToEnd", .serialized)
struct RegistryEndToEndTests {
    static let passphrase = ["ATTEST_ISSUER_PASSPHRASE": "end to end passphrase"]

    /// `attest registry serve` running in the background until `stop()`.
    final class Service {
        let process = Process()
        let base: String

        init(sandbox: AttestSandbox, database: String, keyring: String, port: Int) async throws {
            base = "http://127.0.0.1:\(port)"
            process.executableURL = URL(fileURLWithPath: try #require(AttestBinary.path))
            process.arguments = ["registry", "serve", "--database", database, "--keyring", keyring, "--port", String(port)]
            process.environment = sandbox.environment.merging(RegistryEndToEndTests.passphrase) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<200 {
                if (try? await RegistryEndToEndTests.get(base + "/health").status) == 200 { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw TemporaryPostgres.Unavailable(description: "the registry did not start")
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    static func get(_ url: String, accept: String = "*/*") async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!)
        request.setValue(accept, forHTTPHeaderField: "Accept")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func anExamSubmittedWhileTheRegistryIsDownIsIssuedOnceThenRevoked() async throws {
        let (server, name, url) = try RegistryHarness.freshDatabase()
        let operatorSandbox = try AttestSandbox()
        let keyring = operatorSandbox.root.appendingPathComponent("college.keyring").path
        let initRun = try operatorSandbox.run(
            ["issuer", "init", "--org", "Example College", "--domain", "example.edu", "--keyring", keyring],
            extraEnvironment: Self.passphrase)
        try #require(initRun.status == 0, "\(initRun.standardError)")
        let learner = try AttestSandbox.passedDataAnalyticsExam()
        let port = 30_000 + Int(getpid() % 20_000)

        var service = try await Service(sandbox: operatorSandbox, database: url, keyring: keyring, port: port)
        let join = try learner.run(["registry", "join", service.base])
        #expect(join.status == 0 && join.standardOutput.contains("did:web:example.edu"), "\(join.standardOutput)\(join.standardError)")
        service.stop()

        let down = try learner.run(["submit"])
        #expect(down.status == 0, "\(down.standardError)")
        #expect(down.standardOutput.contains("waiting") && down.standardOutput.contains("stays in the outbox"), "\(down.standardOutput)")
        #expect(try server.psql("SELECT count(*) FROM submissions", database: name) == "0")

        service = try await Service(sandbox: operatorSandbox, database: url, keyring: keyring, port: port)
        defer { service.stop() }
        let drained = try learner.run(["submit"])
        #expect(drained.status == 0, "\(drained.standardError)")
        #expect(drained.standardOutput.contains("accepted by the registry"), "\(drained.standardOutput)")
        #expect(drained.standardOutput.contains("imported \"Data Analytics Foundations\" issued by \"Example College\""))
        let again = try learner.run(["submit"])
        #expect(again.standardOutput.contains("Nothing to submit"), "sent exactly once: \(again.standardOutput)")
        #expect(try server.psql("SELECT count(*) FROM submissions", database: name) == "1")
        #expect(try server.psql("SELECT count(*) FROM credentials", database: name) == "1")

        let list = try learner.run(["creds", "list"])
        #expect(list.standardOutput.contains("Data Analytics Foundations"), "\(list.standardOutput)")
        let id = try server.psql("SELECT id FROM credentials", database: name)
        let exported = learner.root.appendingPathComponent("issued.jwt").path
        #expect(try learner.run(["creds", "export", id, "--format", "jwt", "--output", exported]).status == 0)
        let verify = try learner.run(["creds", "verify", exported])
        #expect(verify.status == 3 && verify.standardOutput.contains("\"Example College\""), "issued by the organisation: \(verify.standardOutput)")
        let page = try await Self.get(service.base + "/credentials/\(id)", accept: "text/html")
        #expect(page.status == 200 && page.body.contains("Valid: issued by Example College"), "\(page.body.prefix(300))")

        let token = try operatorSandbox.run(["registry", "token", "create", "--label", "registrar", "--database", url])
        #expect(token.status == 0, "\(token.standardError)")
        let secret = token.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        var revoke = URLRequest(url: URL(string: service.base + "/credentials/\(id)/revoke")!)
        revoke.httpMethod = "POST"
        revoke.setValue("Bearer \(secret)", forHTTPHeaderField: "Authorization")
        revoke.httpBody = Data("{\"reason\":\"issued in error\"}".utf8)
        let (_, revokeResponse) = try await URLSession.shared.data(for: revoke)
        #expect((revokeResponse as? HTTPURLResponse)?.statusCode == 200)

        let listed = try await Self.get(service.base + "/status/1")
        let listCredential = try CredentialJSON.parse(Data(listed.body.utf8))
        #expect(listCredential["proof"]?["cryptosuite"]?.stringValue == "eddsa-rdfc-2022", "signed with the keyring's Ed25519 key")
        let encoded = try #require(listCredential["credentialSubject"]?["encodedList"]?.stringValue)
        let credential = try CredentialJSON.parse(Data(try await Self.get(service.base + "/credentials/\(id)", accept: "application/json").body.utf8))
        let index = try #require(credential["credential"]?["credentialStatus"]?["statusListIndex"]?.stringValue.flatMap { Int($0) })
        #expect(try BitstringStatusList(encodedList: encoded).isSet(index))
        let listFile = try learner.write(listed.body, to: "status.json")
        let checked = try learner.run(["creds", "verify", exported, "--status-list", listFile])
        #expect(checked.status == 1 && checked.standardOutput.lowercased().contains("revoked"),
                "creds verify --status-list reports revoked: \(checked.standardOutput)")
        #expect(credential["status"]?.stringValue == "revoked")

        let stats = try operatorSandbox.run(["registry", "stats", "--database", url])
        #expect(stats.standardOutput.contains("Learners      1") && stats.standardOutput.contains("1 issued, 1 revoked"), "\(stats.standardOutput)")
        let export = try operatorSandbox.run(["registry", "export", "--format", "jsonl", "--database", url])
        #expect(export.standardOutput.contains("\"revocationReason\":\"issued in error\""), "\(export.standardOutput)")
    }
}
