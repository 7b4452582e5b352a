import AttestTestSupport
import Foundation
@testable import LineEditor
import Synchronization
import Testing

extension ReaderTests {
    /// Saving and restoring terminal modes, and SIGTERM deferred to a waiting reader.
    @Suite struct TerminalModeGuardTests {
        @Test func restoresTheSavedModes() throws {
            let terminal = try PseudoTerminal()
            defer { terminal.close() }
            let before = try terminal.terminalModes()
            let modes = try TerminalModeGuard(fileDescriptor: terminal.slaveDescriptor)
            var raw = termios()
            tcgetattr(terminal.slaveDescriptor, &raw)
            cfmakeraw(&raw)
            tcsetattr(terminal.slaveDescriptor, TCSANOW, &raw)
            #expect(try terminal.terminalModes() != before)
            #expect(modes.restore())
            #expect(try terminal.terminalModes() == before)
        }

        @Test func refusesSomethingThatIsNotATerminal() throws {
            var fds: [Int32] = [-1, -1]
            try #require(pipe(&fds) == 0)
            defer { fds.forEach { _ = Glibc.close($0) } }
            #expect(throws: TerminalModeError.self) { try TerminalModeGuard(fileDescriptor: fds[0]) }
        }

        @Test func sigtermWhileReadingIsReportedAsTerminated() throws {
            TerminalModeGuard.installTerminationHandlers()
            var fds: [Int32] = [-1, -1]
            try #require(pipe(&fds) == 0)
            defer { fds.forEach { _ = Glibc.close($0) } }
            let reader = PlainLineReader(fileDescriptor: fds[0])
            let read = BackgroundRead(reader, ReadOptions(prompt: "", deadline: .now + .seconds(5)))
            // Wait until the reader is counted as waiting, then signal the process.
            let limit = ContinuousClock.now + .seconds(2)
            while terminationState.pointee.waitingReaders.load(ordering: .acquiring) == 0, ContinuousClock.now < limit {
                usleep(1_000)
            }
            try #require(terminationState.pointee.waitingReaders.load(ordering: .acquiring) > 0)
            kill(getpid(), SIGTERM)
            #expect(read.result(timeout: 3) == .terminated(signal: SIGTERM))
            #expect(try #require(read.elapsed) < .seconds(1))
            #expect(TerminationSignals.takePending() == nil)
        }
    }
}
