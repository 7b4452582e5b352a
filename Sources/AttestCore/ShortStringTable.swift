/// Remembers recently made short strings by their bytes, so the parser can hand out the same
/// `String` again instead of validating and building it anew.
///
/// A pack repeats the same few keys (`"id"`, `"type"`, `"prompt"`, …) and short values
/// (`"single"`, `"easy"`, skill ids) thousands of times; comparing two machine words is much
/// cheaper than making a `String`. Strings of up to 15 bytes are stored inline by Swift, so
/// handing one out again costs no reference counting. A collision just replaces the entry.
struct ShortStringTable {
    /// The longest string kept (Swift's inline small-string capacity).
    static let maximumLength = 15

    private struct Entry {
        var low: UInt64
        var high: UInt64
        var length: Int
        var string: String
    }

    private static let slotBits = 8
    private var entries = [Entry](repeating: Entry(low: 0, high: 0, length: -1, string: ""), count: 1 << slotBits)

    /// The string of the `length` (at most `maximumLength`) bytes at `start`, which must be valid
    /// UTF-8; `end` is where the readable buffer ends (words are only loaded entirely inside it).
    @inline(__always)
    mutating func string(at start: UnsafePointer<UInt8>, length: Int, end: UnsafePointer<UInt8>) -> String {
        var low: UInt64 = 0
        var high: UInt64 = 0
        if end - start >= 16 {
            let raw = UnsafeRawPointer(start)
            low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if length < 8 {
                low &= (1 << UInt64(8 * length)) &- 1
                high = 0
            } else {
                high &= (1 << UInt64(8 * (length - 8))) &- 1
            }
        } else {
            for offset in 0..<length {
                if offset < 8 {
                    low |= UInt64(start[offset]) << UInt64(8 * offset)
                } else {
                    high |= UInt64(start[offset]) << UInt64(8 * (offset - 8))
                }
            }
        }
        let mixed = (low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length)) &* 0xFF51_AFD7_ED55_8CCD
        let slot = Int(truncatingIfNeeded: mixed >> UInt64(64 - Self.slotBits))
        if entries[slot].length == length, entries[slot].low == low, entries[slot].high == high {
            return entries[slot].string
        }
        let string = String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        entries[slot] = Entry(low: low, high: high, length: length, string: string)
        return string
    }
}
