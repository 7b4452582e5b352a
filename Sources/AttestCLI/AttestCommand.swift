import ArgumentParser
import Foundation

/// The root of every command, in the shell (`attest COMMAND`) and in the REPL.
public struct AttestCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Timed skill quizzes, honest competency per skill, and verifiable micro-credentials.",
        version: version
    )

    public init() {}
}
