import ArgumentParser
import AttestCore
import Foundation

/// `pack lint PATH...`: every problem in every pack, located, in one run.
struct PackLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check pack files and report every problem with file:line:column and JSON path.",
        discussion: "Exit status 65 when any file has errors, 0 when there are only warnings (with --strict, warnings count as errors). Folders are searched for *.json."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Pack files or folders.", valueName: "path"), completion: .file(extensions: ["json"]))
    var paths: [String]

    @Option(help: "Output format: text (for people) or json (for editors and CI).")
    var format: LintFormat = .text

    @Flag(help: "Do not report warnings.")
    var quiet = false

    @Flag(help: "Treat warnings (item-writing cues included) as errors, as credential packs must pass.")
    var strict = false

    enum LintFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one pack file or folder to lint.") }
    }

    func run() throws {
        let context = global.context()
        let files = try expand(paths)
        var entries = files.map(PackLibrary.read(path:))
        let loaded = entries.compactMap(\.pack)
        let catalog = loaded + context.library.newestPacks.filter { pack in !loaded.contains { $0.id == pack.id } }
        for issue in CredentialRules.validate(catalog) {
            guard let index = entries.firstIndex(where: { entry in
                entry.pack.map { issue.credential.hasPrefix($0.id + "/") } ?? false
            }) else { continue }
            entries[index].diagnostics.append(Diagnostic(
                severity: .error, file: entries[index].path, path: "/credentials", line: 0, column: 0,
                message: issue.localizedDescription))
        }
        for index in entries.indices {
            guard let pack = entries[index].pack else { continue }
            for finding in ItemWritingLint.findings(pack) {
                entries[index].diagnostics.append(Diagnostic(
                    severity: finding.isError ? .error : .warning, file: entries[index].path, path: finding.pointer,
                    line: 0, column: 0, message: "\(finding.message) [\(finding.rule.rawValue)]", hint: finding.hint,
                    notes: finding.notes.map { Diagnostic.Note(path: $0.pointer, line: 0, column: 0, message: $0.message) }))
            }
            Self.locate(&entries[index])
        }
        if strict {
            for index in entries.indices {
                for slot in entries[index].diagnostics.indices { entries[index].diagnostics[slot].severity = .error }
            }
        }
        if quiet {
            for index in entries.indices { entries[index].diagnostics.removeAll { $0.severity == .warning } }
        }
        let hasErrors = entries.contains { !$0.errors.isEmpty }
        switch format {
        case .json:
            context.console.line(try JSONOutput.string(entries.map(json(for:))))
        case .text:
            let printer = DiagnosticPrinter(console: context.console)
            for entry in entries {
                printer.print(entry.diagnostics)
                let summary = printer.summary(entry.diagnostics, file: entry.path)
                let style: Style = entry.errors.isEmpty ? .green : .red
                context.console.line(context.console.styled(summary, style))
            }
        }
        if hasErrors { throw ExitCode(65) }
    }

    /// Gives the diagnostics made after decoding (credential rules, item-writing lint), which know only
    /// a JSON path, the line and column of that path in the file, and so each of their notes.
    static func locate(_ entry: inout PackLibrary.Entry) {
        guard entry.diagnostics.contains(where: { $0.line == 0 && !$0.path.isEmpty }),
              let bytes = PackLibrary.readBytes(entry.path)
        else { return }
        var locator = JSONPointerLocator(bytes: bytes)
        for slot in entry.diagnostics.indices where entry.diagnostics[slot].line == 0 {
            if let (line, column) = locator.location(of: entry.diagnostics[slot].path) {
                entry.diagnostics[slot].line = line
                entry.diagnostics[slot].column = column
            }
            for note in entry.diagnostics[slot].notes.indices {
                guard let (line, column) = locator.location(of: entry.diagnostics[slot].notes[note].path) else { continue }
                entry.diagnostics[slot].notes[note].line = line
                entry.diagnostics[slot].notes[note].column = column
            }
        }
    }

    private func json(for entry: PackLibrary.Entry) -> [String: Any] {
        [
            "file": entry.path, "valid": entry.errors.isEmpty,
            "diagnostics": entry.diagnostics.map { diagnostic -> [String: Any] in
                var object: [String: Any] = [
                    "severity": diagnostic.severity.rawValue, "file": diagnostic.file, "path": diagnostic.path,
                    "line": diagnostic.line, "column": diagnostic.column, "message": diagnostic.message,
                ]
                if let hint = diagnostic.hint { object["hint"] = hint }
                if !diagnostic.notes.isEmpty {
                    object["notes"] = diagnostic.notes.map { note -> [String: Any] in
                        ["path": note.path, "line": note.line, "column": note.column, "message": note.message]
                    }
                }
                return object
            },
        ]
    }

    /// Files as given, and the `*.json` files directly inside given folders (not `schema/`). A path that
    /// does not exist stays in the list: it is reported as that file's error while the others are linted.
    private func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let found = PackLibrary(directories: [path]).packFiles()
                if found.isEmpty { throw CommandFailure("No *.json pack files in \(CommandFailure.quote(path)).") }
                files += found
            } else {
                files.append(path)
            }
        }
        return files
    }
}
