import ArgumentParser
import AttestCore
import Foundation

/// `pack export PACK --format gift|aiken|moodle-xml|qti12 [--output FILE]`: writes a pack as a
/// question bank an LMS imports, listing on standard error what the format cannot carry.
struct PackExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a pack as a GIFT, Aiken, Moodle XML or QTI 1.2 question bank.",
        discussion: """
            Writes the bank to standard output, or to --output. With qti12, an --output ending in .zip gets a \
            content package (imsmanifest.xml and the assessment), which Canvas imports as a "QTI .zip file". \
            Everything the format cannot carry is listed on standard error, one line per question. \
            docs/instructor-guide.md lists what each format keeps.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A pack file or the id of an available pack.", valueName: "pack"))
    var pack: String

    @Option(help: "The bank format: gift, aiken, moodle-xml or qti12.")
    var format: PackExportFormat

    @Option(help: ArgumentHelp("Where to write the bank (default: standard output).", valueName: "path"))
    var output: String?

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        let context = global.context()
        let loaded = try PackArgument(context: context).load(self.pack)
        if let output, FileManager.default.fileExists(atPath: output), !force {
            throw ValidationError("\(TerminalText.quoted(output)) already exists; choose another --output or add --force to overwrite it.")
        }
        let export = format.export(loaded)
        let console = context.console
        if !export.notes.isEmpty {
            console.error("Not carried by \(format.rawValue):")
            for note in export.notes { console.error("  " + console.safe(note.description)) }
        }
        guard export.questionCount > 0 else {
            console.error("No question of \(TerminalText.quoted(loaded.id)) can be written as \(format.rawValue); nothing written.")
            throw ExitCode(65)
        }
        guard let output else {
            // Redirected, the bank goes out byte for byte; on a terminal each line is neutralised like any pack text.
            console.write(console.isTerminal
                ? export.text.split(separator: "\n", omittingEmptySubsequences: false).map { console.safe(String($0)) }.joined(separator: "\n")
                : export.text)
            return
        }
        var bytes = Data(export.text.utf8)
        if output.lowercased().hasSuffix(".zip") {
            guard let manifest = export.manifest, let path = export.packagePath else {
                throw ValidationError("Only qti12 is written as a .zip package; give --output a .\(format.fileExtension) name.")
            }
            bytes = StoredZip.archive([("imsmanifest.xml", Data(manifest.utf8)), (path, bytes)])
        }
        // An existing file was refused before exporting (above); this writes atomically and refuses a broken link.
        try OutputFile.write(bytes, to: output, force: true)
        let skipped = export.notes.filter(\.skipped).count
        console.line("Wrote \(TerminalText.quoted(output)): \(export.questionCount) question\(export.questionCount == 1 ? "" : "s")"
            + (skipped > 0 ? ", \(skipped) skipped" : "") + " as \(format.rawValue).")
    }
}

extension PackExportFormat: ExpressibleByArgument {}
