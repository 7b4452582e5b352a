/// A set of question indices (positions in the loader's question facts) stored as a bit set.
///
/// Quiz sections are checked against the pools of earlier sections (overlaps, how many are
/// left); with thousands of questions per pool, words of bits make those unions and
/// intersections a few hundred machine operations instead of thousands of hashed inserts.
struct QuestionSet: Equatable {
    private var words: [UInt64]

    /// An empty set able to hold indices below `capacity`.
    init(capacity: Int) {
        words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    /// `index` must be below the capacity given at creation.
    mutating func insert(_ index: Int) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    mutating func insert(contentsOf indices: [Int]) {
        for index in indices { insert(index) }
    }

    /// Adds every member of `other` (same capacity).
    mutating func formUnion(_ other: QuestionSet) {
        for position in words.indices { words[position] |= other.words[position] }
    }

    /// The members of both sets (same capacity).
    func intersection(_ other: QuestionSet) -> QuestionSet {
        var result = self
        for position in words.indices { result.words[position] &= other.words[position] }
        return result
    }

    var count: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    var isEmpty: Bool {
        words.allSatisfy { $0 == 0 }
    }
}
