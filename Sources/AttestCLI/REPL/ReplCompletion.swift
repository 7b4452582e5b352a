import ArgumentParser
import AttestCore
import Foundation
import LineEditor

/// What TAB offers at the `attest>` prompt: commands, subcommands, pack, quiz and
/// skill ids where a command takes them, and file paths where it takes a file.
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
        let endsWithSpace = text.last.map { $0 == " " || $0 == "\t" } ?? false
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let word = endsWithSpace ? "" : (words.popLast() ?? "")
        let names = completions(after: words, word: word)
        return Completion.Candidates(word: word, candidates: names.filter { $0.hasPrefix(word) }.sorted())
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
        switch ReplCompletion.valueKind(of: command) {
        case .quizzes: return context.library.newestIndexedPacks.flatMap { $0.header.quizzes.map(\.id) }
        case .packs: return context.library.newestIndexedPacks.map(\.id)
        case .packsAndSkills:
            let packs = context.library.newestIndexedPacks.map(\.header)
            return packs.map(\.id) + packs.flatMap { $0.skills.map(\.id) } + ["--missed", "--timed"]
        case .credentials: return (try? context.store().credentials(learner: context.learner).map(\.id)) ?? []
        case .files: return ReplCompletion.paths(matching: word)
        case .none: return []
        }
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
        case quizzes, packs, packsAndSkills, credentials, files, none
    }

    static func valueKind(of command: any ParsableCommand.Type) -> ValueKind {
        switch command._commandName {
        case "take": .quizzes
        case "progress", "stats", "plan": .packs
        case "practice": .packsAndSkills
        case "show", "export", "revoke", "share": .credentials
        case "load", "lint", "preview", "verify", "import": .files
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
