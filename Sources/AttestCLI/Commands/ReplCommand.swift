import ArgumentParser
import AttestStore
import Foundation
import LineEditor

/// Opens the interactive REPL (what `attest` with no command does).
enum ReplCommand {
    static func start(_ context: AppContext) throws {
        // Decided before anything is printed, so the banner is already plain in accessible mode.
        let accessible = context.accessible
        let reader = context.standardReader(
            historyPath: isatty(STDIN_FILENO) == 1 ? context.location.historyPath : nil,
            completion: ReplCompletion(context: context).provider
        )
        context.reader = reader
        // The completion closure holds the context and the context holds the reader: break the cycle on the
        // way out, so the store's connections close (and checkpoint) instead of living until exit.
        defer { context.reader = nil }
        let repl = Repl(context: context, reader: reader)
        if reader.isInteractive { context.console.line(banner(context) + (accessible ? " Accessible mode is on." : "")) }
        offerResume(context: context, reader: reader)
        if reader.isInteractive { RegistryOffer.sendWaiting(context: context) }
        let status = repl.run()
        reader.close()
        if status != 0 { throw ExitCode(status) }
    }

    /// One line: version, packs and credentials known. A store that cannot be opened is said
    /// plainly here, once; the commands that need it repeat the reason.
    private static func banner(_ context: AppContext) -> String {
        let packCount = context.library.packFiles().count
        var text = "Attest \(AttestCommand.version) — \(Plural.count(packCount, "pack")), "
        do {
            let credentials = try context.store().credentialCount(learner: context.learner)
            text += "\(Plural.count(credentials, "credential")) for \(TerminalText.quoted(context.learner)). "
        } catch {
            context.console.error(context.console.styled("warning: ", .yellow) + context.console.safe(error.localizedDescription))
            text += "store unavailable. "
        }
        return text + "Type 'help' for commands."
    }

    /// After a crash or a closed terminal, offers to continue the newest unfinished attempt. An exam whose
    /// time ran out meanwhile is submitted without asking; one open in another Attest is only mentioned.
    private static func offerResume(context: AppContext, reader: any LineReader) {
        guard reader.isInteractive,
              let record = try? context.store().unfinishedAttempts(learner: context.learner).first
        else { return }
        let attempts = UnfinishedAttempts(context: context)
        context.console.line("An attempt did not finish: " + attempts.describe(record))
        if let holder = AttemptLock.holder(of: record.id, storePath: context.storePath) {
            context.console.line("It is open in another Attest, pid \(holder); finish it there.")
            return
        }
        if let left = attempts.timeLeft(record), left <= 0 {
            context.console.line("Its time ran out while Attest was closed, so it is submitted now with the answers given.")
        } else {
            switch YesNoQuestion(prompt: "Resume it now? [Y/n] ", defaultAnswer: true, onEndOfInput: false)
                .ask(reader: reader, console: context.console)
            {
            case .yes:
                break
            case .no:
                context.console.line("It stays unfinished; 'resume' continues it later, "
                    + "'resume \(record.id.prefix(8)) --discard' ends it.")
                return
            case let .terminated(signal):
                reader.close()
                TerminalModeGuard.exit(bySignal: signal)
            }
        }
        do {
            try attempts.resume(record, answersFile: nil, json: false)
        } catch {
            context.console.error("error: " + TerminalText.sanitize(error.localizedDescription))
        }
    }
}
