import Foundation
import LineEditor

/// A yes/no question before something that cannot be undone, as git and psql ask them: only
/// y/yes agrees, n/no or an empty line declines, anything else asks again; end of input declines.
enum Confirmation {
    /// Asks `question` on the REPL's reader (or a reader of its own) and returns whether the answer was yes.
    static func ask(_ question: String, context: AppContext) -> Bool {
        let owned = context.reader == nil ? context.standardReader() : nil
        defer { owned?.close() }
        guard let reader = context.reader ?? owned else { return false }
        while true {
            guard case let .line(answer) = reader.readLine(
                ReadOptions(prompt: question, recordInHistory: false, completion: false))
            else { return false }
            switch answer.trimmingCharacters(in: .whitespaces).lowercased() {
            case "y", "yes": return true
            case "", "n", "no": return false
            default: context.console.line("Please answer y or n.")
            }
        }
    }
}
