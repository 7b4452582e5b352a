import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// README.md against the binary: every command of "A first session" runs and exits 0 as shown, and every
/// command of the command tables exists with the options the table names (issue #20, "Done when").
@Suite("ReadmeCommands")
struct ReadmeCommandsTests {
    static let readme = (try? String(
        contentsOf: AttestBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The `attest> …` lines of the "A first session" block, comments removed.
    static var firstSession: [String] {
        guard let start = readme.range(of: "## A first session") else { return [] }
        let block = readme[start.upperBound...].components(separatedBy: "```")[1]
        return block.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("attest> ") else { return nil }
            let command = line.dropFirst("attest> ".count)
            return String(command.split(separator: "#", maxSplits: 1)[0]).trimmingCharacters(in: .whitespaces)
        }
    }

    /// The right answers for a `take` command drawn with `seed`.
    private func answers(for words: [String], seed: UInt64) throws -> [String] {
        let target = words[1]
        let packID = ["data-analytics", "ai-basics", "cybersecurity"].first { target.hasPrefix($0) } ?? target
        return try ShippedPacks.answers(pack: try #require(ShippedPacks.pack(packID)), quiz: target, seed: seed)
    }

    @Test func everyCommandOfTheFirstSessionRunsAsShown() throws {
        let commands = Self.firstSession
        try #require(commands.count >= 8, "the README's first session lists its commands")
        let sandbox = try AttestSandbox()
        let packs = try sandbox.run(["packs", "--json"])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(packs.standardOutput.utf8)) as? [Any])
        // `--version` adds the commit the binary was built from; the banner names the version alone.
        let version = try sandbox.run(["--version"]).standardOutput.split(separator: " ").first.map(String.init) ?? ""
        #expect(Self.readme.contains("Attest \(version) — \(listed.count) packs, 0 credentials for ada."))
        var credentialPrefix: String?
        for command in commands {
            var words = command.split(separator: " ").map(String.init)
            var input = ""
            if words[0] == "take" {
                input = try answers(for: words, seed: 7).joined(separator: "\n") + "\n"
                words += ["--seed", "7"]
            } else if words[0] == "practice" {
                // Practice picks by what is due (docs/scoring.md), not by a seed: skipping is an answer to any question.
                input = String(repeating: ":skip\n", count: 10)
            }
            if words.starts(with: ["creds", "export"]), let prefix = credentialPrefix { words[2] = prefix }
            let run = try sandbox.run(words, input: input)
            #expect(run.status == 0, "'\(command)' exits 0: \(run.standardError)")
            if words == ["creds"] {
                let log = try sandbox.run(["creds", "list", "--json"])
                let entries = try #require(try JSONSerialization.jsonObject(with: Data(log.standardOutput.utf8)) as? [[String: Any]])
                let id = try #require(entries.first?["id"] as? String)
                credentialPrefix = String(id.dropFirst("urn:uuid:".count).prefix(4))
            }
        }
        #expect(credentialPrefix != nil, "the first session earns a credential")
    }

    /// Each table row's command: the words naming it, and the options it shows.
    static var tableCommands: [(words: [String], options: [String])] {
        let names = Set(["packs", "load", "take", "practice", "resume", "progress", "credentials", "creds", "issuer", "learner",
                         "pack", "attempts", "stats", "store", "help"])
        var rows: [(words: [String], options: [String])] = []
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            // The first cell ends at the first "|" that is not escaped as "\\|".
            var cell = ""
            for character in line.dropFirst(3) {
                if character == "|", cell.last != "\\" { break }
                cell.append(character)
            }
            for usage in cell.components(separatedBy: "` / `") + cell.components(separatedBy: "`, `").dropFirst() {
                let text = usage.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "\\|", with: "|")
                let tokens = text.split(separator: " ").map(String.init)
                guard let first = tokens.first, names.contains(first) else { continue }
                let words = Array(tokens.prefix { $0.allSatisfy { $0.isLowercase || $0 == "-" } && !$0.hasPrefix("-") })
                let options = tokens.flatMap { $0.split(whereSeparator: { "[]|".contains($0) }) }
                    .filter { $0.hasPrefix("--") }.map(String.init)
                rows.append((words, options))
            }
        }
        return rows
    }

    @Test func everyCommandOfTheTablesExistsWithTheOptionsShown() throws {
        let rows = Self.tableCommands
        try #require(rows.count >= 20, "the README's tables list the commands")
        let sandbox = try AttestSandbox()
        for (words, options) in rows {
            let help = try sandbox.run(words == ["help"] ? ["--help"] : words + ["--help"])
            #expect(help.status == 0, "'\(words.joined(separator: " "))' is a command: \(help.standardError)")
            for option in options {
                #expect(help.standardOutput.contains(option), "'\(words.joined(separator: " "))' has \(option)")
            }
        }
    }
}
