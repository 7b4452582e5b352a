import Foundation

/// A reader that replays prepared results: how tests drive a REPL or a quiz.
public final class ScriptedLineReader: LineReader, @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [LineReadResult]
    private var prompts: [String] = []

    /// `results` are returned in order; once exhausted every read is `endOfInput`.
    public init(_ results: [LineReadResult]) {
        pending = results
    }

    /// Convenience for plain lines.
    public convenience init(lines: [String]) {
        self.init(lines.map { .line($0) })
    }

    /// The prompts of every read so far, oldest first.
    public var promptsSeen: [String] { lock.withLock { prompts } }

    public var isInteractive: Bool { false }

    public func readLine(_ options: ReadOptions) -> LineReadResult {
        lock.withLock {
            prompts.append(options.prompt)
            guard !pending.isEmpty else { return .endOfInput }
            // Text carried over from a read that ended at a deadline is on the line, as on a terminal.
            switch pending.removeFirst() {
            case let .line(text): return .line(options.initialText + text)
            case let .timedOut(partial): return .timedOut(partial: options.initialText + partial)
            case let other: return other
            }
        }
    }

    public func close() {}
}
