import Foundation

/// The scoring rules: how much of a question's credit an answer earns (0...1), and how much
/// evidence a question's difficulty carries. Every rule is documented in `docs/scoring.md`.
public enum Scoring {
    /// Evidence weight of a difficulty: easy 0.8, medium 1.0, hard 1.25.
    public static func difficultyWeight(_ difficulty: Difficulty) -> Double {
        switch difficulty {
        case .easy: 0.8
        case .medium: 1.0
        case .hard: 1.25
        }
    }

    /// The fraction of credit `answer` earns on `question`; 0 when the answer does not fit the question's type.
    public static func score(_ answer: Answer, for question: Question) -> Double {
        switch (question.kind, answer) {
        case let (.singleChoice(options), .choice(chosen)):
            return chosen.count == 1 && options.indices.contains(chosen[0]) && options[chosen[0]].correct ? 1 : 0
        case let (.multipleChoice(options), .choice(chosen)):
            return multipleChoiceScore(options: options, chosen: chosen)
        case let (.trueFalse(key), .truth(given)):
            return key == given ? 1 : 0
        case let (.shortText(key), .text(given)):
            return textMatches(given, key: key) ? 1 : 0
        case let (.numeric(key), .number(given)):
            return key.accepts(given) ? 1 : 0
        case let (.ordering(items), .ordering(given)):
            guard given.sorted() == Array(items.indices) else { return 0 }
            return pairwiseOrderFraction(given)
        default:
            return 0
        }
    }

    /// Each correct option chosen earns 1/k (k correct options), each wrong option chosen costs 1/w
    /// (w wrong options), clamped to 0...1. Choosing everything earns 0; guessing blindly earns 0 on average.
    public static func multipleChoiceScore(options: [Option], chosen: [Int]) -> Double {
        let correct = options.filter(\.correct).count
        let wrong = options.count - correct
        guard correct > 0 else { return 0 }
        var score = 0.0
        for index in Set(chosen) where options.indices.contains(index) {
            score += options[index].correct ? 1 / Double(correct) : -1 / Double(max(wrong, 1))
        }
        return min(1, max(0, score))
    }

    /// For an ordering given as original indices: the fraction of item pairs in the correct
    /// relative order (1 exact, 0 fully reversed; Kendall's tau rescaled to 0...1).
    public static func pairwiseOrderFraction(_ order: [Int]) -> Double {
        guard order.count > 1 else { return 1 }
        var concordant = 0
        var pairs = 0
        for i in 0..<order.count {
            for j in (i + 1)..<order.count {
                pairs += 1
                if order[i] < order[j] { concordant += 1 }
            }
        }
        return Double(concordant) / Double(pairs)
    }

    /// Whether a short-text answer is accepted: equal to an accepted answer after normalising both,
    /// or a full, case-insensitive match of the key's pattern on the trimmed answer.
    public static func textMatches(_ given: String, key: ShortTextKey) -> Bool {
        let normalized = normalizedText(given, ignoreDiacritics: key.ignoreDiacritics)
        if key.accept.contains(where: { normalizedText($0, ignoreDiacritics: key.ignoreDiacritics) == normalized }) {
            return true
        }
        guard let pattern = key.pattern,
              let regex = try? NSRegularExpression(pattern: "\\A(?:\(pattern))\\z", options: [.caseInsensitive])
        else { return false }
        let trimmed = given.trimmingCharacters(in: .whitespacesAndNewlines)
        return regex.firstMatch(in: trimmed, range: NSRange(trimmed.startIndex..., in: trimmed)) != nil
    }

    /// Case-folded, trimmed, white space collapsed to single spaces, canonically composed (NFC);
    /// with `ignoreDiacritics`, combining marks are removed first. Locale-independent.
    public static func normalizedText(_ text: String, ignoreDiacritics: Bool) -> String {
        var value = text
        if ignoreDiacritics {
            let scalars = value.decomposedStringWithCanonicalMapping.unicodeScalars
                .filter { $0.properties.generalCategory != .nonspacingMark }
            value = String(String.UnicodeScalarView(scalars))
        }
        let words = value.lowercased().split(whereSeparator: \.isWhitespace)
        return words.joined(separator: " ").precomposedStringWithCanonicalMapping
    }
}
