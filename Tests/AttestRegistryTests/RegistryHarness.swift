import AttestCLI
import AttestCore
import AttestCredentials
import AttestRegistry
import AttestTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing

/// What the registry tests share: one throwaway PostgreSQL server for the whole run (a fresh database per
/// test), an organisation keyring, and a learner who passed the data-analytics exam and signed a submission.
enum RegistryHarness {
    static let passphrase = "registry test passphrase"

    /// The server, or why there is none (the tests then fail with that reason: PostgreSQL is a prerequisite).
    static let server: Result<TemporaryPostgres, any Error> = {
        let result = Result { try TemporaryPostgres(database: "postgres_template") }
        atexit { if case let .success(server) = RegistryHarness.server { server.stop() } }
        return result
    }()

    /// A new empty database on the shared server.
    static func freshDatabase() throws -> (server: TemporaryPostgres, name: String, url: String) {
        let server = try server.get()
        let name = "registry_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        _ = try server.psql("CREATE DATABASE \(name)")
        return (server, String(name), server.url(database: String(name)))
    }

    /// A keyring for "Example College" (did:web:example.edu), made with a cheap KDF.
    static func organisation() throws -> (keyring: IssuerKeyring, key: IssuerKey) {
        try IssuerKeyring.create(
            name: "Example College", domain: "example.edu", passphrase: passphrase, at: Date(),
            kdf: .init(rounds: 1 << 10, blockSize: 8, parallelism: 1))
    }

    /// The learner's signed submission (`attempts export --sign`).
    static func signedSubmission(_ learner: AttestSandbox) throws -> String {
        let path = learner.root.appendingPathComponent("ada-\(UUID().uuidString).submission").path
        let export = try learner.run(["attempts", "export", "--sign", "--output", path])
        try #require(export.status == 0, "\(export.standardError)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The registry against `url`, judging with the repository's packs.
    static func registry(url: String, ratePerMinute: Int = 6000) throws -> RegistryServer {
        var logger = Logger(label: "registry-test")
        logger.logLevel = .warning
        let context = AppContext(
            console: Console.standard(noColor: true, environment: [:]), environment: [:],
            storePath: FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString).none").path,
            bundledPacks: ShippedPacks.directory.path)
        var settings = RegistryServer.Settings()
        settings.publicURL = "https://registry.example.edu"
        settings.ratePerMinute = ratePerMinute
        settings.rateBurst = ratePerMinute / 2
        settings.requestTimeout = .seconds(10)
        let organisation = try organisation()
        return RegistryServer(
            settings: settings, database: try RegistryDatabase(url: url, logger: logger),
            desk: IssuingDesk(
                context: context, keyring: organisation.keyring, key: organisation.key,
                file: KeyringFile(path: FileManager.default.temporaryDirectory.appendingPathComponent("unused.keyring").path)), logger: logger)
    }
}

extension TestClientProtocol {
    /// POSTs `text` and returns the status and the body as text.
    func post(_ uri: String, _ text: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, String) {
        try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: text)) { response in
            (response.status, String(buffer: response.body))
        }
    }

    func get(_ uri: String, accept: String? = nil) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        try await execute(uri: uri, method: .get, headers: accept.map { [.accept: $0] } ?? [:]) { response in
            (response.status, String(buffer: response.body), response.headers)
        }
    }
}
