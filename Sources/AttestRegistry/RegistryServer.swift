import AttestCLI
import AttestCredentials
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle

/// The running registry: a PostgreSQL pool and the HTTP server as services in one group. On SIGTERM or
/// SIGINT the server stops accepting, finishes the requests in flight (each bounded by the request
/// timeout), then the pool closes. Migrations run before the server accepts anything.
public struct RegistryServer: Sendable {
    public struct Settings: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// The URL clients reach the registry at (behind a proxy, its public https URL).
        public var publicURL: String?
        public var requestTimeout: Duration = .seconds(20)
        public var ratePerMinute = 120
        public var rateBurst = 60
        public var trustProxy = false

        public init() {}
    }

    public let settings: Settings
    public let database: RegistryDatabase
    public let desk: IssuingDesk
    public let logger: Logger

    public init(settings: Settings, database: RegistryDatabase, desk: IssuingDesk, logger: Logger) {
        self.settings = settings
        self.database = database
        self.desk = desk
        self.logger = logger
    }

    public var publicURL: String {
        let url = settings.publicURL ?? "http://\(settings.host):\(settings.port)"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// The application, with the pool as one of its services.
    public func application(onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(context: RegistryRequestContext.self)
        let client = ClientAddress(trustProxy: settings.trustProxy)
        router.add(middleware: RequestLogMiddleware(client: client))
        router.add(middleware: RateLimitMiddleware(perMinute: settings.ratePerMinute, burst: settings.rateBurst, client: client))
        RegistryRoutes(
            submissions: SubmissionDesk(database: database, desk: desk, publicURL: publicURL),
            clock: { Date() }, deadline: RequestDeadline(timeout: settings.requestTimeout)
        ).add(to: router)
        var app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "attest-registry"),
            services: [database.client], onServerRunning: onServerRunning, logger: logger)
        let database = database
        let logger = logger
        app.beforeServerStarts {
            let applied = try await database.migrate()
            logger.info("schema ready", metadata: ["applied": "\(applied)", "version": "\(RegistrySchema.latestVersion)"])
        }
        return app
    }
}

extension RegistryServer {
    /// Serves until SIGTERM or SIGINT, then shuts down gracefully.
    public func run() async throws {
        try await application().runService()
    }
}

/// Runs `body` with a database pool that is running, closing it afterwards (for the one-shot commands).
public func withRegistryDatabase<Result: Sendable>(
    url: String, logger: Logger, _ body: @Sendable @escaping (RegistryDatabase) async throws -> Result
) async throws -> Result {
    let database = try RegistryDatabase(url: url, logger: logger)
    let client = database.client
    return try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask {
            await client.run()
            return nil
        }
        group.addTask {
            let result = try await body(database)
            return result
        }
        defer { group.cancelAll() }
        while let next = try await group.next() {
            if let result = next { return result }
        }
        throw RegistryError.unavailable("the database pool stopped")
    }
}
