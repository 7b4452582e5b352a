import ArgumentParser
import AttestCore
import Foundation

/// `pack import FILE [--format gift|aiken|moodle-xml]`: turns a Moodle GIFT, Aiken or Moodle XML question
/// bank into a pack file, reporting by line everything that was not carried over.
///
/// Meant as the `import` subcommand of the `pack` group.
struct PackImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a GIFT, Aiken or Moodle XML question bank into a pack (writes ID.json).",
        discussion: """
            The format is recognised from the content unless --format names it. Prints every question or feature \
            not carried over, with its line. Exits 65 when nothing could be imported. docs/instructor-guide.md \
            lists what is and is not carried over.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The question bank file.", valueName: "file"), completion: .file(extensions: ["gift", "txt", "xml"]))
    var file: String

    @Option(help: "The bank's format: gift, aiken or moodle-xml (default: recognised from the content).")
    var format: PackImportFormat?

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
        let packID = id ?? PackImportFormat.suggestedID(forFileName: file)
        let bank = try BankFile(path: file)
        guard let format = format ?? PackImportFormat.detect(bank.head) else {
            throw ValidationError("Cannot tell the format of \(TerminalText.quoted(file)): name it with --format gift, aiken or moodle-xml.")
        }
        let result: PackImportResult
        do {
            // GIFT and Aiken stream question by question (bounded memory whatever the file's size); XML reads the text.
            switch format {
            case .gift:
                var importer = try GIFTStreamImporter(id: packID, title: title)
                result = try bank.stream(into: &importer)
            case .aiken:
                var importer = try AikenStreamImporter(id: packID, title: title)
                result = try bank.stream(into: &importer)
            case .moodleXML:
                result = try format.importPack(try Self.readText(file), id: packID, title: title)
            }
        } catch let error as PackImportError {
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
            var text = json
            // Written from the string's own bytes: a large pack is not copied into a second buffer.
            try text.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return }
                try Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
                    .write(to: URL(fileURLWithPath: path), options: .atomic)
            }
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

/// A bank file opened for import: its first 64 KB (to recognise the format) and, for the
/// streaming importers, the rest in 1 MB chunks.
struct BankFile {
    let handle: FileHandle
    let path: String
    let headBytes: Data

    init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path)
        else { throw InstructorFileError.cannotRead(file: path) }
        self.handle = handle
        self.path = path
        headBytes = (try? handle.read(upToCount: 1 << 16)) ?? Data()
    }

    /// The first 64 KB as text (a character cut at the end does not matter for recognising the format).
    var head: Substring { Substring(String(decoding: headBytes, as: UTF8.self)) }

    func stream(into importer: inout some StreamingBankImporter) throws -> PackImportResult {
        importer.feed(headBytes)
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { throw InstructorFileError.cannotRead(file: path) }
            // nil or empty: the end of the file.
            guard let chunk, !chunk.isEmpty else { break }
            importer.feed(chunk)
        }
        try? handle.close()
        return importer.finish()
    }
}
