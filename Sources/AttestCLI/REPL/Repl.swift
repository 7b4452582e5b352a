import ArgumentParser
import AttestCore
import Foundation
import LineEditor

/// The interactive shell: reads commands at `attest>` and runs them through the same
/// `AttestCommand` parser the shell uses, so every REPL command is also `attest COMMAND`.
public final class Repl {
    /// Words the REPL itself handles; everything else goes to `AttestCommand`.
    static let builtins = ["help", "quit", "exit"]

    private let context: AppContext
    private let reader: any LineReader
    private var console: Console { context.console }
    /// The status of the last line that failed; a script fed to the REPL ends with it (as `sh` would).
    private var failureStatus: Int32 = 0

    public init(context: AppContext, reader: any LineReader) {
        self.context = context
        self.reader = reader
        context.reader = reader
    }

    /// Runs until `quit`, `exit` or end of input; returns the exit status: 0 at a keyboard, and for a
    /// script read from a pipe or file the status of the last line that failed (0 when none did).
    public func run() -> Int32 {
        let prompt = console.styled("attest>", .bold) + " "
        while true {
            switch reader.readLine(ReadOptions(prompt: prompt)) {
            case let .line(line):
                if !handle(line) { return reader.isInteractive ? 0 : failureStatus }
            case .interrupted, .timedOut:
                continue
            case .endOfInput:
                if reader.isInteractive { console.line() }
                return reader.isInteractive ? 0 : failureStatus
            case let .terminated(signal):
                reader.close()
                TerminalModeGuard.exit(bySignal: signal)
            }
        }
    }

    /// Runs one line; returns false when the REPL should end.
    @discardableResult
    public func handle(_ line: String) -> Bool {
        let words: [String]
        do {
            words = try CommandLineSplitter.split(line)
        } catch {
            console.error("error: " + TerminalText.sanitize("\(error)"))
            failureStatus = ExitCode.validationFailure.rawValue
            return true
        }
        guard let first = words.first else { return true }
        switch first {
        case "quit", "exit":
            return false
        case "help", "?":
            run(Array(words.dropFirst()) + ["--help"], showRootHelp: words.count == 1)
            return true
        default:
            break
        }
        let known = Repl.commandNames
        guard known.contains(first) || first.hasPrefix("-") else {
            console.error(Repl.unknownCommand(first, candidates: known + Repl.builtins, help: "type 'help'"))
            failureStatus = ExitCode.validationFailure.rawValue
            return true
        }
        run(words, showRootHelp: false)
        return true
    }

    private func run(_ arguments: [String], showRootHelp: Bool) {
        if showRootHelp {
            console.line(Repl.overview(console: console))
            return
        }
        AppContext.$current.withValue(context) {
            do {
                var command = try AttestCommand.parseAsRoot(arguments)
                if command is AttestCommand {
                    console.line(Repl.overview(console: console))
                    return
                }
                try command.run()
            } catch {
                report(error)
            }
        }
    }

    private func report(_ error: any Error) {
        let code = AttestCommand.exitCode(for: error)
        let message = AttestCommand.safeMessage(for: error)
        if code != .success { failureStatus = code.rawValue }
        if code == .success {
            if !message.isEmpty { console.line(message) }
        } else if !message.isEmpty {
            console.error(message)
        }
    }

    /// One line for a word that names no command, with the closest command as a did-you-mean.
    static func unknownCommand(_ word: String, candidates: [String], help: String) -> String {
        var message = "unknown command \(CommandFailure.quote(word))"
        if let suggestion = Suggestion.closest(to: word, in: candidates) {
            message += " — did you mean '\(suggestion)'?"
        } else {
            message += " — \(help) for the list of commands"
        }
        return message
    }

    /// Names of every command reachable from the prompt, aliases included (not the hidden ones for scripts).
    public static var commandNames: [String] { commandNames(includingHidden: false) }

    /// Every command name, aliases included; the hidden ones (e.g. `manual-page`, for the install scripts) on request.
    static func commandNames(includingHidden: Bool) -> [String] {
        AttestCommand.configuration.subcommands.filter { includingHidden || $0.configuration.shouldDisplay }.flatMap { command in
            [command._commandName] + command.configuration.aliases
        }
    }

    /// The `help` screen: one line per command.
    static func overview(console: Console) -> String {
        var lines = [console.styled("Commands", .bold) + " (type 'help COMMAND' for details; every command also runs as 'attest COMMAND'):"]
        let commands = AttestCommand.configuration.subcommands.filter { $0.configuration.shouldDisplay }
        let width = commands.map { $0._commandName.count }.max() ?? 0
        let room = max(20, console.width - width - 4)
        for command in commands {
            let name = command._commandName.padding(toLength: width, withPad: " ", startingAt: 0)
            let abstract = MarkdownRenderer(width: room, useColor: false).render(command.configuration.abstract)
            for (index, line) in abstract.enumerated() {
                lines.append(index == 0 ? "  " + console.styled(name, .cyan) + "  " + line : String(repeating: " ", count: width + 4) + line)
            }
        }
        lines.append("  " + "quit".padding(toLength: width, withPad: " ", startingAt: 0) + "  Leave Attest (also exit, or Ctrl-D).")
        return lines.joined(separator: "\n")
    }
}
