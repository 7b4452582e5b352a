/// The moments a timed attempt needs attention, so a session can wait exactly until the next one.
///
/// A warning is said as a line of its own (in accessible mode it is the only way time is told), so the
/// session's read of an answer must end when one is due, not only when a question or the quiz runs out.
public enum TimeThresholds {
    /// Seconds left of a question when it is warned about (given when its limit is longer than this).
    public static let questionWarning: Double = 10

    /// Seconds from now until the next threshold: a question's warning or end, a quiz warning
    /// (`TimeWarning`, when the quiz's limit is longer than its threshold) or the quiz's end.
    /// Arguments are seconds left and the limits; nil when that limit does not apply.
    public static func untilNext(question: Double?, questionLimit: Double?, quiz: Double?, quizLimit: Double?) -> Double {
        var moments = [question, quiz].compactMap { $0 }
        if let question, let questionLimit, questionLimit > questionWarning { moments.append(question - questionWarning) }
        if let quiz, let quizLimit {
            moments += TimeWarning.allCases.filter { quizLimit > $0.seconds }.map { quiz - $0.seconds }
        }
        return moments.filter { $0 > 0 }.min() ?? 0
    }
}
