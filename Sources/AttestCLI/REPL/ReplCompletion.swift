import ArgumentParser
import AttestCore
import Foundation
import LineEditor

/// What TAB offers at the `attest>` prompt: commands, subcommands, pack, quiz and
/// skill ids where a command takes them, options after `-`, and file paths where it takes a
/// file — with spaces and shell specials escaped so the completed line splits as shown.
struct ReplCompletion: Sendable {
    private let context: AppContext

    init(context: AppContext) {
        self.context = context
    }

    var provider: CompletionProvider {
        let context = context
        return { text in ReplCompletion(context: context).candidates(for: text) }
    }

    func candidates(for text: String) -> Completion.Candidates {
        var (words, word) = ReplCompletion.split(text)
        let typed = word
        word = CommandLineSplitter.unescapedPrefix(word)
        let names = completions(after: words, word: word).map(ReplCompletion.escape)
        let escapedWord = ReplCompletion.escape(word)
        // Candidates come from file names, pack ids and the store: shown (and inserted) inert.
        let matching = names.filter { $0.hasPrefix(escapedWord) }
            .map { TerminalText.sanitize($0, keepNewlines: false, keepTabs: false) }
        return Completion.Candidates(word: typed, candidates: matching.sorted())
    }

    /// The finished words before the cursor and the word being typed (raw, escapes kept): a backslash
    /// escapes the next character, so `Week\ 3` is one word.
    static func split(_ text: String) -> (words: [String], word: String) {
        var words: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == " " || character == "\t" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        return (words.map(CommandLineSplitter.unescapedPrefix), current)
    }

    /// `text` with a backslash before every character the command-line splitter would treat specially.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if " \t'\"\\$`*?[]{}()<>|&;#!~".contains(character) && !(character == "~" && out.isEmpty) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private func completions(after words: [String], word: String) -> [String] {
        guard let first = words.first else { return Repl.commandNames + Repl.builtins }
        if first == "help" { return words.count == 1 ? Repl.commandNames : [] }
        var path = [first]
        var rest = words.dropFirst()
        while let next = rest.first, ReplCompletion.subcommandNames(of: path).contains(next) {
            path.append(next)
            rest = rest.dropFirst()
        }
        guard let command = ReplCompletion.command(at: path) else { return [] }
        let subcommands = ReplCompletion.subcommandNames(of: path)
        if !subcommands.isEmpty && rest.isEmpty { return subcommands }
        if word.hasPrefix("-") { return ReplCompletion.options(of: command) }
        if let option = rest.last, option.hasPrefix("--") {
            // The value of an option: a file for the options that take one, nothing to guess otherwise.
            return ["--answers", "--output", "--from"].contains(option) ? ReplCompletion.paths(matching: word) : []
        }
        // The positional argument is given: what is left to complete is options.
        if rest.contains(where: { !$0.hasPrefix("-") }) { return ReplCompletion.options(of: command) }
        let packs = context.library.newestIndexedPacks.map(\.header)
        switch ReplCompletion.valueKind(of: command) {
        case .quizzes: return packs.flatMap { $0.quizzes.map(\.id) }
        case .packs: return packs.map(\.id)
        case .packsAndSkills:
            // A pack, a skill, or after `PACK/` the skills of that pack.
            if let slash = word.firstIndex(of: "/"), let pack = packs.first(where: { $0.id == word[..<slash] }) {
                return pack.skills.map { "\(pack.id)/\($0.id)" }
            }
            return packs.map(\.id) + packs.flatMap { $0.skills.map(\.id) } + packs.filter { $0.id == word }.flatMap { pack in
                pack.skills.map { "\(pack.id)/\($0.id)" }
            }
        case .credentials: return (try? context.store().credentials(learner: context.learner).map(\.id)) ?? []
        case .files: return ReplCompletion.paths(matching: word)
        case .packsAndFiles: return packs.map(\.id) + ReplCompletion.paths(matching: word)
        case .none: return []
        }
    }

    /// The long options a command accepts, read from its help (so they never drift from the parser).
    static func options(of command: any ParsableCommand.Type) -> [String] {
        let help = command.helpMessage(columns: 1000)
        var found: [String] = []
        var rest = Substring(help)
        while let start = rest.range(of: "--") {
            let name = rest[start.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if name.count > 2, !found.contains(String(name)) { found.append(String(name)) }
            rest = rest[start.upperBound...]
        }
        return found
    }

    /// The command reached by a path of command names (aliases allowed) from the root.
    static func command(at path: [String]) -> (any ParsableCommand.Type)? {
        var current: any ParsableCommand.Type = AttestCommand.self
        for name in path {
            let children = current.configuration.subcommands
            guard let next = children.first(where: { $0._commandName == name || $0.configuration.aliases.contains(name) })
            else { return nil }
            current = next
        }
        return current
    }

    /// Names (and aliases) of the subcommands of the command at `path`.
    static func subcommandNames(of path: [String]) -> [String] {
        guard let command = command(at: path) else { return [] }
        return command.configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases }
    }

    /// What a command's positional argument names.
    enum ValueKind {
        case quizzes, packs, packsAndSkills, credentials, files, packsAndFiles, none
    }

    static func valueKind(of command: any ParsableCommand.Type) -> ValueKind {
        switch command._commandName {
        case "take": .quizzes
        case "progress", "stats", "plan": .packs
        case "practice": .packsAndSkills
        case "show", "export", "revoke", "share": .credentials
        case "preview": .packsAndFiles
        case "load", "lint", "verify", "import": .files
        default: .none
        }
    }

    /// Files and folders completing `prefix` (folders end with `/`).
    static func paths(matching prefix: String) -> [String] {
        let expanded = prefix.hasPrefix("~/") ? NSHomeDirectory() + prefix.dropFirst() : prefix
        let directory: String
        let shown: String
        if let slash = expanded.lastIndex(of: "/") {
            directory = String(expanded[...slash])
            shown = String(prefix[...(prefix.lastIndex(of: "/") ?? prefix.startIndex)])
        } else {
            directory = "./"
            shown = ""
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { !$0.hasPrefix(".") || prefix.hasSuffix(".") }.map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + name, isDirectory: &isDirectory)
            return shown + name + (isDirectory.boolValue ? "/" : "")
        }
    }
}
