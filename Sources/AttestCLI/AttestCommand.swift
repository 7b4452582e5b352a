import ArgumentParser
import Foundation

/// The root of every command, in the shell (`attest COMMAND`) and in the REPL.
///
/// With no command it opens the REPL.
public struct AttestCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Timed skill quizzes, honest competency per skill, and verifiable micro-credentials.",
        discussion: "Run without a command to open the interactive REPL.",
        version: BuildVersion.description,
        subcommands: [
            PacksCommand.self, LoadCommand.self, TakeCommand.self, PracticeCommand.self, PlanCommand.self, ResumeCommand.self, ProgressCommand.self, PackCommand.self, CredentialsCommand.self, IssuerCommand.self, LearnerCommand.self, StoreCommand.self, AttemptsCommand.self, StatsCommand.self,
            SettingsCommand.self, ManualPageCommand.self, RegistryCommand.self, SubmitCommand.self,
        ]
    )

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() throws {
        try ReplCommand.start(global.context())
    }
}

extension AttestCommand {
    /// Runs `attest` with the process's arguments.
    ///
    /// With no arguments at all, the everyday start, it opens the REPL straight away with the default
    /// options, skipping the argument parser: building its command tree costs milliseconds of type
    /// metadata lookups before the first prompt. Anything else goes through the parser as usual.
    ///
    /// However the command or the REPL ends (`quit`, end of input, an error), the process waits for the
    /// compiled packs still being written in the background before it exits; a signal ends it without.
    public static func start() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            if arguments.isEmpty {
                let environment = ProcessInfo.processInfo.environment
                try ReplCommand.start(AppContext(
                    console: .standard(noColor: false, environment: environment), environment: environment))
            } else if let first = firstWord(after: arguments), first != "help",
                      !Repl.commandNames(includingHidden: true).contains(first) {
                // The root takes no positional argument: a first word that is no command is a typo.
                FileHandle.standardError.write(Data(("error: " + Repl.unknownCommand(
                    first, candidates: Repl.commandNames + ["help"], help: "run 'attest --help'") + "\n").utf8))
                Foundation.exit(ExitCode.validationFailure.rawValue)
            } else {
                var command = try parseAsRoot(arguments)
                try command.run()
            }
        } catch {
            finishBackgroundWork()
            exitSanitizing(error)
        }
        finishBackgroundWork()
    }

    /// The first word that is neither a global option nor its value (`--store X nosuchcmd` → `nosuchcmd`);
    /// nil when the arguments start with anything else, which the parser then judges.
    static func firstWord(after arguments: [String]) -> String? {
        let takingValues: Set<String> = ["--store", "--packs", "--learner"]
        let flags: Set<String> = ["--no-color", "--accessible"]
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if takingValues.contains(argument) {
                index += 2
            } else if flags.contains(argument) || takingValues.contains(where: { argument.hasPrefix($0 + "=") }) {
                index += 1
            } else {
                return argument.hasPrefix("-") ? nil : argument
            }
        }
        return nil
    }

    /// Waits for the work handed to background threads (compiling packs first seen) to be done.
    static func finishBackgroundWork() {
        BackgroundPackCompiler.shared.finishPendingWork()
    }
}
