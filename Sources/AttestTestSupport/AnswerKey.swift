import AttestCore
import Foundation

/// Types the right (or a wrong) answer to a presented question, as a learner would, for tests
/// that drive the engine or the CLI.
public enum AnswerKey {
    /// Input that earns full credit.
    public static func correctInput(for presented: PresentedQuestion) -> String {
        switch CorrectAnswer(for: presented) {
        case let .options(choices): return choices.map(\.label).joined(separator: ",")
        case let .truth(value): return value ? "t" : "f"
        case let .text(accepted, _): return accepted[0]
        case let .number(key):
            switch key.target {
            case let .absolute(value, _), let .relative(value, _): return CorrectAnswer.format(value)
            case let .range(low, high): return CorrectAnswer.format((low + high) / 2)
            }
        case let .ordering(choices): return choices.map(\.label).joined(separator: " ")
        }
    }

    /// Readable input that earns no credit.
    public static func wrongInput(for presented: PresentedQuestion) -> String {
        switch CorrectAnswer(for: presented) {
        case let .options(correct):
            let wrong = presented.choices.first { choice in !correct.contains(choice) }
            return wrong?.label ?? "a"
        case let .truth(value): return value ? "f" : "t"
        case .text: return "zzz-not-an-answer"
        case .number: return "123456789"
        case let .ordering(choices): return choices.reversed().map(\.label).joined(separator: " ")
        }
    }
}
