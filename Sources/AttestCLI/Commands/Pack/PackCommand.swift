import ArgumentParser
import AttestCore

/// `pack`: the commands pack authors use.
struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Author packs: lint, scaffold, inspect, preview, import and export question banks (see docs/pack-format.md).",
        subcommands: [
            PackLintCommand.self, PackNewCommand.self, PackStatsCommand.self, PackPreviewCommand.self, PackImportCommand.self,
            PackExportCommand.self,
        ]
    )
}

/// Resolves a pack argument that is either a file path or the id of an available pack.
struct PackArgument {
    let context: AppContext

    /// Exits 65 with the diagnostics when a file does not load.
    func load(_ reference: String) throws -> Pack {
        if reference.hasSuffix(".json") || reference.contains("/") {
            let entry = PackLibrary.read(path: reference)
            guard let pack = entry.pack else {
                DiagnosticPrinter(console: context.console).print(entry.diagnostics)
                throw ExitCode(65)
            }
            return pack
        }
        if let pack = context.library.pack(reference) { return pack }
        throw CommandFailure.unknown(
            "pack file or pack id", reference, among: context.library.newestPacks.map(\.id), otherwise: "'attest packs' lists the packs.")
    }
}
