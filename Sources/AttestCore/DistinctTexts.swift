/// The texts of a list seen so far (a question's options, an ordering's items), to report a repeat in
/// linear time: hash sets of the normalised text and of its look-alike skeleton, not a comparison of
/// each text with every earlier one (100,000 options once took two minutes to lint).
struct DistinctTexts {
    /// What inserting a text found.
    enum Outcome: Equatable {
        case distinct
        /// Equal, ignoring case and white space, to the text at this index.
        case duplicate(of: Int)
        /// Shown the same as the text at this index (see `LookAlike`).
        case lookAlike(of: Int)
    }

    private var normalized: [String: Int] = [:]
    private var skeletons: [String: Int] = [:]

    /// Records `text` as the entry at `index` unless an earlier entry matches it.
    mutating func insert(_ text: String, index: Int) -> Outcome {
        let key = LookAlike.folded(text)
        if let first = normalized[key] { return .duplicate(of: first) }
        normalized[key] = index
        let skeleton = LookAlike.skeleton(text)
        if let first = skeletons[skeleton] { return .lookAlike(of: first) }
        skeletons[skeleton] = index
        return .distinct
    }
}
