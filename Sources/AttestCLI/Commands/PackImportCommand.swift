import ArgumentParser
import AttestCore
import Foundation

/// `pack import FILE --format gift|aiken`: turns a Moodle GIFT or Aiken question bank into a pack file,
/// reporting by line everything that was not carried over.
///
/// Meant as the `import` subcommand of the `pack` group.
struct PackImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a GIFT or Aiken question bank into a pack (writes ID.json).",
        discussion: """
            Prints every question or feature not carried over, with its line. Exits 65 when nothing could be \
            imported. docs/instructor-guide.md lists what is and is not carried over.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The question bank file.", valueName: "file"), completion: .file(extensions: ["gift", "txt"]))
    var file: String

    @Option(help: "The bank's format: gift or aiken.")
    var format: PackImportFormat

    @Option(help: ArgumentHelp("The pack id (default: made from the file name).", valueName: "id"))
    var id: String?

    @Option(help: "The pack's title (default: made from the id).")
    var title: String?

    @Option(help: ArgumentHelp("Where to write the pack (default: ID.json in the current folder).", valueName: "path"))
    var output: String?

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        let context = global.context()
        let text = try Self.readText(file)
        let packID = id ?? PackImportFormat.suggestedID(forFileName: file)
        let result: PackImportResult
        do {
            result = try format.importPack(text, id: packID, title: title)
        } catch {
            throw ValidationError(error.localizedDescription + (id == nil ? " (give one with --id)" : " (--id)"))
        }
        let path = output ?? "\(packID).json"
        if result.json != nil, FileManager.default.fileExists(atPath: path), !force {
            throw ValidationError("\(path) already exists; choose another --output or add --force to overwrite it.")
        }
        if !result.issues.isEmpty {
            context.console.line("Not carried over from \(TerminalText.quoted(file)):")
            for issue in result.issues {
                context.console.line("  " + context.console.safe(issue.description))
            }
        }
        guard let json = result.json else {
            context.console.error("Nothing in \(TerminalText.quoted(file)) could be imported as \(format.rawValue); no pack written.")
            throw ExitCode(65)
        }
        try OutputFile.refuseBrokenLink(path)
        do {
            try Data(json.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InstructorFileError.cannotWrite(file: path, reason: error.localizedDescription)
        }
        let skipped = result.issues.filter { $0.why.hasPrefix("skipped") }.count
        context.console.line("Wrote \(TerminalText.quoted(path)): \(result.questionCount) question\(result.questionCount == 1 ? "" : "s")"
            + " in \(result.skillCount) skill\(result.skillCount == 1 ? "" : "s")"
            + (skipped > 0 ? ", \(skipped) skipped" : "") + ". Next: 'attest pack lint \(TerminalText.quoted(path))', "
            + "then add explanations and an exam quiz.")
    }

    /// The bank's text: UTF-8 (a BOM is dropped by the importers).
    static func readText(_ path: String) throws -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes, attributes[.type] as? FileAttributeType != .typeDirectory,
              let data = FileManager.default.contents(atPath: path)
        else { throw InstructorFileError.cannotRead(file: path) }
        if let size = attributes[.size] as? Int, size > AttemptsFile.maximumFileSize { throw InstructorFileError.tooLarge(file: path) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InstructorFileError.notText(file: path)
        }
        return text
    }
}

extension PackImportFormat: ExpressibleByArgument {}
