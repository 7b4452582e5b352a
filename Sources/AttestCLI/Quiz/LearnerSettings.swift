import AttestCore
import AttestStore

/// A learner's standing choices for sitting quizzes, kept in the store per learner: accessible mode and the
/// extended time (a multiplier such as 1.5) they ask for on every timed quiz that allows it.
enum LearnerSettings {
    static func accessibleKey(_ learner: String) -> String { "learner.\(learner).accessible" }
    static func extraTimeKey(_ learner: String) -> String { "learner.\(learner).extra-time" }

    /// The extended time `learner` asks for, or nil for standard time.
    static func extraTime(_ learner: String, store: AttestDatabase) throws -> Double? {
        try store.setting(extraTimeKey(learner)).flatMap(Double.init).flatMap { $0 > 1 ? $0 : nil }
    }

    /// A multiplier as typed: "1.5", "2", "2x", "1.5×"; nil when it is not one (or "off").
    static func parseMultiplier(_ text: String) -> Double? {
        var digits = text.trimmingCharacters(in: .whitespaces).lowercased()
        if digits.hasSuffix("x") || digits.hasSuffix("×") { digits.removeLast() }
        guard let value = Double(digits), value.isFinite, value > 1, value <= Accommodation.largestMultiplier else { return nil }
        return value
    }
}
