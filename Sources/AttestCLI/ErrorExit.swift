import ArgumentParser
import Foundation

extension AttestCommand {
    /// The message of a thrown error made safe for the terminal: an error quotes the argument,
    /// file name or learner name it is about, and those are untrusted text.
    static func safeMessage(for error: any Error) -> String {
        TerminalText.sanitize(fullMessage(for: error))
    }

    /// Ends the process for `error` the way `exit(withError:)` does (help and version on standard
    /// output, errors on standard error, the error's exit code), with its message sanitised.
    static func exitSanitizing(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        let message = safeMessage(for: error)
        if !message.isEmpty {
            let handle = code == .success ? FileHandle.standardOutput : FileHandle.standardError
            handle.write(Data((message + "\n").utf8))
        }
        Foundation.exit(code.rawValue)
    }
}
