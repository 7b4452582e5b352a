import AttestCore
import Foundation

/// A well-formed request that cannot be met — no such quiz, nothing to resume, a file that cannot be
/// read. It prints one line saying what was wrong and what to do, exits with status 1 and shows no
/// usage text: malformed syntax stays a `ValidationError` (status 64) and pack data errors exit 65.
/// Whatever the user typed is quoted through `quote`, so it reaches the terminal sanitised.
struct CommandFailure: LocalizedError, Equatable {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    var errorDescription: String? { message }

    /// `No KIND 'NAME'.` with the closest of `candidates` as a did-you-mean, else `otherwise`.
    static func unknown(_ kind: String, _ name: String, among candidates: [String], otherwise: String) -> CommandFailure {
        var text = "No \(kind) \(quote(name))."
        if let suggestion = Suggestion.closest(to: name, in: candidates) {
            text += " Did you mean \(quote(suggestion))?"
        } else {
            text += " " + otherwise
        }
        return CommandFailure(text)
    }

    /// User input in single quotes, made safe for the terminal on one line.
    static func quote(_ text: some StringProtocol) -> String {
        "'" + TerminalText.sanitize(text, keepNewlines: false) + "'"
    }
}
