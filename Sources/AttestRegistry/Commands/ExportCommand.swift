import ArgumentParser
import AttestCredentials
import Foundation
import Logging

/// `attest-registry export --format csv|jsonl`: every issued credential, for the institution's records.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every issued credential (learner, achievement, dates, revocation) as CSV or JSON Lines.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl
    }

    @OptionGroup var database: DatabaseOptions

    @Option(help: "csv or jsonl.")
    var format: Format = .csv

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    static let columns = ["id", "learner", "subject", "achievement", "pack", "name", "issuedAt", "revokedAt", "revocationReason", "submission"]

    func run() async throws {
        RegistryToolCommand.bootstrapLogging()
        let url = try database.url(environment: ProcessInfo.processInfo.environment)
        let rows = try await withRegistryDatabase(url: url, logger: Logger(label: "attest-registry")) { database in
            try await database.migrate()
            return try await database.exportRows()
        }
        let text = Self.render(rows, format: format)
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    static func render(_ rows: [RegistryDatabase.ExportRow], format: Format) -> String {
        let records = rows.map { row in
            [row.id, row.learner, row.subject, row.achievement, row.pack, row.name, ISODate.format(row.issuedAt),
             row.revokedAt.map(ISODate.format) ?? "", row.revocationReason ?? "", row.submission]
        }
        switch format {
        case .csv:
            let escape = { (field: String) -> String in
                // A leading formula character is neutralised so a spreadsheet never runs it.
                let safe = field.first.map { "=+-@".contains($0) } == true ? "'" + field : field
                return safe.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
            }
            return ([columns] + records).map { $0.map(escape).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        case .jsonl:
            return records.map { record in
                "{" + zip(columns, record).map { "\(JSONText.quoted($0)):\(JSONText.quoted($1))" }.joined(separator: ",") + "}\n"
            }.joined()
        }
    }
}
