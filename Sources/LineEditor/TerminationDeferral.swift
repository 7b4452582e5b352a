/// Widens the window in which SIGTERM and SIGHUP are deferred from "while a reader waits"
/// to a whole piece of work, such as a quiz: a signal that arrives while the work is drawing
/// or saving is held and handed to the next `readLine` as `.terminated(signal:)`, so the
/// caller can record what it must before the process ends.
public enum TerminationDeferral {
    /// Runs `body` with termination deferred. A signal still pending when `body` returns
    /// (no read collected it) ends the process by that signal, after restoring the terminal.
    public static func during<T>(_ body: () throws -> T) rethrows -> T {
        TerminalModeGuard.installTerminationHandlers()
        TerminationSignals.beginWaiting()
        let result: T
        do {
            result = try body()
        } catch {
            TerminationSignals.endWaiting()
            if let signal = TerminationSignals.takePending() { TerminalModeGuard.exit(bySignal: signal) }
            throw error
        }
        TerminationSignals.endWaiting()
        if let signal = TerminationSignals.takePending() { TerminalModeGuard.exit(bySignal: signal) }
        return result
    }
}
