/// Numbers distinct byte strings in the order first seen, looking each up without allocating.
///
/// The credential table meets the same few names and pack ids on a hundred thousand rows; it
/// interns the bytes SQLite hands over so each distinct text is decoded, sanitized and laid out once.
/// Open addressing over FNV-1a hashes keeps a lookup to one hash and (usually) one comparison.
struct ByteInterner {
    /// The distinct byte strings, by number.
    private(set) var values: [[UInt8]] = []
    private var hashes: [UInt64] = []
    /// Slot → number + 1 (0: empty). Its count is a power of two, at least twice `values.count`.
    private var slots = [Int32](repeating: 0, count: 16)

    /// The number of `bytes`, adding it when new.
    mutating func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let candidate = Int(slots[slot] - 1)
            if hashes[candidate] == hash, values[candidate].elementsEqual(bytes) { return Int32(candidate) }
            slot = (slot + 1) & mask
        }
        values.append(Array(bytes))
        hashes.append(hash)
        slots[slot] = Int32(values.count)
        if values.count * 2 > slots.count { grow() }
        return Int32(values.count - 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number + 1)
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        // Fold the high bits down: the mask keeps only the low ones.
        return hash ^ (hash >> 29)
    }
}
