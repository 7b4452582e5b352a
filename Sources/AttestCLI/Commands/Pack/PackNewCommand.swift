import ArgumentParser
import AttestCore
import Foundation

/// `pack new ID`: a valid starting pack with one example of everything.
struct PackNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new pack with one example of every question type, a practice and an exam quiz, and a credential.",
        discussion: "The result passes 'attest pack lint --strict': a sealed exam pool, a practice-only pool, a parameterised question and an exam with a decision rule (early stopping) counting for a credential. Edit it, then run 'attest pack lint --strict FILE'."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The pack id: lowercase letters, digits and single hyphens, at most 64 characters.", valueName: "id"))
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
        let path = output ?? "\(id).json"
        do {
            text = try PackScaffold.json(id: id, title: title, schema: PackNewCommand.schemaReference(from: path))
        } catch {
            throw ValidationError(error.localizedDescription + " (the ID argument)")
        }
        if FileManager.default.fileExists(atPath: path), !force {
            throw CommandFailure("\(CommandFailure.quote(path)) already exists; choose another --output or add --force to overwrite it.")
        }
        try OutputFile.refuseBrokenLink(path)
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw PackFileError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        context.console.line("Wrote \(TerminalText.quoted(path)). Next: edit it, then 'attest pack lint \(TerminalText.quoted(path))'; "
            + "'attest pack preview \(TerminalText.quoted(path))' shows it as a learner will see it.")
    }

    /// How the new file at `path` names the schema: the relative path to the bundled schema file when
    /// Attest knows where it is (editors resolve it), else the schema's public id.
    static func schemaReference(from path: String) -> String {
        guard let bundled = AppContext.bundledPacksDirectory() else { return PackScaffold.schemaID }
        let schema = URL(fileURLWithPath: bundled).appendingPathComponent("schema/attest-pack-v1.schema.json")
            .standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var shared = 0
        while shared < min(schema.count - 1, folder.count), schema[shared] == folder[shared] { shared += 1 }
        return (Array(repeating: "..", count: folder.count - shared) + schema[shared...]).joined(separator: "/")
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
