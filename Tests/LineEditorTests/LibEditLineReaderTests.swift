import AttestTestSupport
import Foundation
@testable import LineEditor
import Testing

extension ReaderTests {
    /// Drives the real libedit reader in-process on a pseudo-terminal slave.
    @Suite final class LibEditLineReaderTests {
        typealias Key = PseudoTerminal.Key

        let terminal: PseudoTerminal
        let reader: LibEditLineReader
        private var readCount = 0

        init() throws {
            terminal = try PseudoTerminal()
            reader = try Self.reader(on: terminal)
        }

        /// Closing the terminal first ends any read still waiting (a failed test never hangs).
        deinit {
            terminal.close()
            reader.close()
        }

        static func reader(
            on terminal: PseudoTerminal, history: LineHistory? = nil, completion: CompletionProvider? = nil
        ) throws -> LibEditLineReader {
            try LibEditLineReader(
                input: terminal.slaveDescriptor, output: terminal.slaveDescriptor, history: history,
                completion: completion, terminalType: "xterm-256color", restoresOnTermination: false)
        }

        /// Starts a read and waits for its prompt, so typed keys reach libedit in edit mode.
        func startRead(_ options: ReadOptions, on reader: LibEditLineReader? = nil) throws -> BackgroundRead {
            let read = BackgroundRead(reader ?? self.reader, options)
            try terminal.waitFor(options.prompt, timeout: .seconds(5))
            return read
        }

        /// Types `keys` into a fresh read. Each read gets its own prompt, so waiting for the prompt
        /// never matches the previous one and keys never arrive before libedit is in edit mode.
        func type(_ keys: String) throws -> LineReadResult? {
            readCount += 1
            let read = try startRead(ReadOptions(prompt: "r\(readCount)> "))
            try terminal.send(keys)
            let result = read.result()
            if result == nil { Issue.record("no result; screen output: \(terminal.unmatchedOutput.debugDescription)") }
            return result
        }

        @Test(arguments: ["café", "naïve", "日本語", "mixed ünïcödé 日本 ok"])
        func typedUnicodeComesBackExactly(_ text: String) throws {
            #expect(try type(text + Key.enter) == .line(text))
        }

        @Test func backspaceRemovesAWholeWideCharacter() throws {
            #expect(try type("日本語" + Key.backspace + Key.backspace + "x" + Key.enter) == .line("日x"))
            #expect(try type("ab日" + Key.backspace + "c" + Key.enter) == .line("abc"))
        }

        @Test func cursorMovesOverMultiByteCharacters() throws {
            #expect(try type("café" + Key.left + Key.left + "X" + Key.enter) == .line("caXfé"))
            #expect(try type("日本" + Key.ctrlA + "语" + Key.ctrlE + "!" + Key.enter) == .line("语日本!"))
        }

        @Test func tabCompletesASingleMatchWithASpace() throws {
            let reader = try Self.reader(on: terminal, completion: { before in
                let word = String(before.split(separator: " ", omittingEmptySubsequences: false).last ?? "")
                return Completion.Candidates(word: word, candidates: ["quiz", "history", "help"])
            })
            defer { terminal.close(); reader.close() }
            let read = try startRead(ReadOptions(prompt: "> "), on: reader)
            try terminal.send("qu" + Key.tab)
            try terminal.waitFor("quiz ", timeout: .seconds(10), ignoringEscapes: true)
            try terminal.send("now" + Key.enter)
            #expect(read.result() == .line("quiz now"))
        }

        @Test func tabExtendsAnAmbiguousWordThenListsCandidates() throws {
            let reader = try Self.reader(on: terminal, completion: { before in
                Completion.Candidates(word: before, candidates: ["swift-basics", "swift-concurrency", "sql"])
            })
            defer { terminal.close(); reader.close() }
            let read = try startRead(ReadOptions(prompt: "> "), on: reader)
            try terminal.send("sw" + Key.tab)
            try terminal.waitFor("swift-", timeout: .seconds(10), ignoringEscapes: true)
            try terminal.send(Key.tab)
            let listing = try terminal.waitFor("swift-concurrency", timeout: .seconds(10), ignoringEscapes: true)
            #expect(listing.contains("swift-basics"))
            // The line is redrawn under the list with the text typed so far.
            try terminal.waitFor("> swift-", timeout: .seconds(10), ignoringEscapes: true)
            try terminal.send("b" + Key.tab + Key.enter)
            #expect(read.result() == .line("swift-basics "))
        }

