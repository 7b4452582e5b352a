import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for input on a descriptor with `poll`, so reads can honour a deadline and notice a
/// deferred SIGTERM/SIGHUP (see `TerminalModeGuard`). Shared by both real readers.
enum InputWaiter {
    enum Outcome: Equatable {
        case readable
        case reachedLimit
        case signal(Int32)
        /// The terminal window changed size.
        case resized
        case failed(errno: Int32)
    }

    /// Waits until `fd` is readable, `limit` passes, a termination signal was deferred, or the
    /// window changed size. The caller must be counted as waiting (`TerminationSignals.beginWaiting()`).
    static func wait(for fd: Int32, until limit: ContinuousClock.Instant?) -> Outcome {
        while true {
            if let sig = TerminationSignals.takePending() { return .signal(sig) }
            if TerminationSignals.takeResize() { return .resized }
            var timeout: Int32 = -1
            if let limit {
                let remaining = ContinuousClock.now.duration(to: limit)
                if remaining <= .zero { return .reachedLimit }
                let (seconds, attoseconds) = remaining.components
                let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
                timeout = Int32(clamping: milliseconds)
            }
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            let wake = TerminationSignals.wakeDescriptor
            if wake >= 0 { fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
            let count = poll(&fds, nfds_t(fds.count), timeout)
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno: errno)
            }
            if count == 0 { continue }
            if fds.count > 1, fds[1].revents != 0 {
                if let sig = TerminationSignals.takePending() { return .signal(sig) }
                if TerminationSignals.takeResize() { return .resized }
                // A byte whose flag was already taken: without draining it, poll would spin.
                // The flags are checked again at the top before the next poll, so none is lost.
                TerminationSignals.discardStaleWakeUps()
            }
            if fds[0].revents != 0 { return .readable }
        }
    }
}
