import ArgumentParser
import AttestStore
import Foundation
import LineEditor

/// Opens the interactive REPL (what `attest` with no command does).
enum ReplCommand {
    static func start(_ context: AppContext) throws {
        let library = context.library
        let reader = LineReaders.standard(
            historyPath: context.location.historyPath,
            completion: ReplCompletion(context: context).provider
        )
        context.reader = reader
        let credentials = (try? context.store().credentialCount(learner: context.learner)) ?? 0
        let packCount = library.packFiles().count
        let banner = "Attest \(AttestCommand.version) — \(packCount) pack\(packCount == 1 ? "" : "s"), "
            + "\(credentials) credential\(credentials == 1 ? "" : "s") for \(TerminalText.sanitize(context.learner)). "
            + "Type 'help' for commands."
        let status = Repl(context: context, reader: reader).run(banner: banner)
        reader.close()
        if status != 0 { throw ExitCode(status) }
    }
}
