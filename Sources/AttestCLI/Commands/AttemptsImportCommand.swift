import ArgumentParser
import AttestCore
import Foundation

/// `attempts import FILE...`: adds exported attempts to the local store; importing a file twice never
/// counts an attempt twice.
struct AttemptsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add attempts exported with 'attempts export' to this store (already present ones are skipped).",
        discussion: "A file with a line that is not an exported attempt is skipped whole; the others still import (exit 65)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("JSON Lines files written by 'attest attempts export'.", valueName: "file"),
              completion: .file(extensions: ["jsonl"]))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one file to import.") }
    }

    func run() throws {
        let context = global.context()
        let store = try context.store()
        var failed = false
        for file in files {
            do {
                let attempts = try AttemptsFile.read(path: file)
                let summary = try store.importAttempts(attempts)
                context.console.line("\(TerminalText.quoted(file)): imported \(summary.imported), "
                    + "already present \(summary.alreadyPresent).")
            } catch let error as InstructorFileError {
                context.console.error(TerminalText.sanitize(error.errorDescription ?? ""))
                failed = true
            }
        }
        if failed { throw ExitCode(65) }
    }
}
