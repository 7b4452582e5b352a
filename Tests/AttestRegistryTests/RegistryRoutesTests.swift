import AttestCredentials
import AttestLinkedData
import AttestRegistry
import AttestTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The registry's other endpoints: the verification page and its JSON, revoking with an administrator
/// token, the signed status list, did.json, and the limits on size and rate.
@Suite("RegistryRoutes", .serialized)
struct RegistryRoutesTests {
    /// The payload of a compact JWS.
    static func payload(_ jws: String) throws -> CredentialJSON {
        let part = try #require(jws.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").dropFirst().first)
        return try CredentialJSON.parse(try #require(Base64URL.decode(String(part))))
    }

    @Test func aCredentialIsShownVerifiedThenRevokedByAnAdministratorAndTheStatusListSaysSo() async throws {
        let (server, name, url) = try RegistryHarness.freshDatabase()
        let text = try RegistryHarness.signedSubmission(try AttestSandbox.passedDataAnalyticsExam())
        let registry = try RegistryHarness.registry(url: url)
        var generator = SystemRandomNumberGenerator()
        let token = AdminToken(using: &generator)
        try await registry.application().test(.live) { client in
            let (_, answer) = try await client.post("/submissions", text)
            let jws = try #require(try CredentialJSON.parse(Data(answer.utf8))["credentials"]?.arrayValue?.first?.stringValue)
            let credential = try Self.payload(jws)
            let id = try #require(credential["id"]?.stringValue)
            let entry = try #require(credential["credentialStatus"])
            #expect(entry["statusListCredential"]?.stringValue == "https://registry.example.edu/status/1")
            let index = try #require(entry["statusListIndex"]?.stringValue.flatMap { Int($0) })

            let (pageStatus, page, headers) = try await client.get("/credentials/\(id)")
            #expect(pageStatus == .ok && headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.contains("Valid: issued by Example College (did:web:example.edu) and not revoked"), "\(page.prefix(400))")
            #expect(page.contains(jws) && page.contains("id=\"issuer-key\""))
            let (_, json, _) = try await client.get("/credentials/\(id)", accept: "application/json")
            #expect(try CredentialJSON.parse(Data(json.utf8))["status"]?.stringValue == "valid")
            let (_, raw, _) = try await client.get("/credentials/\(id)", accept: "application/vc+jwt")
            #expect(raw.trimmingCharacters(in: .whitespacesAndNewlines) == jws)

            let (refused, _) = try await client.post("/credentials/\(id)/revoke", "{}")
            #expect(refused == .unauthorized)
            let (wrong, _) = try await client.post("/credentials/\(id)/revoke", "{}", headers: [.authorization: "Bearer \(AdminToken.prefix)nope"])
            #expect(wrong == .unauthorized)
            try await registry.database.addToken(id: token.id, digest: AdminToken.digest(token.secret), label: "registrar")
            let bearer: HTTPFields = [.authorization: "Bearer \(token.secret)"]
            let (revoked, body) = try await client.post("/credentials/\(id)/revoke", "{\"reason\":\"exam misconduct\"}", headers: bearer)
            #expect(revoked == .ok && body.contains("\"status\":\"revoked\""), "\(body)")
            let (again, _) = try await client.post("/credentials/\(id)/revoke", "{}", headers: bearer)
            #expect(again == .ok, "revoking twice is harmless")

            let (_, after, _) = try await client.get("/credentials/\(id)")
            #expect(after.contains("Revoked by Example College"))
            let (listStatus, list, listHeaders) = try await client.get("/status/1")
            #expect(listStatus == .ok && listHeaders[.contentType] == "application/vc+jwt")
            let listCredential = try Self.payload(list)
            let encoded = try #require(listCredential["credentialSubject"]?["encodedList"]?.stringValue)
            #expect(try BitstringStatusList(encodedList: encoded).isSet(index))
            #expect(listCredential["iss"]?.stringValue == "did:web:example.edu")
            let verified = try CompactJWS.verify(list.trimmingCharacters(in: .whitespacesAndNewlines), type: "JWT")
            #expect(verified.signer == "did:web:example.edu")
            let (missing, _, _) = try await client.get("/status/2")
            #expect(missing == .notFound)
        }
        #expect(try server.psql("SELECT string_agg(action || ':' || actor, ',' ORDER BY sequence) FROM audit", database: name)
            == "issue:registry,revoke:token registrar")
        #expect(try server.psql("SELECT count(*) FROM admin_tokens WHERE digest = '\(AdminToken.digest(token.secret))'", database: name) == "1")
        #expect(try server.psql("SELECT count(*) FROM admin_tokens WHERE digest LIKE '%\(token.secret.suffix(20))%'", database: name) == "0")
    }

    @Test func didDocumentUnknownCredentialsAndLimits() async throws {
        let (_, _, url) = try RegistryHarness.freshDatabase()
        try await RegistryHarness.registry(url: url, ratePerMinute: 8).application().test(.live) { client in
            let (status, document, _) = try await client.get("/.well-known/did.json")
            #expect(status == .ok && document.contains("\"id\":\"did:web:example.edu\""))
            let (unknown, _, _) = try await client.get("/credentials/urn:uuid:\(UUID().uuidString.lowercased())")
            #expect(unknown == .notFound)
            let (tooLarge, _) = try await client.post("/submissions", String(repeating: "a", count: 1_100_000))
            #expect(tooLarge == .contentTooLarge)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<6 { statuses.append(try await client.get("/health").0) }
            #expect(statuses.contains(.tooManyRequests), "\(statuses)")
        }
    }
}
