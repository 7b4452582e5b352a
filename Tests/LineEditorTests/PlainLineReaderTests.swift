import Foundation
@testable import LineEditor
import Testing

extension ReaderTests {
    /// The reader for pipes and files, fed through a real pipe.
    @Suite final class PlainLineReaderTests: Sendable {
        /// The writing end of the pipe, closed once (to signal end of input or at teardown).
        final class WriteEnd: @unchecked Sendable {
            private let lock = NSLock()
            private var fd: Int32

            init(_ fd: Int32) { self.fd = fd }

            var descriptor: Int32 { lock.withLock { fd } }

            func close() {
                lock.withLock {
                    if fd >= 0 { Glibc.close(fd) }
                    fd = -1
                }
            }
        }

        let readEnd: Int32
        let writeEnd: WriteEnd
        let reader: PlainLineReader

        init() throws {
            var fds: [Int32] = [-1, -1]
            try #require(pipe(&fds) == 0)
            readEnd = fds[0]
            writeEnd = WriteEnd(fds[1])
            reader = PlainLineReader(fileDescriptor: readEnd)
        }

        deinit {
            writeEnd.close()
            Glibc.close(readEnd)
        }

        func write(_ bytes: [UInt8]) {
            var offset = 0
            while offset < bytes.count {
                let count = bytes.withUnsafeBytes { Glibc.write(writeEnd.descriptor, $0.baseAddress! + offset, bytes.count - offset) }
                guard count > 0 else { return }
                offset += count
            }
        }

        func write(_ text: String) { write(Array(text.utf8)) }

        func endInput() { writeEnd.close() }

        /// Reads with a generous deadline by default, so a broken reader fails instead of hanging.
        func read(deadline: ContinuousClock.Instant = .now + .seconds(5)) -> LineReadResult {
            reader.readLine(ReadOptions(prompt: "never shown> ", deadline: deadline))
        }

        @Test func readsLinesThenEndOfInput() {
            write("first\nsecond café\n\nlast without newline")
            endInput()
            #expect(read() == .line("first"))
            #expect(read() == .line("second café"))
            #expect(read() == .line(""))
            #expect(read() == .line("last without newline"))
            #expect(read() == .endOfInput)
            #expect(read() == .endOfInput)
            #expect(!reader.isInteractive)
        }

        @Test func initialTextStartsTheLine() {
            write("e answer\n")
            endInput()
            #expect(reader.readLine(ReadOptions(prompt: "", deadline: .now + .seconds(5), initialText: "42 is th"))
                == .line("42 is the answer"))
        }

        @Test func acceptsCRLFAndKeepsLoneCarriageReturnsInside() {
            write("one\r\ntwo\r\nthree\rstill three\n")
            endInput()
            #expect(read() == .line("one"))
            #expect(read() == .line("two"))
            #expect(read() == .line("three\rstill three"))
        }

        @Test func invalidUTF8BecomesReplacementCharacters() {
            write([0x61, 0xFF, 0x62, 0xC3, 0x0A, 0xE6, 0x97, 0xA5, 0x0A])
            endInput()
            #expect(read() == .line("a\u{FFFD}b\u{FFFD}"))
            #expect(read() == .line("日"))
        }

        @Test func deadlineReturnsWhatWasTypedSoFar() throws {
            write("partial ans")
            let start = ContinuousClock.now
            #expect(read(deadline: start + .milliseconds(300)) == .timedOut(partial: "partial ans"))
            let elapsed = start.duration(to: .now)
            #expect(elapsed >= .milliseconds(300) && elapsed < .milliseconds(400))
            write("wer\nnext\n")
            #expect(read(deadline: .now + .seconds(2)) == .line("wer"))
            #expect(read() == .line("next"))
        }

        @Test func idleDeadlineTimesOutEmpty() {
            #expect(read(deadline: .now + .milliseconds(100)) == .timedOut(partial: ""))
        }

        @Test func tenMegabyteLineArrivesWhole() {
            let line = [UInt8](repeating: UInt8(ascii: "x"), count: 10 << 20)
            let writer = Thread { [self] in
                write(line + [0x0A] + Array("after\n".utf8))
                endInput()
            }
            writer.start()
            let result = read(deadline: .now + .seconds(20))
            guard case let .line(text) = result else {
                Issue.record("expected a line, got \(result)")
                return
            }
            #expect(text == String(repeating: "x", count: 10 << 20))
            #expect(read() == .line("after"))
        }

        @Test func linesLongerThanTheMaximumAreCutNotBuffered() throws {
            var fds: [Int32] = [-1, -1]
            try #require(pipe(&fds) == 0)
            defer { Glibc.close(fds[0]) }
            let small = PlainLineReader(fileDescriptor: fds[0], maximumLineLength: 8)
            let writeEnd = fds[1]
            let text = Array((String(repeating: "abcdefghij", count: 20_000) + "\nok\n").utf8)
            let writer = Thread {
                _ = text.withUnsafeBytes { Glibc.write(writeEnd, $0.baseAddress!, $0.count) }
                Glibc.close(writeEnd)
            }
            writer.start()
            #expect(small.readLine(ReadOptions(prompt: "", deadline: .now + .seconds(5))) == .line("abcdefgh"))
            #expect(small.readLine(ReadOptions(prompt: "", deadline: .now + .seconds(5))) == .line("ok"))
        }

        @Test func recordsOnlyLinesMeantForHistory() throws {
            let history = LineHistory(path: nil)
            let recording = PlainLineReader(fileDescriptor: readEnd, history: history)
            write("help\nmy exam answer\n")
            #expect(recording.readLine(ReadOptions(prompt: "", deadline: .now + .seconds(5))) == .line("help"))
            #expect(recording.readLine(ReadOptions(prompt: "", deadline: .now + .seconds(5), recordInHistory: false)) == .line("my exam answer"))
            #expect(history.entries == ["help"])
        }
    }
}
