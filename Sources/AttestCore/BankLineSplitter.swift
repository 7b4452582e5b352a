import Foundation

/// Splits a question bank's bytes, fed in chunks of any size, into numbered lines (LF, CRLF or
/// CR endings), holding one line at a time and never more than `maximumLineBytes` of it: a
/// longer line is dropped as it streams past and comes out as `tooLong` with its length.
///
/// This is what lets a bank of any size (a 50 MB file, a 50 MB single line) import in bounded
/// memory: the importer sees lines, the file is never held whole.
public struct BankLineSplitter {
    public enum Line: Equatable, Sendable {
        /// A line's text (a leading byte-order mark removed from line 1); `repaired` when bytes that
        /// are not UTF-8 were replaced with U+FFFD.
        case text(number: Int, String, repaired: Bool)
        /// A line longer than the limit, dropped: only its length is known.
        case tooLong(number: Int, bytes: Int)
    }

    public let maximumLineBytes: Int
    private var buffer: [UInt8] = []
    /// Bytes of the current line seen after it outgrew the limit (0 while it fits).
    private var overflow = 0
    private var completed = 0
    /// Whether the last chunk ended with CR (a following LF belongs to the same line end).
    private var afterCR = false

    public init(maximumLineBytes: Int) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// The lines `chunk` completes.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [Line] {
        let bytes = Array(chunk)
        var lines: [Line] = []
        var start = 0
        if afterCR, let first = bytes.first {
            afterCR = false
            if first == 0x0A { start = 1 }
        }
        while start < bytes.count {
            guard let end = bytes[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
                append(bytes[start...])
                break
            }
            append(bytes[start..<end])
            lines.append(endLine())
            start = end + 1
            if bytes[end] == 0x0D {
                if start == bytes.count { afterCR = true } else if bytes[start] == 0x0A { start += 1 }
            }
        }
        return lines
    }

    /// The last line, when the bank does not end with a line break.
    public mutating func finish() -> [Line] {
        buffer.isEmpty && overflow == 0 ? [] : [endLine()]
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        if overflow == 0, buffer.count + bytes.count <= maximumLineBytes {
            buffer.append(contentsOf: bytes)
            return
        }
        overflow += buffer.count + bytes.count
        buffer = []
    }

    private mutating func endLine() -> Line {
        completed += 1
        defer {
            buffer.removeAll(keepingCapacity: buffer.count <= 65_536)
            overflow = 0
        }
        if overflow > 0 { return .tooLong(number: completed, bytes: overflow) }
        var body = buffer[...]
        if completed == 1, body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(bytes: body, encoding: .utf8) { return .text(number: completed, text, repaired: false) }
        return .text(number: completed, String(decoding: body, as: UTF8.self), repaired: true)
    }
}

/// An importer that reads a bank fed in chunks of bytes, holding only the question being read
/// (`GIFTStreamImporter`, `AikenStreamImporter`).
public protocol StreamingBankImporter {
    /// Reads what `chunk` completes.
    mutating func feed(_ chunk: some Collection<UInt8>)
    /// Reads the rest and returns the pack.
    mutating func finish() -> PackImportResult
}

extension StreamingBankImporter {
    /// Reads `text` in chunks of `chunkBytes` (as a file arrives) and returns the pack.
    public mutating func importing(_ text: String, chunkBytes: Int = 1 << 16) -> PackImportResult {
        let bytes = text.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes.index(start, offsetBy: chunkBytes, limitedBy: bytes.endIndex) ?? bytes.endIndex
            feed(bytes[start..<end])
            start = end
        }
        return finish()
    }
}

extension GIFTStreamImporter: StreamingBankImporter {}
extension AikenStreamImporter: StreamingBankImporter {}
