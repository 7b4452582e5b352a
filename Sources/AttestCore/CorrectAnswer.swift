import Foundation

/// The right answer to a question, described with the labels the learner saw.
///
/// Practice feedback and result reviews show it; `summary` is plain text (it may hold
/// pack text, which the CLI sanitizes before display).
public enum CorrectAnswer: Sendable, Hashable {
    /// The correct options as presented: labels and texts.
    case options([PresentedQuestion.Choice])
    case truth(Bool)
    case text(accepted: [String], pattern: String?)
    case number(NumericKey)
    /// The items in their correct order, each with the label it was shown under.
    case ordering([PresentedQuestion.Choice])

    public init(for presented: PresentedQuestion) {
        let choices = presented.choices
        switch presented.question.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            self = .options(choices.filter { options[$0.originalIndex].correct })
        case let .trueFalse(answer):
            self = .truth(answer)
        case let .shortText(key):
            self = .text(accepted: key.accept, pattern: key.pattern)
        case let .numeric(key):
            self = .number(key)
        case .ordering:
            self = .ordering(choices.sorted { $0.originalIndex < $1.originalIndex })
        }
    }

    /// One line: `b) WHERE`, `true`, `median`, `3 ± 0.5 ms`, `c, a, d, b (SELECT, FROM, ...)`.
    public var summary: String {
        switch self {
        case let .options(choices):
            return choices.map { "\($0.label)) \($0.text)" }.joined(separator: "; ")
        case let .truth(value):
            return value ? "true" : "false"
        case let .text(accepted, _):
            return accepted.first ?? ""
        case let .number(key):
            let unit = key.unit.map { " \($0)" } ?? ""
            switch key.target {
            case let .absolute(value, tolerance):
                return CorrectAnswer.format(value) + (tolerance > 0 ? " ± \(CorrectAnswer.format(tolerance))" : "") + unit
            case let .relative(value, tolerance):
                return CorrectAnswer.format(value) + (tolerance > 0 ? " ± \(CorrectAnswer.format(tolerance * 100)) %" : "")
                    + unit
            case let .range(low, high):
                return "between \(CorrectAnswer.format(low)) and \(CorrectAnswer.format(high))\(unit)"
            }
        case let .ordering(choices):
            return choices.map(\.label).joined(separator: ", ") + " (" + choices.map(\.text).joined(separator: ", ") + ")"
        }
    }

    /// A number written the same way on every machine: no grouping, a dot for decimals, no trailing `.0`.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
