import ArgumentParser
import Foundation
import Logging

/// `attest-registry serve`: runs the registry until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the registry: receive submissions, issue, revoke, publish the status list and did.json.",
        discussion: """
            The keyring's passphrase comes from ATTEST_ISSUER_PASSPHRASE or a prompt. The schema is created and \
            migrated at start. Packs accepted are those in --packs folders plus the bundled ones, matched by content hash.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The organisation keyring ('attest issuer init --org').", valueName: "keyring"))
    var keyring: String

    @Option(name: .customLong("packs"), help: ArgumentHelp("A folder of packs the registry accepts (repeatable).", valueName: "dir"))
    var packDirectories: [String] = []

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(name: .customLong("public-url"), help: ArgumentHelp("The URL learners and verifiers reach the registry at (default: http://HOST:PORT).", valueName: "url"))
    var publicURL: String?

    @Option(name: .customLong("rate-limit"), help: ArgumentHelp("Requests a minute allowed per client.", valueName: "n"))
    var rateLimit = 120

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds before a request is answered 503 (try again).", valueName: "seconds"))
    var requestTimeout = 20

    @Option(name: .customLong("max-connections"), help: ArgumentHelp("PostgreSQL connections in the pool.", valueName: "n"))
    var maxConnections = 20

    @Flag(name: .customLong("trust-proxy"), help: "Take the client's address from X-Forwarded-For (behind a reverse proxy only).")
    var trustProxy = false

    func validate() throws {
        if !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535.") }
        if rateLimit < 1 { throw ValidationError("--rate-limit must be at least 1.") }
        if !(1...600).contains(requestTimeout) { throw ValidationError("--request-timeout must be between 1 and 600 seconds.") }
    }

    func run() async throws {
        RegistryToolCommand.bootstrapLogging()
        let environment = ProcessInfo.processInfo.environment
        let url = try database.url(environment: environment)
        let desk = try IssuingDesk.open(keyring: keyring, packDirectories: packDirectories, environment: environment)
        let logger = Logger(label: "attest-registry")
        var settings = RegistryServer.Settings()
        settings.host = host
        settings.port = port
        settings.publicURL = publicURL
        settings.ratePerMinute = rateLimit
        settings.rateBurst = max(rateLimit / 2, 1)
        settings.requestTimeout = .seconds(requestTimeout)
        settings.trustProxy = trustProxy
        let server = RegistryServer(
            settings: settings, database: try RegistryDatabase(url: url, maximumConnections: maxConnections, logger: logger),
            desk: desk, logger: logger)
        logger.info("starting", metadata: [
            "issuer": "\(desk.keyring.did)", "url": "\(server.publicURL)", "packs": "\(desk.packCount)",
        ])
        try await server.run()
        logger.info("stopped")
    }
}
