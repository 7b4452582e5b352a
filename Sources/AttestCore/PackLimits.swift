/// The largest values a pack (or a file made from one) may hold where a number becomes a duration,
/// a date, a count or an index, and the largest lists a question may have.
///
/// A JSON number can be anything up to 1.8e308; converted to a whole number of seconds, days or
/// options without a bound it traps (a `timeLimit` of 1e19 once crashed every `attest packs`).
/// Validation refuses values past these limits with a located message, and the documented limits
/// in docs/pack-format.md and the JSON Schema are these.
public enum PackLimits {
    /// A question's `timeLimit` and a quiz's `questionTimeLimit`: one day, in seconds.
    public static let questionTimeLimit: Double = 86_400
    /// A quiz's `timeLimit`: one week, in seconds.
    public static let quizTimeLimit: Double = 604_800
    /// A question's `points`.
    public static let points: Double = 1_000_000
    /// A question's weight for one skill.
    public static let skillWeight: Double = 1_000
    /// A credential's `validForDays`: a hundred years.
    public static let validForDays = 36_525
    /// A section's `draw`.
    public static let draw = 100_000
    /// The options of a `single`/`multiple` question and the items of an `ordering` one.
    public static let options = 1_000
}
