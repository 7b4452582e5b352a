import ArgumentParser

/// `attempts`: move attempts between stores, so an instructor can collect a class's results.
struct AttemptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attempts",
        abstract: "Export attempts for an instructor, or import a class's exports (see docs/instructor-guide.md).",
        subcommands: [AttemptsExportCommand.self, AttemptsImportCommand.self]
    )
}
