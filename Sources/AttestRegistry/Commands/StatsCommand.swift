import ArgumentParser
import Foundation
import Logging

/// `attest-registry stats`: learners, submissions, attempts, credentials per pack and revocations.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Learners, submissions, credentials per pack and revocations in the registry.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        RegistryToolCommand.bootstrapLogging()
        let url = try database.url(environment: ProcessInfo.processInfo.environment)
        let statistics = try await withRegistryDatabase(url: url, logger: Logger(label: "attest-registry")) { database in
            try await database.migrate()
            return try await database.statistics()
        }
        print("Learners      \(statistics.learners)")
        print("Submissions   \(statistics.submissions)")
        print("Attempts      \(statistics.acceptedAttempts) accepted, \(statistics.rejectedAttempts) rejected")
        print("Audit entries \(statistics.auditEntries)")
        print("Credentials by pack:")
        if statistics.packs.isEmpty { print("  none issued yet") }
        for pack in statistics.packs {
            print("  \(pack.pack.padding(toLength: max(pack.pack.count, 28), withPad: " ", startingAt: 0)) \(pack.issued) issued, \(pack.revoked) revoked")
        }
    }
}