        @Test func tabDoesNothingWhenCompletionIsOffForTheRead() throws {
            let reader = try Self.reader(on: terminal, completion: { before in
                Completion.Candidates(word: before, candidates: ["quiz"])
            })
            defer { terminal.close(); reader.close() }
            let read = try startRead(ReadOptions(prompt: "> ", completion: false), on: reader)
            try terminal.send("q" + Key.tab + Key.enter)
            #expect(read.result() == .line("q"))
        }

        @Test func ctrlCCancelsTheLineAndTheNextReadWorks() throws {
            let read = try startRead(ReadOptions(prompt: "edit> "))
            // While editing, the keyboard raises no signals: Ctrl-C arrives as a key.
            let editing = try terminal.terminalModes()
            #expect(!editing.raisesSignals && !editing.isCanonical && !editing.echoes)
            try terminal.send("half typed" + Key.ctrlC)
            #expect(read.result() == .interrupted)
            #expect(try type("next" + Key.enter) == .line("next"))
        }

        @Test func ctrlDOnAnEmptyLineEndsInput() throws {
            #expect(try type(Key.ctrlD) == .endOfInput)
            // Ctrl-D inside a line deletes the character under the cursor instead.
            #expect(try type("ab" + Key.left + Key.ctrlD + Key.enter) == .line("a"))
        }

        @Test func ctrlDTypedBeforeTheReadBeganEndsInput() throws {
            try terminal.send(Key.ctrlD)
            // The terminal's line discipline holds the end-of-file once the slave side sees input.
            var waiting = pollfd(fd: terminal.slaveDescriptor, events: Int16(POLLIN), revents: 0)
            #expect(poll(&waiting, 1, 2000) == 1)
            let read = BackgroundRead(reader, ReadOptions(prompt: "early> "))
            #expect(read.result(timeout: 2) == .endOfInput)
        }

        @Test func aWholeLineTypedBeforeTheReadBeganIsItsLine() throws {
            try terminal.send("early bird" + Key.enter)
            var waiting = pollfd(fd: terminal.slaveDescriptor, events: Int16(POLLIN), revents: 0)
            #expect(poll(&waiting, 1, 2000) == 1)
            let read = BackgroundRead(reader, ReadOptions(prompt: "early> "))
            #expect(read.result(timeout: 2) == .line("early bird"))
        }

        @Test func idleTimedReadReturnsByItselfAtTheDeadline() throws {
            let deadline = ContinuousClock.now + .seconds(1)
            let options = ReadOptions(prompt: "answer> ", deadline: deadline, status: { _ in "⏳ 1s" }, recordInHistory: false)
            let read = try startRead(options)
            try terminal.waitFor("⏳ 1s", timeout: .milliseconds(500))
            let result = try #require(read.result(timeout: 3))
            #expect(result == .timedOut(partial: ""))
            #expect(deadline.duration(to: try #require(read.finished)) < .milliseconds(100))
            #expect(try #require(read.elapsed) < .milliseconds(1100))
        }

        @Test func timedReadReturnsThePartialText() throws {
            let deadline = ContinuousClock.now + .seconds(1)
            let read = try startRead(ReadOptions(prompt: "answer> ", deadline: deadline))
            try terminal.send("42 is th")
            #expect(read.result(timeout: 3) == .timedOut(partial: "42 is th"))
            #expect(try #require(read.elapsed) < .milliseconds(1100))
        }

        @Test func initialTextIsOnTheLineAndCanBeEdited() throws {
            let read = try startRead(ReadOptions(prompt: "again> ", initialText: "42 is th"))
            try terminal.waitFor("42 is th", timeout: .seconds(3))
            try terminal.send("e answer" + Key.ctrlA + "> " + Key.enter)
            #expect(read.result() == .line("> 42 is the answer"))
        }

