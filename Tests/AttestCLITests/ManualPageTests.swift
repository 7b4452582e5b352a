import ArgumentParser
@testable import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// The `attest(1)` page rendered from the command tree, and `attest manual-page` on the real binary.
@Suite("ManualPage")
struct ManualPageTests {
    /// Every displayed command path below `command`: `["credentials"], ["credentials", "list"], …`.
    static func paths(_ command: any ParsableCommand.Type, _ prefix: [String] = []) -> [[String]] {
        command.configuration.subcommands.filter { $0.configuration.shouldDisplay }.flatMap { sub -> [[String]] in
            let path = prefix + [sub.configuration.commandName ?? ""]
            return [path] + paths(sub, path)
        }
    }

    @Test func everyCommandHasItsSubsectionAndTheGlobalOptionsAreListedOnce() throws {
        let page = try ManualPage(dumpedHelp: ManualPage.attestCommandTree()).rendered(date: "December 5, 2026", version: "0.1.0")
        let lines = page.split(separator: "\n").map(String.init)
        let subsections = lines.filter { $0.hasPrefix(".Ss ") }
        let expected = Self.paths(AttestCommand.self).map { ".Ss \"attest " + $0.joined(separator: " ") + "\"" }
        #expect(subsections == expected)
        #expect(expected.contains(".Ss \"attest credentials export\"") && expected.count > 20)
        #expect(lines.filter { $0.hasPrefix(".It Fl -store Ar path") }.count == 1, "--store is described once")
        #expect(!page.contains("Cm manual-page"), "hidden commands are not listed")
        #expect(!Repl.commandNames.contains("manual-page"), "nor offered at the prompt")
        #expect(lines.prefix(4).contains(".Dd December 5, 2026") && lines.contains(".Dt ATTEST 1"))
        #expect(lines.contains(".Nm Cm credentials Cm export Oo Ar options Oc Op Ar id"), "\(lines.filter { $0.contains("Cm export") })")
    }

    @Test func textThatRoffWouldReadAsARequestOrAMacroIsGuarded() {
        #expect(ManualPage.escapedText(".hidden") == "\\&.hidden")
        #expect(ManualPage.escapedText("'quoted") == "\\&'quoted")
        #expect(ManualPage.escapedText("a\\b") == "a\\eb")
        #expect(ManualPage.escapedWords("No Ar such word .") == "\\&No \\&Ar such word \\&.")
        #expect(ManualPage.escapedWords("Attest Open Badges") == "Attest Open Badges")
    }

    @Test func theCommandPrintsThePageWithTheGivenDateAndRejectsAMalformedOne() throws {
        let sandbox = try AttestSandbox()
        let printed = try sandbox.run(["manual-page", "--date", "2026-12-05"])
        #expect(printed.status == 0, "\(printed.standardError)")
        #expect(printed.standardOutput.contains(".Dd December 5, 2026\n"))
        let malformed = try sandbox.run(["manual-page", "--date", "5/12/2026"])
        #expect(malformed.status == 64)
        #expect(malformed.standardError.contains("--date takes a date as YYYY-MM-DD"), "\(malformed.standardError)")
    }
}
