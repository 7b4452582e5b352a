/// A small memo in front of a `[String: Int]` lookup, for keys that keep coming back.
///
/// Every question names its skill and tags, out of a few dozen distinct ones; hashing the
/// same short string ten thousand times costs more than remembering where it was last
/// found. A direct-mapped table of recent keys answers most lookups with one comparison
/// (short strings are compared as two words); a miss falls back to the dictionary.
struct RecentStringSlots {
    private static let size = 64
    private var keys = [String](repeating: "", count: size)
    private var slots = [Int](repeating: -1, count: size)

    /// The slot of `key` in `table`, remembering it. Entries of `table` must never change or
    /// disappear while this memo is used with it (added entries are fine).
    mutating func slot(of key: String, in table: [String: Int]) -> Int? {
        let utf8 = key.utf8
        let position = (utf8.count &* 31 &+ Int(utf8.last ?? 0) &* 7 &+ Int(utf8.first ?? 0)) & (Self.size - 1)
        if slots[position] >= 0, keys[position] == key { return slots[position] }
        guard let slot = table[key] else { return nil }
        keys[position] = key
        slots[position] = slot
        return slot
    }
}
