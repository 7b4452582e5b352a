/// Did-you-mean suggestions by edit distance, for misspelt field names and ids.
///
/// A pack author who writes `"explaination"` or refers to skill `sqll` should be
/// told the likely intended name instead of only "unknown".
public enum Suggestion {
    /// The longest word (in UTF-8 bytes) for which suggestions are computed.
    public static let maximumLength = 128

    /// The candidate closest to `word` when it is close enough to be a plausible typo.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        // Names in packs are short; a huge unknown word (hostile input) gets no suggestion
        // rather than a quadratic comparison with every candidate.
        guard word.utf8.count <= maximumLength else { return nil }
        let target = Array(word.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            // Length alone rules out candidates further away than any accepted distance.
            guard abs(scalars.count - target.count) <= 3 else { continue }
            let distance = editDistance(target, scalars)
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = max(1, min(3, (max(target.count, best.name.unicodeScalars.count) + 2) / 4))
        return best.distance <= limit ? best.name : nil
    }

    /// The hint text for the closest candidate, e.g. "did you mean `explanation`?".
    public static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean `\($0)`?" }
    }

    /// The Damerau (optimal string alignment) edit distance between two scalar sequences.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
