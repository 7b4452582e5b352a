import ArgumentParser
import Foundation

/// The `attest(1)` manual page, rendered in mdoc from the command tree the argument parser
/// describes (`--experimental-dump-help`), so `man attest` never drifts from `attest --help`.
///
/// Every command gets its own subsection with its arguments; the options every command accepts are
/// listed once. Environment, files and exit status, which the tree does not know, are fixed text.
struct ManualPage {
    /// One command of the dumped tree: the fields of swift-argument-parser's `CommandInfoV0` used here.
    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var aliases: [String]?
        var shouldDisplay: Bool?
        var arguments: [Argument]?
        var subcommands: [Command]?
    }

    /// One argument of a command: the fields of `ArgumentInfoV0` used here.
    struct Argument: Decodable {
        struct Name: Decodable, Hashable {
            var kind: String
            var name: String
        }

        var kind: String
        var names: [Name]?
        var valueName: String?
        var abstract: String?
        var discussion: String?
        var defaultValue: String?
        var allValues: [String]?
        var isOptional: Bool?
        var isRepeating: Bool?
        var shouldDisplay: Bool?
    }

    private struct Dump: Decodable {
        var command: Command
    }

    let root: Command

    /// Reads the JSON that `attest --experimental-dump-help` prints.
    init(dumpedHelp: Data) throws {
        root = try JSONDecoder().decode(Dump.self, from: dumpedHelp).command
    }

    /// Attest's own tree, as `attest --experimental-dump-help` prints it.
    static func attestCommandTree() -> Data {
        do {
            _ = try AttestCommand.parseAsRoot(["--experimental-dump-help"])
        } catch {
            return Data(AttestCommand.fullMessage(for: error).utf8)
        }
        return Data()
    }

    /// The page; `date` is the `.Dd` line's date (`December 5, 2026`), `version` goes in the footer.
    func rendered(date: String, version: String) -> String {
        let name = root.commandName
        var lines = [
            #".\" Generated from the command tree by `attest manual-page`; edit the commands, not this page."#,
            ".Dd \(date)", ".Dt \(name.uppercased()) 1", ".Os \(Self.escapedWords(name.capitalized + " " + version))",
            ".Sh NAME", ".Nm \(name)", ".Nd \(Self.escapedWords(root.abstract ?? ""))",
            ".Sh SYNOPSIS", ".Nm", ".Op Ar options", ".Op Ar command Op Ar arguments",
            ".Sh DESCRIPTION",
        ]
        lines += Self.paragraphs([root.abstract, root.discussion])
        let globalNames = Set(Self.displayed(root.arguments).flatMap { $0.names ?? [] })
        lines += [".Sh OPTIONS", "These options are accepted by every command."]
        lines += Self.argumentList(Self.displayed(root.arguments))
        lines.append(".Sh COMMANDS")
        for (path, command) in Self.commands(under: root, path: [name]) {
            lines += section(path: path, command: command, globalNames: globalNames)
        }
        lines += Self.fixedSections
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every displayed command below `command`, depth first, with its full path (`attest creds list`).
    private static func commands(under command: Command, path: [String]) -> [([String], Command)] {
        (command.subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
            .flatMap { sub in [(path + [sub.commandName], sub)] + commands(under: sub, path: path + [sub.commandName]) }
    }

    private func section(path: [String], command: Command, globalNames: Set<Argument.Name>) -> [String] {
        let own = Self.displayed(command.arguments).filter { argument in
            let names = argument.names ?? []
            return !(names.contains { globalNames.contains($0) } || names.contains { $0.name == "help" || $0.name == "version" })
        }
        let positionals = own.filter { $0.kind == "positional" }.map { argument -> String in
            let word = "Ar " + Self.escapedWords((argument.valueName ?? "value") + (argument.isRepeating == true ? " ..." : ""))
            return argument.isOptional == true ? "Op " + word : word
        }
        var synopsis = ".Nm " + path.dropFirst().map { "Cm " + Self.escapedWords($0) }.joined(separator: " ")
        if own.contains(where: { $0.kind != "positional" }) { synopsis += " Oo Ar options Oc" }
        if !positionals.isEmpty { synopsis += " " + positionals.joined(separator: " ") }
        var lines = [".Ss " + Self.quoted(path.joined(separator: " ")), synopsis, ".Pp"]
        if let aliases = command.aliases, !aliases.isEmpty {
            lines.append(Self.escapedText("Also " + aliases.joined(separator: ", ") + "."))
            lines.append(".Pp")
        }
        lines += Self.paragraphs([command.abstract, command.discussion])
        if !own.isEmpty { lines += Self.argumentList(own) }
        return lines
    }

    private static func displayed(_ arguments: [Argument]?) -> [Argument] {
        (arguments ?? []).filter { $0.shouldDisplay != false }
    }

    /// A tagged list: one item per argument with its names and value, then what it does.
    private static func argumentList(_ arguments: [Argument]) -> [String] {
        guard !arguments.isEmpty else { return [] }
        var lines = [".Bl -tag -width 6n"]
        for argument in arguments {
            let value = escapedWords(argument.valueName ?? "value")
            let flags = (argument.names ?? []).map { name in
                "Fl " + (name.kind == "long" ? "-" : "") + escapedWords(name.name)
            }.joined(separator: " , ")
            switch argument.kind {
            case "positional": lines.append(".It Ar \(value)" + (argument.isRepeating == true ? " ..." : ""))
            case "option": lines.append(".It \(flags) Ar \(value)")
            default: lines.append(".It \(flags)")
            }
            var notes: [String] = []
            if let values = argument.allValues, !values.isEmpty { notes.append("One of: " + values.joined(separator: ", ") + ".") }
            if let fallback = argument.defaultValue, !fallback.isEmpty { notes.append("Default: " + fallback + ".") }
            let text = paragraphs([argument.abstract, argument.discussion, notes.isEmpty ? nil : notes.joined(separator: " ")])
            lines += text.isEmpty ? [] : text
        }
        lines.append(".El")
        return lines
    }

    /// Text lines, blank-line separated paragraphs becoming `.Pp`.
    private static func paragraphs(_ texts: [String?]) -> [String] {
        let blocks = texts.compactMap { $0 }.flatMap { $0.components(separatedBy: "\n\n") }
            .map { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            .filter { !$0.isEmpty }
        return blocks.enumerated().flatMap { index, block in
            (index == 0 ? [] : [".Pp"]) + block.map(escapedText)
        }
    }

    /// A text line roff prints as written: backslashes doubled as `\e`, and a leading `.` or `'`
    /// (which would make it a request) guarded by `\&`.
    static func escapedText(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\e")
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }

    /// Words for a macro line: as text, and each word that mdoc would take for a macro name
    /// (`No`, `Ar`, `Op`) or a delimiter guarded by `\&`.
    static func escapedWords(_ text: String) -> String {
        text.split(separator: " ").map { word in
            let word = escapedText(String(word))
            let isMacroLike = word.count <= 3 && word.first?.isUppercase == true && word.dropFirst().allSatisfy(\.isLowercase)
            let isDelimiter = [".", ",", ":", ";", "(", ")", "[", "]", "|", "!", "?"].contains(word)
            return isMacroLike || isDelimiter ? "\\&" + word : word
        }.joined(separator: " ")
    }

    private static func quoted(_ text: String) -> String {
        "\"" + escapedText(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
    }

    /// Environment, files, exit status and where to read more: facts the command tree cannot give.
    private static let fixedSections = [
        ".Sh ENVIRONMENT", ".Bl -tag -width 6n",
        ".It Ev ATTEST_STORE", "The store file, when", ".Fl -store", "is not given.",
        ".It Ev ATTEST_LEARNER", "Whose attempts and credentials, when", ".Fl -learner", "is not given; else the login name.",
        ".It Ev ATTEST_BUNDLED_PACKS", "The folder of bundled packs, instead of",
        ".Pa share/attest/Assessments", "in the folder above the one holding the executable.",
        ".It Ev XDG_DATA_HOME", "Where the store and your own packs live (default", ".Pa ~/.local/share ) .",
        ".It Ev XDG_STATE_HOME", "Where the command history lives (default", ".Pa ~/.local/state ) .",
        ".It Ev NO_COLOR", "Never use colour.",
        ".El",
        ".Sh FILES", ".Bl -tag -width 6n",
        ".It Pa $XDG_DATA_HOME/attest/attest.sqlite",
        "The store: attempts, answers, credentials and the issuer key.",
        ".It Pa $XDG_DATA_HOME/attest/packs/",
        "Your own packs, used with the bundled ones.",
        ".It Pa $XDG_STATE_HOME/attest/history",
        "The line-editor history (answers are never recorded there).",
        ".El",
        ".Sh EXIT STATUS",
        "0 on success; 1 when a check failed (such as",
        ".Cm credentials verify )",
        "or another error was reported; 64 on a usage error; 65 on invalid pack data.",
        ".Sh SEE ALSO",
        "The README and the docs folder of the Attest sources: the pack format, scoring and the instructor guide.",
    ]
}
