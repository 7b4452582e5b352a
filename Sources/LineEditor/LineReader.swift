import Foundation

/// What one read of a line produced.
public enum LineReadResult: Sendable, Hashable {
    /// A complete line, without its terminator.
    case line(String)
    /// End of input (Ctrl-D on an empty line, or the end of a pipe or file).
    case endOfInput
    /// The user pressed Ctrl-C; the half-typed line is discarded.
    case interrupted
    /// The deadline passed first; carries whatever had been typed so far.
    case timedOut(partial: String)
    /// SIGTERM or SIGHUP arrived while waiting for the line (see `TerminalModeGuard`).
    /// The caller records what it must (e.g. marks a quiz interrupted), calls `close()`,
    /// then `TerminalModeGuard.exit(bySignal:)` so the exit status reports the signal.
    case terminated(signal: Int32)
}

/// Options for one read.
public struct ReadOptions: Sendable {
    /// The prompt, already styled for the terminal (may contain SGR colour codes).
    public var prompt: String
    /// When the read must return by itself, as `timedOut`, if no line was entered.
    public var deadline: ContinuousClock.Instant?
    /// A short status drawn right of the prompt and refreshed every second while waiting,
    /// given the time remaining rounded up to whole seconds (e.g. a countdown). Only used with
    /// a deadline, and only by the terminal reader. Keep it free of untrusted text. When it has no
    /// room (the typed line reaches it, or the window is too narrow) it is written once as a line of
    /// its own above the prompt instead.
    public var status: (@Sendable (Duration) -> String)?
    /// Whether the line may be added to the persistent history (never for exam answers).
    public var recordInHistory: Bool
    /// Whether tab completion is offered.
    public var completion: Bool
    /// Text already on the line when the read starts, as if typed: what a read that ended at a deadline
    /// returned as `timedOut(partial:)`, so a warning printed in between does not lose the answer being typed.
    public var initialText: String

    public init(
        prompt: String, deadline: ContinuousClock.Instant? = nil, status: (@Sendable (Duration) -> String)? = nil,
        recordInHistory: Bool = true, completion: Bool = true, initialText: String = ""
    ) {
        self.prompt = prompt
        self.deadline = deadline
        self.status = status
        self.recordInHistory = recordInHistory
        self.completion = completion
        self.initialText = initialText
    }
}

/// Reads lines from a person or a script.
///
/// Three kinds exist: `LibEditLineReader` on a terminal, `PlainLineReader` for
/// pipes and files (no prompts or escape codes written), and `ScriptedLineReader`
/// for tests. Commands never know which one they have.
public protocol LineReader: AnyObject {
    /// Reads one line, honouring the deadline in `options` if there is one.
    func readLine(_ options: ReadOptions) -> LineReadResult
    /// Whether a person is typing at a terminal (prompts and colour make sense).
    var isInteractive: Bool { get }
    /// Saves history and restores the terminal. Call before exiting: Swift never runs `deinit` on globals.
    func close()
}
