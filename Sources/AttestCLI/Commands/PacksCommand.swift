import ArgumentParser
import AttestCore
import Foundation

/// `packs`: what packs are available, their versions, and which files failed to load.
struct PacksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packs",
        abstract: "List the available assessment packs, their quizzes and credentials."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let context = global.context()
        let console = context.console
        let indexed = context.library.indexedPacks
        if json {
            let rows: [[String: Any]] = indexed.map { item in
                let pack = item.header
                return [
                    "id": pack.id, "version": pack.version.description, "title": pack.title,
                    "questions": item.questionCount, "skills": pack.skills.map(\.id),
                    "quizzes": pack.quizzes.map(\.id), "credentials": pack.credentials.map(\.id),
                    "contentHash": pack.contentHash, "path": item.path,
                ]
            }
            console.line(try JSONOutput.string(rows))
            return
        }
        if indexed.isEmpty {
            console.line("No packs found. Searched: \(context.packDirectories.map { TerminalText.quoted($0) }.joined(separator: ", ")).")
        }
        var newest = Set<String>()
        for item in indexed {
            let pack = item.header
            let isNewest = newest.insert(pack.id).inserted
            let marker = isNewest ? "" : console.styled(" (older version)", .dim)
            console.line(console.styled(pack.id, .bold, .cyan) + " " + pack.version.description + marker + "  "
                + console.safe(pack.title))
            console.line("    \(item.questionCount) questions · skills: "
                + console.safe(pack.skills.map(\.id).joined(separator: ", ")))
            for quiz in pack.quizzes {
                let timing = quiz.timeLimit.map { " · \(DurationText.minutes($0))" } ?? ""
                console.line("    quiz " + console.styled(quiz.id, .cyan) + "  " + console.safe(quiz.title)
                    + console.styled(" (\(quiz.mode.rawValue)\(timing))", .dim))
            }
            for credential in pack.credentials {
                console.line("    credential " + console.styled("\(pack.id)/\(credential.id)", .magenta) + "  "
                    + console.safe(credential.name))
            }
        }
        for (first, other) in PacksCommand.conflicts(indexed.map { ($0.header.id, $0.header.version.description, $0.header.contentHash, $0.path) }) {
            console.error(console.styled("warning: ", .yellow) + console.safe("\(first.path) and \(other) both hold \(first.id) "
                + "\(first.version) with different content; only one is used. Give one of them a new version."))
        }
        let broken = context.library.brokenEntries
        if !broken.isEmpty {
            console.error("")
            for entry in broken {
                let path = TerminalText.quoted(entry.path)
                console.error(console.styled("\(path): not loaded", .red) + " — \(Plural.count(entry.errors.count, "error")); run 'attest pack lint \(path)' for details")
            }
        }
    }

    /// Files claiming the same pack id and version with different content: the first one seen and each other's path.
    static func conflicts(_ items: [(id: String, version: String, hash: String, path: String)])
        -> [(first: (id: String, version: String, path: String), other: String)]
    {
        var seen: [String: (id: String, version: String, hash: String, path: String)] = [:]
        var found: [(first: (id: String, version: String, path: String), other: String)] = []
        for item in items {
            let key = item.id + "\u{0}" + item.version
            guard let first = seen[key] else {
                seen[key] = item
                continue
            }
            if first.hash != item.hash { found.append(((first.id, first.version, first.path), item.path)) }
        }
        return found
    }
}
