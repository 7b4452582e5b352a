import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Why a terminal's modes could not be saved.
public enum TerminalModeError: LocalizedError, Equatable {
    /// The descriptor is not a terminal (a pipe, a file, or closed).
    case notATerminal(fileDescriptor: Int32, errno: Int32)

    public var errorDescription: String? {
        switch self {
        case let .notATerminal(fd, code):
            "File descriptor \(fd) is not a terminal (\(String(cString: strerror(code)))); "
                + "run attest in a terminal or pipe input into it."
        }
    }
}

/// Saves the modes (termios) of a terminal and puts them back, even when the process is
/// killed by SIGTERM or SIGHUP, so a quiz interrupted from outside never leaves the user's
/// shell in raw mode.
///
/// Behaviour once `restoreOnTermination()` (or `installTerminationHandlers()`) has been called:
/// - While a reader of this module is waiting in `readLine`, SIGTERM/SIGHUP are *deferred*:
///   the handler only records the signal and wakes the reader through a self-pipe, and
///   `readLine` returns `.terminated(signal:)`. The caller then records what it must, calls
///   `close()` on the reader and `TerminalModeGuard.exit(bySignal:)`.
/// - At any other moment (or on a second signal before the first was handled) the handler
///   restores the saved modes with `tcsetattr` (async-signal-safe) and re-raises the signal
///   with the default action, so the exit status still says "killed by SIGTERM".
/// - An `atexit` hook restores the saved modes on a normal `exit()` too.
public final class TerminalModeGuard: @unchecked Sendable {
    /// The terminal whose modes were saved.
    public let fileDescriptor: Int32
    private let saved: termios

    /// Saves the current modes of `fileDescriptor`.
    public init(fileDescriptor: Int32) throws(TerminalModeError) {
        var modes = termios()
        guard tcgetattr(fileDescriptor, &modes) == 0 else {
            throw .notATerminal(fileDescriptor: fileDescriptor, errno: errno)
        }
        self.fileDescriptor = fileDescriptor
        saved = modes
    }

