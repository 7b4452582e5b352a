/// Extended time for a timed quiz, the accommodation WCAG 2.2.1 asks of timed content.
///
/// A learner asks for a multiplier (a setting such as 1.5 or 2); a quiz grants only the multipliers its
/// pack lists in `timeAccommodations`. The grant is the largest listed multiplier not above the request, so
/// a learner entitled to 2× on a quiz that allows 1.5× gets 1.5×. It is recorded with the attempt and
/// named in any credential the attempt supports: extended time is never hidden.
public enum Accommodation {
    /// The largest multiplier a pack may list.
    public static let largestMultiplier: Double = 4

    /// What a learner's request comes to on one quiz.
    public enum Grant: Sendable, Hashable {
        /// No extended time was asked for.
        case standard
        /// The quiz's limits are multiplied by this.
        case extended(Double)
        /// Extended time was asked for but the quiz allows none up to the request: standard time applies.
        case notAllowed(requested: Double, allowed: [Double])

        /// The multiplier that applies (1 for standard time).
        public var multiplier: Double {
            if case let .extended(multiplier) = self { return multiplier }
            return 1
        }
    }

    /// The grant for a learner asking for `requested` (nil or 1 or less: none) on `quiz`.
    public static func grant(_ requested: Double?, on quiz: Quiz) -> Grant {
        guard let requested, requested > 1 else { return .standard }
        guard let allowed = quiz.timeAccommodations.filter({ $0 <= requested }).max() else {
            return .notAllowed(requested: requested, allowed: quiz.timeAccommodations)
        }
        return .extended(allowed)
    }

    /// "1.5×", "2×".
    public static func describe(_ multiplier: Double) -> String {
        (multiplier == multiplier.rounded() ? String(Int(multiplier)) : String(multiplier)) + "×"
    }
}
