import Foundation

/// Reads the issuer keyring's passphrase: `ATTEST_ISSUER_PASSPHRASE`, else from the terminal with echo off.
public enum PassphrasePrompt {
    public static let variable = "ATTEST_ISSUER_PASSPHRASE"

    /// The passphrase; with `confirm`, asked twice on a terminal. Throws when there is neither the variable nor a terminal.
    public static func read(_ prompt: String, environment: [String: String], confirm: Bool = false) throws -> String {
        if let value = environment[variable], !value.isEmpty { return value }
        let first = try readHidden(prompt + ": ")
        if confirm, try readHidden("Again, to confirm: ") != first { throw IssuingError("The two passphrases differ; nothing was written.") }
        return first
    }

    /// One line from `/dev/tty` with echo off (restored however the read ends).
    private static func readHidden(_ prompt: String) throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else {
            throw IssuingError("No terminal to ask for the keyring passphrase: set \(variable) to it.")
        }
        defer { close(tty) }
        var saved = termios()
        let isTerminal = tcgetattr(tty, &saved) == 0
        if isTerminal {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(tty, TCSAFLUSH, &silent)
        }
        defer { if isTerminal { tcsetattr(tty, TCSAFLUSH, &saved) } }
        _ = prompt.withCString { write(tty, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
        _ = Glibc.write(tty, "\n", 1)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// An issuing request that cannot be met, in one line.
public struct IssuingError: LocalizedError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
}
