import AttestCredentials
import AttestRegistry
import AttestTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /submissions` against a real PostgreSQL: verified, re-scored, stored once, issued once, audited.
@Suite("SubmissionDesk", .serialized)
struct SubmissionDeskTests {
    @Test func theSameSubmissionSentRepeatedlyAndConcurrentlyIsStoredAndIssuedOnce() async throws {
        let (server, name, url) = try RegistryHarness.freshDatabase()
        let text = try RegistryHarness.signedSubmission(try AttestSandbox.passedDataAnalyticsExam())
        try await RegistryHarness.registry(url: url).application().test(.live) { client in
            let answers = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                for _ in 0..<6 { group.addTask { try await client.post("/submissions", text) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.0 == .ok }, "\(answers)")
            #expect(Set(answers.map(\.1)).count == 1, "every copy is answered the same")
            let bundle = try CredentialJSON.parse(Data(answers[0].1.utf8))
            #expect(bundle["format"]?.stringValue == "attest-credentials")
            #expect(bundle["credentials"]?.arrayValue?.count == 1)
            #expect(bundle["attempts"]?.arrayValue?.first?["accepted"] == .bool(true))
        }
        #expect(try server.psql("SELECT count(*) FROM submissions", database: name) == "1")
        #expect(try server.psql("SELECT count(*) FROM attempts WHERE accepted", database: name) == "1")
        #expect(try server.psql("SELECT count(*) FROM credentials", database: name) == "1")
        #expect(try server.psql("SELECT action || ' ' || actor FROM audit", database: name) == "issue registry")
    }

    @Test func aNewBundleWithAnAttemptAlreadyStoredIssuesNothingNew() async throws {
        let (server, name, url) = try RegistryHarness.freshDatabase()
        let learner = try AttestSandbox.passedDataAnalyticsExam()
        let first = try RegistryHarness.signedSubmission(learner)
        try await Task.sleep(for: .seconds(1.1))
        let second = try RegistryHarness.signedSubmission(learner)
        #expect(first != second, "signed at another second, so another bundle")
        try await RegistryHarness.registry(url: url).application().test(.live) { client in
            let (_, one) = try await client.post("/submissions", first)
            let (status, two) = try await client.post("/submissions", second)
            #expect(status == .ok)
            let credentials = { (text: String) in try CredentialJSON.parse(Data(text.utf8))["credentials"]?.arrayValue ?? [] }
            #expect(try credentials(one) == credentials(two), "the same credential, not a second one")
        }
        #expect(try server.psql("SELECT count(*) FROM submissions", database: name) == "2")
        #expect(try server.psql("SELECT count(*) FROM attempts", database: name) == "1")
        #expect(try server.psql("SELECT count(*) FROM credentials", database: name) == "1")
        #expect(try server.psql("SELECT count(*) FROM audit", database: name) == "1")
    }

    @Test func anEditedSubmissionIsRefusedAndNothingIsStored() async throws {
        let (server, name, url) = try RegistryHarness.freshDatabase()
        let text = try RegistryHarness.signedSubmission(try AttestSandbox.passedDataAnalyticsExam())
        var parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").map(String.init)
        var payload = String(decoding: try #require(Base64URL.decode(parts[1])), as: UTF8.self)
        payload = payload.replacingOccurrences(of: "\"learner\":\"ada\"", with: "\"learner\":\"eve\"")
        parts[1] = Base64URL.encode(Data(payload.utf8))
        let tampered = parts.joined(separator: ".")
        try await RegistryHarness.registry(url: url).application().test(.live) { client in
            let (status, body) = try await client.post("/submissions", tampered)
            #expect(status == .unprocessableContent)
            #expect(body.contains("does not verify"), "\(body)")
            let (empty, _) = try await client.post("/submissions", "")
            #expect(empty == .badRequest)
        }
        #expect(try server.psql("SELECT count(*) FROM submissions", database: name) == "0")
    }

    @Test func theAuditLogRefusesUpdatesDeletesAndTruncation() async throws {
        let (server, name, url) = try RegistryHarness.freshDatabase()
        let text = try RegistryHarness.signedSubmission(try AttestSandbox.passedDataAnalyticsExam())
        try await RegistryHarness.registry(url: url).application().test(.live) { client in
            _ = try await client.post("/submissions", text)
        }
        for statement in ["UPDATE audit SET actor = 'someone else'", "DELETE FROM audit", "TRUNCATE audit"] {
            #expect(throws: TemporaryPostgres.Unavailable.self, "\(statement)") { try server.psql(statement, database: name) }
        }
        #expect(try server.psql("SELECT count(*) FROM audit WHERE actor = 'registry'", database: name) == "1")
    }

    @Test func migrationsAreAppliedOnceAndRecorded() async throws {
        let (server, name, url) = try RegistryHarness.freshDatabase()
        let registry = try RegistryHarness.registry(url: url)
        try await registry.application().test(.live) { _ in }
        let applied = try await withRegistryDatabase(url: url, logger: registry.logger) { try await $0.migrate() }
        #expect(applied.isEmpty)
        #expect(try server.psql("SELECT string_agg(version::text, ',') FROM registry_migrations", database: name)
            == RegistrySchema.migrations.map { String($0.version) }.joined(separator: ","))
    }
}
