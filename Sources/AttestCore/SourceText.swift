/// Turns byte offsets into 1-based line and column numbers, only when asked.
///
/// Parsing records byte offsets only; the first location request builds an index
/// of line starts (one pass over the bytes), later requests binary-search it. So a
/// clean pack pays nothing for locations.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    private var lineStarts: [Int]?

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The line (1-based) and column (1-based, in Unicode scalars; a tab counts as one) of `offset`.
    public mutating func location(of offset: Int) -> (line: Int, column: Int) {
        let starts = lineStarts ?? Self.lineStarts(of: bytes)
        lineStarts = starts
        return Self.location(of: offset, in: bytes, lineStarts: starts)
    }

    /// The location of `offset` without building an index (for a single error).
    public static func location(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let clamped = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<clamped where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, column(from: lineStart, to: clamped, in: bytes))
    }

    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count where buffer[index] == 0x0A {
                starts.append(index + 1)
            }
        }
        return starts
    }

    private static func location(of offset: Int, in bytes: [UInt8], lineStarts: [Int]) -> (line: Int, column: Int) {
        let clamped = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        return (low + 1, column(from: lineStarts[low], to: clamped, in: bytes))
    }

    private static func column(from start: Int, to offset: Int, in bytes: [UInt8]) -> Int {
        var characters = 0
        for index in start..<offset where bytes[index] & 0xC0 != 0x80 {
            characters += 1
        }
        return characters + 1
    }
}
