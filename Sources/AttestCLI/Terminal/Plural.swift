/// Counts with the right noun form ("1 credential", "2 answers"), never "answer(s)".
enum Plural {
    /// `count` and `noun`, with `plural` (default: noun + "s") unless the count is exactly one.
    static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
    }
}