        @Test func countdownIsRedrawnEverySecondWithoutDisturbingTheLine() throws {
            // Distinct texts per second, so each is drawn in full (libedit redraws only what changed).
            let texts: [Int64: String] = [3: "aaaa", 2: "bbbb", 1: "cccc"]
            let deadline = ContinuousClock.now + .milliseconds(2500)
            let options = ReadOptions(prompt: "q> ", deadline: deadline, status: { remaining in
                texts[remaining.components.seconds] ?? "????"
            })
            defer { terminal.close(); reader.close() }
            let read = try startRead(options)
            try terminal.waitFor("aaaa", timeout: .seconds(1))
            try terminal.send("héllo")
            try terminal.waitFor("bbbb", timeout: .milliseconds(1100))
            try terminal.send(" wörld")
            try terminal.waitFor("cccc", timeout: .milliseconds(1100))
            #expect(read.result(timeout: 3) == .timedOut(partial: "héllo wörld"))
        }

        @Test func enterDuringACountdownReturnsTheLine() throws {
            let options = ReadOptions(prompt: "cd> ", deadline: .now + .seconds(5), status: { _ in "zzzz" })
            let read = try startRead(options)
            try terminal.waitFor("zzzz")
            try terminal.send("done" + Key.enter)
            #expect(read.result() == .line("done"))
        }

        @Test func terminalModesAreRestoredAfterReadsAndClose() throws {
            let before = try terminal.terminalModes()
            #expect(try type("x" + Key.enter) == .line("x"))
            #expect(try terminal.terminalModes() == before)
            let read = try startRead(ReadOptions(prompt: "t> ", deadline: .now + .milliseconds(300)))
            #expect(read.result() == .timedOut(partial: ""))
            #expect(try terminal.terminalModes() == before)
            let result = try type(Key.ctrlC)
            #expect(result == .interrupted)
            let after = try terminal.terminalModes()
            #expect(after == before, "\(after) vs \(before)")
            reader.close()
            reader.close()
            #expect(try terminal.terminalModes() == before)
        }

        @Test func historyIsRecalledAndExamAnswersAreNotRecorded() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("attest/history").path
            let reader = try Self.reader(on: terminal, history: LineHistory(path: path))
            defer { terminal.close(); reader.close() }
            let first = try startRead(ReadOptions(prompt: "> "), on: reader)
            try terminal.send("quiz swift" + Key.enter)
            #expect(first.result() == .line("quiz swift"))
            let answer = try startRead(ReadOptions(prompt: "a> ", recordInHistory: false), on: reader)
            try terminal.send("secret answer" + Key.enter)
            #expect(answer.result() == .line("secret answer"))
            let recall = try startRead(ReadOptions(prompt: "again> "), on: reader)
            try terminal.send(Key.up + Key.enter)
            #expect(recall.result() == .line("quiz swift"))
            reader.close()
            #expect(LineHistory(path: path).entries == ["quiz swift"])
        }

        @Test func colouredPromptDoesNotShiftTheCursor() throws {
            let read = try startRead(ReadOptions(prompt: "\u{1B}[1;34mquiz>\u{1B}[0m "))
            try terminal.send("日本" + Key.left + "x" + Key.enter)
            #expect(read.result() == .line("日x本"))
        }

        @Test func sigtermWhileEditingIsReportedAndTheTerminalRestored() throws {
            TerminalModeGuard.installTerminationHandlers()
            let before = try terminal.terminalModes()
            let read = try startRead(ReadOptions(prompt: "term> "))
            try terminal.send("unfinished")
            try terminal.waitFor("unfinished")
            kill(getpid(), SIGTERM)
            #expect(read.result() == .terminated(signal: SIGTERM))
            #expect(try terminal.terminalModes() == before)
        }

        @Test func windowResizeRedrawsTheLineBeingEdited() throws {
            TerminalModeGuard.installTerminationHandlers()
            let read = try startRead(ReadOptions(prompt: "size> "))
            try terminal.send("half typed")
            try terminal.waitFor("half typed")
            try terminal.resize(columns: 40, rows: 12)
            kill(getpid(), SIGWINCH)
            // Without the redraw the text is never written again and this wait times out.
            try terminal.waitFor("half typed", timeout: .seconds(2))
            try terminal.send(" line" + Key.enter)
            #expect(read.result() == .line("half typed line"))
        }

        @Test func readAfterCloseEndsInput() throws {
            reader.close()
            #expect(reader.readLine(ReadOptions(prompt: "> ")) == .endOfInput)
        }
    }
}
