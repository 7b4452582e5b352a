import Foundation

/// The score a learner would expect by answering a question blindly, under Attest's scoring rules.
///
/// Item analysis shows it beside the facility index: a facility close to the random
/// guess score means the question measures little beyond luck. The derivations are in
/// `docs/instructor-guide.md`.
public enum RandomGuess {
    /// Expected fraction of credit for a blind answer:
    /// - single: 1/n (one of n options picked uniformly);
    /// - multiple: the mean score over every non-empty subset of the options, each equally likely
    ///   (`multipleChoiceExpectedScore`);
    /// - true-false: 0.5; text and numeric: 0 (a blind guess essentially never matches);
    /// - ordering: 0.5 (in a uniformly random order each pair is in the right order with probability 1/2).
    public static func expectedScore(for kind: Question.Kind) -> Double {
        switch kind {
        case let .singleChoice(options):
            return options.isEmpty ? 0 : 1 / Double(options.count)
        case let .multipleChoice(options):
            let correct = options.filter(\.correct).count
            return multipleChoiceExpectedScore(correct: correct, wrong: options.count - correct)
        case .trueFalse:
            return 0.5
        case .shortText, .numeric:
            return 0
        case let .ordering(items):
            return items.count > 1 ? 0.5 : 1
        }
    }

    /// The mean of `clamp(i/k − j/w, 0, 1)` over all non-empty selections, where a selection holds
    /// i of the k correct and j of the w wrong options: C(k,i)·C(w,j) selections share each (i, j),
    /// out of 2^(k+w) − 1 non-empty ones (an empty answer is not accepted). With w = 0 the score is i/k.
    public static func multipleChoiceExpectedScore(correct k: Int, wrong w: Int) -> Double {
        guard k > 0 else { return 0 }
        var total = 0.0
        var count = 0.0
        for i in 0...k {
            for j in 0...w where i + j > 0 {
                let ways = binomial(k, i) * binomial(w, j)
                let raw = Double(i) / Double(k) - (w > 0 ? Double(j) / Double(w) : 0)
                total += ways * min(1, max(0, raw))
                count += ways
            }
        }
        return total / count
    }

    static func binomial(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        var result = 1.0
        for step in 0..<min(k, n - k) {
            result = result * Double(n - step) / Double(step + 1)
        }
        return result
    }
}
