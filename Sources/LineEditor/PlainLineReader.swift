import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads lines from a pipe or a file: writes no prompt and no escape codes, honours
/// deadlines with `poll` (which is why it does its own buffering instead of using
/// Foundation's `readLine`), accepts CRLF and invalid UTF-8 (decoded with replacement
/// characters), and copes with very long lines.
public final class PlainLineReader: LineReader, @unchecked Sendable {
    /// The descriptor lines are read from.
    public let fileDescriptor: Int32
    /// Longest line kept, in bytes; the rest of a longer line is read and dropped.
    public let maximumLineLength: Int
    private let history: LineHistory?
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    /// Start of the unconsumed bytes in `buffer`.
    private var start = 0
    /// Bytes before this index (from `start`) are known to hold no newline.
    private var scanned = 0
    private var reachedEnd = false

    /// Reads from `fileDescriptor` (not closed by `close()`); lines read with
    /// `recordInHistory` are added to `history` when one is given.
    public init(fileDescriptor: Int32 = STDIN_FILENO, history: LineHistory? = nil,
                maximumLineLength: Int = 64 << 20) {
        self.fileDescriptor = fileDescriptor
        self.history = history
        self.maximumLineLength = max(1, maximumLineLength)
    }

    public var isInteractive: Bool { false }

    public func readLine(_ options: ReadOptions) -> LineReadResult {
        lock.lock()
        defer { lock.unlock() }
        TerminationSignals.beginWaiting()
        defer { TerminationSignals.endWaiting() }
        var result = nextLine(deadline: options.deadline)
        if !options.initialText.isEmpty {
            if case let .line(text) = result { result = .line(options.initialText + text) }
            if case let .timedOut(partial) = result { result = .timedOut(partial: options.initialText + partial) }
        }
        if case let .line(text) = result, options.recordInHistory {
            _ = try? history?.add(text)
        }
        return result
    }

    public func close() {
        _ = try? history?.save()
    }

    private func nextLine(deadline: ContinuousClock.Instant?) -> LineReadResult {
        while true {
            if let newline = findNewline() {
                let line = takeLine(upTo: newline)
                start = newline + 1
                return .line(line)
            }
            scanned = buffer.count - start
            if reachedEnd {
                if buffer.count > start {
                    let line = takeLine(upTo: buffer.count)
                    start = buffer.count
                    return .line(line)
                }
                return .endOfInput
            }
            dropOverflow()
            switch InputWaiter.wait(for: fileDescriptor, until: deadline) {
            case .readable:
                fill()
            case .reachedLimit:
                let partial = takeLine(upTo: buffer.count)
                start = buffer.count
                compact()
                return .timedOut(partial: partial)
            case let .signal(sig):
                return .terminated(signal: sig)
            case .resized:
                continue  // nothing is drawn by this reader, so there is nothing to redraw
            case .failed:
                reachedEnd = true
            }
        }
    }

    /// Decodes bytes `start..<end` (minus a trailing CR) and resets the scan position.
    private func takeLine(upTo end: Int) -> String {
        var last = end
        if last > start, buffer[last - 1] == UInt8(ascii: "\r") { last -= 1 }
        let text = String(decoding: buffer[start..<min(last, start + maximumLineLength)], as: UTF8.self)
        scanned = 0
        return text
    }

    /// Keeps memory bounded: a pending line longer than the maximum keeps only its first
    /// `maximumLineLength` bytes; later bytes up to the newline are dropped as they arrive.
    private func dropOverflow() {
        if buffer.count - start > maximumLineLength {
            buffer.removeSubrange((start + maximumLineLength)...)
            scanned = maximumLineLength
        }
        compact()
    }

    private func compact() {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    /// The index of the first newline after the scanned part of the pending bytes (memchr).
    private func findNewline() -> Int? {
        let from = start + scanned
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let found = memchr(bytes.baseAddress! + from, 0x0A, bytes.count - from) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!)
        }
    }

    private func fill() {
        let count = chunk.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress!, $0.count) }
        if count > 0 {
            chunk.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            reachedEnd = true
        }
    }

    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
}
