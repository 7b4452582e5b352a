import ArgumentParser
import AttestCore
import AttestStore
import Foundation

/// `store`: look after the local store.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Check the store's integrity, back it up, or clear its pack cache.",
        subcommands: [StoreCheckCommand.self, StoreBackupCommand.self, StorePathCommand.self, StoreClearCacheCommand.self]
    )
}

/// `store check`.
struct StoreCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Run SQLite's integrity and foreign-key checks and explain any problem.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = global.context()
        let problems = try context.store().check()
        if problems.isEmpty {
            context.console.line(context.console.styled("ok", .green) + ": \(TerminalText.quoted(context.storePath)) passed "
                + "the integrity and foreign-key checks.")
            return
        }
        for problem in problems { context.console.error(context.console.styled("problem: ", .red) + context.console.safe(problem)) }
        context.console.error("Make a copy of the file before anything else ('attest store backup PATH' reads what it can).")
        throw ExitCode(1)
    }
}

/// `store backup PATH`.
struct StoreBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a consistent copy of the store (safe while Attest is running elsewhere).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "path"))
    var path: String

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        let context = global.context()
        try OutputFile.refuseBrokenLink(path)
        do {
            try context.store().backup(to: path, overwrite: force)
        } catch StoreError.backupDestinationExists {
            throw CommandFailure("\(CommandFailure.quote(path)) already exists; choose another path, or add --force to overwrite it.")
        }
        context.console.line("Backed up to \(TerminalText.quoted(path)). Use it with --store \(TerminalText.quoted(path)) or ATTEST_STORE.")
    }
}

/// `store path`.
struct StorePathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "path", abstract: "Print where the store is.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        global.context().console.line(global.context().storePath)
    }
}
