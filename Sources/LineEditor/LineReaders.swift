#if canImport(Glibc)
import Glibc
#endif

/// Picks the right reader for how attest was started, so the REPL never has to.
public enum LineReaders {
    /// libedit when stdin and stdout are both terminals, else a `PlainLineReader` on stdin.
    /// Either way SIGTERM/SIGHUP handlers are installed (see `TerminalModeGuard`) and the
    /// history at `historyPath` (e.g. `$XDG_STATE_HOME/attest/history`) is loaded and kept.
    public static func standard(historyPath: String?, completion: CompletionProvider?) -> any LineReader {
        let history = LineHistory(path: historyPath)
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1,
           let reader = try? LibEditLineReader(history: history, completion: completion) {
            return reader
        }
        TerminalModeGuard.installTerminationHandlers()
        return PlainLineReader(fileDescriptor: STDIN_FILENO, history: history)
    }
}
