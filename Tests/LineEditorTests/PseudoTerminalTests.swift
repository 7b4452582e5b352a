import AttestTestSupport
import Foundation
import Testing

/// The harness later suites use to drive the real `attest` binary, checked against /bin/sh.
@Suite struct PseudoTerminalTests {
    typealias Key = PseudoTerminal.Key

    @Test func childGetsATerminalWithTermAndWindowSize() throws {
        let terminal = try PseudoTerminal.spawn(
            executable: "/bin/sh", arguments: ["-c", "echo \"term=$TERM extra=$EXTRA\"; stty size; tty"],
            environment: ["EXTRA": "yes"])
        defer { terminal.close() }
        try terminal.waitFor("term=xterm-256color extra=yes")
        try terminal.waitFor("30 100")
        try terminal.waitFor("/dev/pts/")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func typedTextReachesTheChildAndExitCodeIsReported() throws {
        let terminal = try PseudoTerminal.spawn(
            executable: "/bin/sh", arguments: ["-c", "echo ready; read line; echo \"got:$line\"; exit 3"])
        defer { terminal.close() }
        try terminal.waitFor("ready")
        try terminal.send("héllo 日本" + Key.enter)
        try terminal.waitFor("got:héllo 日本")
        #expect(try terminal.waitForExit() == 3)
    }

    @Test func ctrlCInterruptsTheForegroundChild() throws {
        let terminal = try PseudoTerminal.spawn(executable: "/bin/sh", arguments: ["-c", "echo ready; exec sleep 30"])
        defer { terminal.close() }
        try terminal.waitFor("ready")
        usleep(100_000)
        try terminal.send(Key.ctrlC)
        #expect(try terminal.waitForExit() == 128 + SIGINT)
    }

    @Test func waitingForTextThatNeverComesTimesOut() throws {
        let terminal = try PseudoTerminal.spawn(executable: "/bin/sh", arguments: ["-c", "echo something; exec sleep 30"])
        defer { terminal.close() }
        let start = ContinuousClock.now
        #expect(throws: PseudoTerminalError.self) { try terminal.waitFor("never printed", timeout: .milliseconds(200)) }
        #expect(start.duration(to: .now) < .seconds(2))
        #expect(throws: PseudoTerminalError.self) { try terminal.waitForExit(timeout: .milliseconds(100)) }
    }

    @Test func closeKillsARunningChild() throws {
        let terminal = try PseudoTerminal.spawn(executable: "/bin/sh", arguments: ["-c", "exec sleep 30"])
        let pid = try #require(terminal.processID)
        terminal.close()
        #expect(kill(pid, 0) == -1)
    }

    @Test func strippingEscapesKeepsOnlyText() {
        let raw = "\u{1B}[1;32mok\u{1B}[0m \u{1B}]0;title\u{7}done\u{1B}[4G!"
        #expect(PseudoTerminal.strippingEscapes(raw) == "ok done!")
    }

    @Test func matchesIgnoringEscapesConsumeOnlyUpToTheMatch() throws {
        let terminal = try PseudoTerminal.spawn(
            executable: "/bin/sh", arguments: ["-c", "printf '\\033[1mone\\033[0m two three\\n'; exec sleep 30"])
        defer { terminal.close() }
        #expect(try terminal.waitFor("one two", ignoringEscapes: true) == "one two")
        try terminal.waitFor("three")
    }
}
