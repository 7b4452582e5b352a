import Foundation
import LineEditor

/// A yes/no question that accepts only its answers, the way git and psql ask.
///
/// `y`, `yes`, `n` and `no` in any case are answers and an empty line takes the default; anything else
/// (a command typed at the wrong moment, "nope", `:quit`) is not taken as either and the question is
/// asked again, so a stray line can neither start a timed exam nor end one.
struct YesNoQuestion {
    /// What the learner decided, or that the process was told to stop while asking.
    enum Reply: Equatable {
        case yes
        case no
        case terminated(signal: Int32)
    }

    /// The prompt, e.g. "Resume it now? [Y/n] " (the default in capitals).
    let prompt: String
    /// What an empty line means.
    let defaultAnswer: Bool
    /// What end of input (Ctrl-D) means.
    let onEndOfInput: Bool

    /// The answer `text` gives, or nil when it is not one.
    static func parse(_ text: String, defaultAnswer: Bool) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "": defaultAnswer
        case "y", "yes": true
        case "n", "no": false
        default: nil
        }
    }

    /// Asks until an answer comes; Ctrl-C counts as no.
    func ask(reader: any LineReader, console: Console) -> Reply {
        while true {
            switch reader.readLine(ReadOptions(prompt: prompt, recordInHistory: false, completion: false)) {
            case let .line(text):
                if let answer = Self.parse(text, defaultAnswer: defaultAnswer) { return answer ? .yes : .no }
                console.line("Please answer y or n (or press Enter for \(defaultAnswer ? "yes" : "no")).")
            case .endOfInput:
                return onEndOfInput ? .yes : .no
            case .interrupted, .timedOut:
                return .no
            case let .terminated(signal):
                return .terminated(signal: signal)
            }
        }
    }
}
