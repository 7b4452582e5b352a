import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// The REPL driven like a person would: through a pseudo-terminal, with real keys.
@Suite("Repl", .serialized)
struct ReplTests {
    typealias Key = PseudoTerminal.Key

    private func start(_ sandbox: AttestSandbox, _ arguments: [String] = []) throws -> PseudoTerminal {
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(executable: binary, arguments: arguments, environment: sandbox.environment)
        try terminal.waitFor("attest>", timeout: .seconds(10), ignoringEscapes: true)
        return terminal
    }

    @Test func bannerCompletionAndUnknownCommands() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox)
        defer { terminal.close() }
        #expect(terminal.output.contains("8 packs, 0 credentials for ada"))
        try terminal.send("pac" + Key.tab + Key.tab)
        try terminal.waitFor("packs", ignoringEscapes: true)
        try terminal.send("s" + Key.enter)
        try terminal.waitFor("data-analytics-exam", ignoringEscapes: true)
        try terminal.send("take data-analytics-q" + Key.tab + Key.ctrlA + "help " + Key.enter)
        try terminal.waitFor("USAGE: attest take", ignoringEscapes: true)
        try terminal.send("pakcs" + Key.enter)
        try terminal.waitFor("unknown command 'pakcs' — did you mean 'packs'?", ignoringEscapes: true)
        try terminal.waitFor("attest>", ignoringEscapes: true)
        try terminal.send(Key.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func nonASCIITextRoundTripsAndBackspaceRemovesWholeCharacters() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox)
        defer { terminal.close() }
        try terminal.send("take café-naïve-日本語x" + Key.backspace + Key.enter)
        try terminal.waitFor("No quiz 'café-naïve-日本語'", ignoringEscapes: true)
        try terminal.send("quit" + Key.enter)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func windowResizeRedrawsTheLineBeingTyped() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox)
        defer { terminal.close() }
        try terminal.send("learn")
        try terminal.waitFor("learn", ignoringEscapes: true)
        // The kernel sends SIGWINCH to attest, the terminal's foreground process.
        try terminal.resize(columns: 50, rows: 20)
        try terminal.waitFor("attest> learn", timeout: .seconds(3), ignoringEscapes: true)
        try terminal.send("er" + Key.enter)
        try terminal.waitFor("learner  ada", ignoringEscapes: true)
        try terminal.waitFor("attest>", ignoringEscapes: true)
        try terminal.send(Key.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func ctrlDTypedAheadOfThePromptStillLeaves() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox)
        defer { terminal.close() }
        // Ctrl-D may arrive while the command runs, between two reads: it must not be lost.
        try terminal.send("learner" + Key.enter + Key.ctrlD)
        try terminal.waitFor("learner  ada", ignoringEscapes: true)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func ctrlCCancelsTheLineAndTheSessionGoesOn() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox)
        defer { terminal.close() }
        try terminal.send("take nothing-at-all" + Key.ctrlC)
        try terminal.waitFor("attest>", ignoringEscapes: true)
        try terminal.send("learner" + Key.enter)
        try terminal.waitFor("learner  ada", ignoringEscapes: true)
        try terminal.waitFor("attest>", ignoringEscapes: true)
        #expect(!terminal.output.contains("No quiz 'nothing-at-all'"))
        try terminal.send(Key.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func terminalModesAreRestoredOnEveryWayOut() throws {
        for ending in ["quit\r", Key.ctrlD, "SIGTERM", "SIGHUP"] {
            let sandbox = try AttestSandbox()
            let binary = try #require(AttestBinary.path)
            let terminal = try PseudoTerminal.spawn(executable: binary, environment: sandbox.environment)
            defer { terminal.close() }
            let before = try terminal.terminalModes()
            try terminal.waitFor("attest>", timeout: .seconds(10), ignoringEscapes: true)
            #expect(try terminal.terminalModes() != before, "libedit puts the terminal in raw mode while reading")
            switch ending {
            case "SIGTERM": kill(terminal.processID!, SIGTERM)
            case "SIGHUP": kill(terminal.processID!, SIGHUP)
            default: try terminal.send(ending)
            }
            let status = try terminal.waitForExit()
            #expect(status == (ending == "SIGTERM" ? 143 : ending == "SIGHUP" ? 129 : 0))
            #expect(try terminal.terminalModes() == before, "modes after \(ending.debugDescription)")
        }
    }

    @Test func completionEscapesSpacesInFileNames() throws {
        let sandbox = try AttestSandbox()
        try sandbox.write("x", to: "Week 3 Quiz.txt")
        let terminal = try start(sandbox)
        defer { terminal.close() }
        try terminal.send("creds verify \(sandbox.root.path)/Wee" + Key.tab)
        try terminal.waitFor("3\\ Quiz.txt", ignoringEscapes: true)
        try terminal.send(Key.ctrlU + "quit" + Key.enter)
    }

    @Test func upArrowInsideAQuizDoesNotRecallCommands() throws {
        let sandbox = try AttestSandbox()
        let terminal = try start(sandbox)
        defer { terminal.close() }
        try terminal.send("packs" + Key.enter)
        try terminal.waitFor("attest>", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.send("take ai-basics-practice --seed 3" + Key.enter)
        try terminal.waitFor("answer>", timeout: .seconds(10), ignoringEscapes: true)
        // Were a command recalled, the line would read "packs:time" and no time report would come.
        try terminal.send(Key.up + Key.up + ":time" + Key.enter)
        let shown = try terminal.waitFor("not timed", timeout: .seconds(10), ignoringEscapes: true)
        #expect(!shown.contains("packs") && !shown.contains("take ai-basics"), "↑ brought a command onto the answer line")
        try terminal.send(":quit" + Key.enter + "y" + Key.enter)
        try terminal.waitFor("attest>", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.send(Key.up)
        try terminal.waitFor("take ai-basics-practice --seed 3", ignoringEscapes: true)
        try terminal.send(Key.ctrlU + "quit" + Key.enter)
    }

    @Test func atTwentyColumnsTheQuestionScreenWrapsBetweenWords() throws {
        let sandbox = try AttestSandbox()
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(
            executable: binary, arguments: ["take", "ai-basics-practice", "--seed", "3"], environment: sandbox.environment,
            columns: 20, rows: 40)
        defer { terminal.close() }
        let shown = try terminal.waitFor("answer>", timeout: .seconds(10), ignoringEscapes: true)
        let header = shown.components(separatedBy: "Question 1").dropFirst().first?.components(separatedBy: "\r\n\r\n").first ?? ""
        #expect(!header.isEmpty, "\(shown)")
        for line in ("Question 1" + header).components(separatedBy: "\r\n") {
            #expect(line.count <= 20, "'\(line)' is wider than the window: the terminal would cut a word")
        }
        // The title, the options and the answer hint wrap too; only a single word wider than the window may not.
        for line in shown.components(separatedBy: "\r\n") where line.split(separator: " ").count > 1 {
            #expect(line.count <= 20, "'\(line)' is wider than the window: the terminal would cut a word")
        }
        try terminal.send(":quit" + Key.enter + "y" + Key.enter)
        _ = try terminal.waitForExit(timeout: .seconds(10))
    }

    @Test func aCLocaleGetsASCIIInsteadOfBoxDrawingAndSymbols() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("ai-basics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "ai-basics-exam", seed: 4)
        _ = try sandbox.run(["take", "ai-basics-exam", "--seed", "4", "--json"], input: answers.joined(separator: "\n") + "\n")
        for arguments in [["progress", "ai-basics"], ["packs"]] {
            let run = try sandbox.run(arguments, extraEnvironment: ["LANG": "C", "LC_ALL": "C"])
            #expect(run.status == 0)
            let ascii = run.standardOutput.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii, "\(run.standardOutput)")
        }
        let utf8 = try sandbox.run(["progress", "ai-basics"], extraEnvironment: ["LANG": "C.UTF-8", "LC_ALL": ""])
        #expect(utf8.standardOutput.contains("█"))
    }
}
