import ArgumentParser
import Foundation

/// `issuer trust remove DID`: stop vouching for an issuer.
struct IssuerTrustRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an issuer from the trust list.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The issuer's DID.", valueName: "did"))
    var did: String

    func run() throws {
        let context = global.context()
        guard try context.store().distrustIssuer(did: did) else {
            throw TrustError("\(TerminalText.sanitize(did)) is not on the trust list; see 'attest issuer trust list'.")
        }
        context.console.line("Removed \(TerminalText.sanitize(did)) from the trust list.")
    }
}