    /// Puts the saved modes back (after output already written has drained).
    /// Returns false when the terminal is gone.
    @discardableResult
    public func restore() -> Bool {
        var modes = saved
        while tcsetattr(fileDescriptor, TCSADRAIN, &modes) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// Makes these saved modes the ones restored by the SIGTERM/SIGHUP handlers and at exit,
    /// installing the handlers if needed. The most recent call wins.
    public func restoreOnTermination() {
        Self.installTerminationHandlers()
        let state = terminationState
        state.pointee.hasSavedModes = 0
        state.pointee.savedModes = saved
        state.pointee.savedDescriptor = fileDescriptor
        state.pointee.hasSavedModes = 1
    }

    /// Stops restoring these modes on termination (e.g. the reader was closed and restored them).
    public func stopRestoringOnTermination() {
        let state = terminationState
        if state.pointee.savedDescriptor == fileDescriptor { state.pointee.hasSavedModes = 0 }
    }

    /// Installs the SIGTERM/SIGHUP/SIGWINCH handlers and the `atexit` hook once. Safe to call repeatedly.
    /// Needed even without a terminal (pipes) so readers can report `.terminated(signal:)`.
    public static func installTerminationHandlers() {
        installLock.withLock {
            let state = terminationState
            guard state.pointee.installed == 0 else { return }
            var fds: [Int32] = [-1, -1]
            if pipe(&fds) == 0 {
                for fd in fds {
                    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                }
                state.pointee.pipeRead = fds[0]
                state.pointee.pipeWrite = fds[1]
            }
            for sig in [SIGTERM, SIGHUP] {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = terminationHandler
                sigemptyset(&action.sa_mask)
                action.sa_flags = SA_RESTART
                sigaction(sig, &action, nil)
            }
            var resize = sigaction()
            resize.__sigaction_handler.sa_handler = resizeHandler
            sigemptyset(&resize.sa_mask)
            resize.sa_flags = SA_RESTART
            sigaction(SIGWINCH, &resize, nil)
            atexit(restoreSavedModesAtExit)
            state.pointee.installed = 1
        }
    }

    /// Restores the registered modes, then terminates the process by `signal` with its default
    /// action (so the parent sees e.g. "killed by SIGTERM", exit status 143 in a shell).
    public static func exit(bySignal signal: Int32) -> Never {
        restoreSavedModes()
        Glibc.signal(signal, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(signal)
        Glibc.exit(128 + signal)
    }

    private static let installLock = NSLock()
}

// MARK: - Process-wide state read by the signal handler

/// Everything the handler touches lives in one never-freed C struct, so the handler does
/// nothing but loads, stores and async-signal-safe system calls. The two fields the handler shares
/// with reader threads at any moment are lock-free atomics: the handler may run on any thread.
struct TerminationState: ~Copyable {
    var installed: Int32 = 0
    var hasSavedModes: Int32 = 0
    var savedDescriptor: Int32 = -1
    var savedModes = termios()
    /// How many readers are currently waiting for input (signals are deferred to them).
    let waitingReaders = Atomic<Int32>(0)
    /// The deferred signal not yet reported by a reader, or 0.
    let pendingSignal = Atomic<Int32>(0)
    /// 1 when the window changed size while a reader was waiting and it has not redrawn yet.
    let resizePending = Atomic<Int32>(0)
    var pipeRead: Int32 = -1
    var pipeWrite: Int32 = -1
}

nonisolated(unsafe) let terminationState: UnsafeMutablePointer<TerminationState> = {
    let pointer = UnsafeMutablePointer<TerminationState>.allocate(capacity: 1)
    pointer.initialize(to: TerminationState())
    return pointer
}()

private func restoreSavedModes() {
    let state = terminationState
    if state.pointee.hasSavedModes != 0 {
        _ = tcsetattr(state.pointee.savedDescriptor, TCSANOW, &state.pointee.savedModes)
    }
}

private func restoreSavedModesAtExit() {
    restoreSavedModes()
}

private func terminationHandler(_ sig: Int32) {
    let state = terminationState
    if state.pointee.waitingReaders.load(ordering: .acquiring) > 0, state.pointee.pipeWrite >= 0,
       state.pointee.pendingSignal.compareExchange(expected: 0, desired: sig, ordering: .acquiringAndReleasing).exchanged {
        var byte: UInt8 = 1
        _ = write(state.pointee.pipeWrite, &byte, 1)
        return
    }
    restoreSavedModes()
    signal(sig, SIG_DFL)
    raise(sig)
}

/// A window-size change only matters to a reader that is drawing a line: it is told through
/// the same self-pipe and redraws at the new width (see `TerminationSignals.takeResize()`).
private func resizeHandler(_ sig: Int32) {
    let state = terminationState
    guard state.pointee.waitingReaders.load(ordering: .acquiring) > 0, state.pointee.pipeWrite >= 0 else { return }
    state.pointee.resizePending.store(1, ordering: .releasing)
    var byte: UInt8 = 1
    _ = write(state.pointee.pipeWrite, &byte, 1)
}

/// How readers cooperate with the termination handler: they count themselves as waiting,
/// poll `wakeDescriptor` next to their input and collect the signal with `takePending()`.
enum TerminationSignals {
    static func beginWaiting() {
        terminationState.pointee.waitingReaders.add(1, ordering: .acquiringAndReleasing)
    }

    static func endWaiting() {
        terminationState.pointee.waitingReaders.subtract(1, ordering: .acquiringAndReleasing)
    }

    /// The read end of the self-pipe, or -1 when no handler is installed.
    static var wakeDescriptor: Int32 { terminationState.pointee.pipeRead }

    /// The signal that arrived while readers were waiting, consumed by the first caller.
    static func takePending() -> Int32? {
        lock.withLock {
            let state = terminationState
            let sig = state.pointee.pendingSignal.load(ordering: .acquiring)
            guard sig != 0 else { return nil }
            drainWakePipe()
            state.pointee.pendingSignal.store(0, ordering: .releasing)
            return sig
        }
    }

    /// True once per window-size change that arrived while readers were waiting.
    /// A deferred termination signal stays pending: it is never drained away by a resize.
    static func takeResize() -> Bool {
        lock.withLock {
            let state = terminationState
            guard state.pointee.resizePending.exchange(0, ordering: .acquiringAndReleasing) != 0 else { return false }
            drainWakePipe()
            return true
        }
    }

    /// Empties the self-pipe after a wake-up whose flag another reader already took.
    static func discardStaleWakeUps() {
        lock.withLock { drainWakePipe() }
    }

    /// Empties the self-pipe; what woke the reader is in the atomics, not in the bytes.
    private static func drainWakePipe() {
        var byte: UInt8 = 0
        while read(terminationState.pointee.pipeRead, &byte, 1) == 1 {}
    }

    private static let lock = NSLock()
}
