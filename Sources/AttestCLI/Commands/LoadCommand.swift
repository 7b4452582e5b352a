import ArgumentParser
import AttestCore
import Foundation

/// `load PATH`: validates a pack file and makes it available for this session.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load a pack file (validated first) for this session.",
        discussion: "To keep a pack for later sessions, copy it into $XDG_DATA_HOME/attest/packs or pass --packs DIR."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The pack file.", valueName: "path"), completion: .file(extensions: ["json"]))
    var path: String

    func run() throws {
        let context = global.context()
        let entry = context.library.load(path: path)
        DiagnosticPrinter(console: context.console).print(entry.diagnostics)
        guard let pack = entry.pack else { throw ExitCode(65) }
        context.console.line("Loaded \(context.console.styled(pack.id, .bold)) \(pack.version) — "
            + [Plural.count(pack.questions.count, "question"), Plural.count(pack.quizzes.count, "quiz", plural: "quizzes"),
               Plural.count(pack.credentials.count, "credential")].joined(separator: ", ") + ".")
    }
}
