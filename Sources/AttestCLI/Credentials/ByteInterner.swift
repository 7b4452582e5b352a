import Foundation

/// Numbers distinct byte strings in the order first seen, looking each up without allocating.
///
/// The credential table meets the same few names and pack ids on a hundred thousand rows; it
/// interns the bytes SQLite hands over so each distinct text is decoded, sanitized and laid out once.
/// Open addressing over FNV-1a hashes, with every string in one flat buffer, keeps a lookup to one
/// hash and (usually) one `memcmp`.
struct ByteInterner {
    /// Every distinct string's bytes, one after another.
    private var storage: [UInt8] = []
    /// Where each string starts in `storage`, plus its end as the last element.
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Slot → number + 1 (0: empty). Its count is a power of two, at least twice the strings' count.
    private var slots = [Int32](repeating: 0, count: 16)

    /// The distinct strings, by number (invalid UTF-8 repaired).
    var strings: [String] {
        hashes.indices.map { String(decoding: storage[starts[$0]..<starts[$0 + 1]], as: UTF8.self) }
    }

    /// The number of `bytes`, adding it when new.
    mutating func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let candidate = Int(slots[slot] - 1)
            if hashes[candidate] == hash, equals(candidate, bytes) { return Int32(candidate) }
            slot = (slot + 1) & mask
        }
        storage.append(contentsOf: bytes)
        starts.append(storage.count)
        hashes.append(hash)
        slots[slot] = Int32(hashes.count)
        if hashes.count * 2 > slots.count { grow() }
        return Int32(hashes.count - 1)
    }

    private func equals(_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[number]
        let count = starts[number + 1] - start
        guard count == bytes.count else { return false }
        guard count > 0, let other = bytes.baseAddress else { return true }
        return storage.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, other, count) == 0 }
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
