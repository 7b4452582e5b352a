import ArgumentParser
import Foundation
import Logging

/// `attest-registry token create --label NAME`: a new administrator token, printed once.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Administrator tokens (bearer tokens for revoking).",
        subcommands: [TokenCreateCommand.self])
}

struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an administrator token; it is printed once and only its SHA-256 is stored.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Who holds the token (kept in the audit log of each revoke).", valueName: "name"))
    var label: String

    func validate() throws {
        if label.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--label must name who holds the token.") }
    }

    func run() async throws {
        RegistryToolCommand.bootstrapLogging()
        let url = try database.url(environment: ProcessInfo.processInfo.environment)
        var generator = SystemRandomNumberGenerator()
        let token = AdminToken(using: &generator)
        let label = label
        try await withRegistryDatabase(url: url, logger: Logger(label: "attest-registry")) { database in
            try await database.migrate()
            try await database.addToken(id: token.id, digest: AdminToken.digest(token.secret), label: label)
        }
        print(token.secret)
        FileHandle.standardError.write(Data("Token \(token.id) for \(label) created. Keep it secret; it is not shown again.\n".utf8))
    }
}
