import Foundation

/// A question as the learner sees it: options or items in their shuffled order, each with a label.
///
/// Labels (`a`, `b`, `c`, ...) name what is on screen; `AnswerParser` reads them and
/// maps them back to original pack-order indices, which is what gets stored and scored.
public struct PresentedQuestion: Sendable, Hashable {
    /// One option or ordering item as shown.
    public struct Choice: Sendable, Hashable {
        public var label: String
        /// Pack text; the CLI sanitizes it before it reaches a terminal.
        public var text: String
        /// Index in the pack's option/item list.
        public var originalIndex: Int
    }

    public var question: Question
    /// `order[shown]` is the original index shown at `shown` (see `QuizPlan.Entry.order`).
    public var order: [Int]

    public init(question: Question, order: [Int]) {
        self.question = question
        self.order = order
    }

    /// The options (choice questions) or items (ordering) in presented order; empty for other kinds.
    public var choices: [Choice] {
        let texts: [String]
        switch question.kind {
        case let .singleChoice(options), let .multipleChoice(options): texts = options.map(\.text)
        case let .ordering(items): texts = items
        case .trueFalse, .shortText, .numeric: texts = []
        }
        return order.enumerated().map { shown, original in
            Choice(label: PresentedQuestion.label(at: shown), text: texts[original], originalIndex: original)
        }
    }

    /// The labels in presented order.
    public var labels: [String] { order.indices.map(PresentedQuestion.label(at:)) }

    /// The label shown for an original (pack-order) index.
    public func label(forOriginal index: Int) -> String? {
        order.firstIndex(of: index).map(PresentedQuestion.label(at:))
    }

    /// `a`...`z`, then `aa`, `ab`, ... (packs rarely have more than a handful of options).
    public static func label(at index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        if index < 26 { return String(letters[index]) }
        return String(letters[(index / 26 - 1) % 26]) + String(letters[index % 26])
    }
}
