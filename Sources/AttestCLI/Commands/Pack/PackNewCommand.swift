import ArgumentParser
import AttestCore
import Foundation

/// `pack new ID`: a valid starting pack with one example of everything.
struct PackNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new pack with one example of every question type, a practice and an exam quiz, and a credential.",
        discussion: "The result lints clean; edit it, then run 'attest pack lint FILE'."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The pack id: lowercase letters, digits and single hyphens.", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("Where to write it (default: ID.json in the current folder).", valueName: "path"))
    var output: String?

    @Option(help: "The pack's title (default: made from the id).")
    var title: String?

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        let context = global.context()
        let text: String
        do {
            text = try PackScaffold.json(id: id, title: title)
        } catch {
            throw ValidationError(error.localizedDescription)
        }
        let path = output ?? "\(id).json"
        if FileManager.default.fileExists(atPath: path), !force {
            throw ValidationError("\(path) already exists; choose another --output or add --force to overwrite it.")
        }
        try OutputFile.refuseBrokenLink(path)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PackFileError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        context.console.line("Wrote \(TerminalText.sanitize(path)). Next: edit it, then 'attest pack lint \(TerminalText.quoted(path))'; "
            + "'attest pack preview \(TerminalText.quoted(path))' shows it as a learner will see it.")
    }
}

/// Problems writing pack files.
enum PackFileError: LocalizedError {
    case cannotWrite(path: String, reason: String)

    var errorDescription: String? {
        switch self {
        case let .cannotWrite(path, reason): "Cannot write \(path): \(reason)"
        }
    }
}
