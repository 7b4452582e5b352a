import Foundation

/// A reproducible random number generator (xoshiro256**, seeded through SplitMix64).
///
/// Quizzes draw and shuffle with this generator, never with the system's, so one
/// stored `UInt64` seed rebuilds exactly the same questions and option orders on any
/// machine and any Swift version. The helpers below (`nextInt(below:)`,
/// `seededShuffled(using:)`, `seededSample(_:using:)`) are our own algorithms for the
/// same reason: the standard library does not promise a stable shuffle.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole output is determined by `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// A generator with the given raw state words (for reference-vector tests); not all zero.
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// A generator for an independent stream derived from `seed` and `stream`
    /// (for example one stream per question position).
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(state: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        self.init(seed: mixer.next())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniformly distributed integer in `0..<bound` (Lemire's multiply-and-reject; no modulo bias).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold {
                product = next().multipliedFullWidth(by: limit)
            }
        }
        return Int(product.high)
    }

    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

/// SplitMix64: turns one seed into well-mixed state words for `SeededGenerator`.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array {
    /// Shuffles in place with the Fisher–Yates (Durstenfeld) algorithm, from the last element down.
    public mutating func seededShuffle(using generator: inout SeededGenerator) {
        guard count > 1 else { return }
        var index = count - 1
        while index > 0 {
            let other = generator.nextInt(below: index + 1)
            swapAt(index, other)
            index -= 1
        }
    }

    /// A Fisher–Yates shuffled copy; the same generator state always gives the same order.
    public func seededShuffled(using generator: inout SeededGenerator) -> [Element] {
        var copy = self
        copy.seededShuffle(using: &generator)
        return copy
    }

    /// `k` distinct elements chosen uniformly at random, in random order
    /// (a partial Fisher–Yates shuffle from the front).
    public func seededSample(_ k: Int, using generator: inout SeededGenerator) -> [Element] {
        precondition(k >= 0 && k <= count, "cannot sample \(k) of \(count) elements")
        var copy = self
        for index in 0..<k {
            let other = index + generator.nextInt(below: count - index)
            copy.swapAt(index, other)
        }
        return Array(copy.prefix(k))
    }
}
