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
        let broken = context.library.brokenEntries
        if !broken.isEmpty {
            console.error("")
            for entry in broken {
                let path = TerminalText.quoted(entry.path)
                console.error(console.styled("\(path): not loaded", .red) + " — \(entry.errors.count) error(s); run 'attest pack lint \(path)' for details")
            }
        }
    }
}
