import ArgumentParser
import Logging

/// `attest-registry`: the organisation registry's own executable, which `attest registry serve|token|stats|export`
/// runs. Kept apart from `attest` so the learner's command never loads the HTTP server or the PostgreSQL driver.
public struct RegistryToolCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "attest-registry",
        abstract: "An organisation's credential registry on PostgreSQL.",
        subcommands: [ServeCommand.self, TokenCommand.self, StatsCommand.self, ExportCommand.self, HTTPCommand.self]
    )

    public init() {}

    /// Parses the arguments and runs the command, awaiting the asynchronous ones (what `main()` does, called
    /// from top-level code, where the synchronous `main()` would otherwise be chosen).
    public static func start() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    /// Structured JSON logs on standard error for every command, set up once.
    public static func bootstrapLogging() {
        LoggingSystem.bootstrap { label in RegistryLogHandler(label: label) }
    }
}

/// `--database URL`, else `ATTEST_DATABASE_URL`.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE (default: $ATTEST_DATABASE_URL).", valueName: "url"))
    var database: String?

    func url(environment: [String: String]) throws -> String {
        if let database, !database.isEmpty { return database }
        if let value = environment[DatabaseURL.variable], !value.isEmpty { return value }
        throw ValidationError("Give the PostgreSQL URL with --database postgres://USER@HOST:PORT/DATABASE or set \(DatabaseURL.variable).")
    }
}
