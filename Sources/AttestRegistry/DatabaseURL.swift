import Foundation
import PostgresNIO

/// A `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require][&host=/socket/dir]`
/// URL turned into the pool's configuration, with the timeouts that keep a lost server from holding requests:
/// a connect timeout, a server-side statement timeout, and keep-alive pings that find dead connections.
public struct DatabaseURL: Sendable {
    public static let variable = "ATTEST_DATABASE_URL"

    public var configuration: PostgresClient.Configuration

    public init(_ text: String, statementTimeoutSeconds: Int = 15, maximumConnections: Int = 20) throws {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw RegistryError.badRequest("the database URL must look like postgres://USER@HOST:PORT/DATABASE, not \(text)")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { _, last in last }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = components.password?.removingPercentEncoding
        let database = String(components.path.drop { $0 == "/" }).removingPercentEncoding
        let socketDirectory = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        if let socketDirectory {
            let port = components.port ?? 5432
            configuration = PostgresClient.Configuration(
                unixSocketPath: socketDirectory + "/.s.PGSQL.\(port)", username: user, password: password,
                database: database?.isEmpty == false ? database : nil)
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch query["sslmode"] ?? "prefer" {
            case "disable": tls = .disable
            case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
            case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
            case let other: throw RegistryError.badRequest("sslmode \(other) is not one of disable, prefer, require")
            }
            configuration = PostgresClient.Configuration(
                host: components.host?.isEmpty == false ? components.host! : "localhost", port: components.port ?? 5432,
                username: user, password: password, database: database?.isEmpty == false ? database : nil, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.keepAliveBehavior = .init(frequency: .seconds(10))
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", String(statementTimeoutSeconds * 1000)), ("application_name", "attest-registry"),
        ]
    }
}
