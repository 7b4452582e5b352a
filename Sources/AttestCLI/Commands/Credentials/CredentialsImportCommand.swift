import ArgumentParser
import AttestCore
import AttestCredentials
import AttestStore
import Foundation

/// `creds import FILE`: adds the credentials an organisation issued to you to your log, exactly as signed.
struct CredentialsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add credentials an organisation issued you (a .credentials.json from 'creds issue') to your log.",
        discussion: """
            Each credential's signature, structure and dates are checked, and it must be issued to this store's \
            device key. It is kept exactly as signed: 'creds export' hands back those bytes. Whether you trust the \
            issuer is up to your trust list ('issuer trust add').
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The credential bundle.", valueName: "file"), completion: .file())
    var file: String

    func run() throws {
        let context = global.context()
        guard let data = FileManager.default.contents(atPath: file), let tokens = CredentialBundleImport.tokens(in: data) else {
            throw IssuingError("\(TerminalText.sanitize(file)) is not a credential bundle written by 'attest creds issue'.")
        }
        let results = try CredentialBundleImport(context: context, store: try context.store()).add(tokens)
        for result in results { context.console.line(result.line) }
        if results.contains(where: \.refused) { throw ExitCode(1) }
    }
}
