import ArgumentParser
import AttestCore
import Foundation

/// `creds revoke ID --reason TEXT`: marks a credential revoked; it stays in the log and fails verification here.
struct CredentialsRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a credential (it stays in the log, marked, and fails verification against this store)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The credential id, or the first characters of it.", valueName: "id"))
    var id: String

    @Option(help: "Why it is revoked (recorded and shown by verify).")
    var reason: String

    @Flag(name: [.customShort("y"), .long], help: "Revoke without asking (for scripts).")
    var yes = false

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("Give a reason with --reason; it is recorded with the revocation.")
        }
    }

    func run() throws {
        let context = global.context()
        let award = try CredentialLookup(context: context).find(id)
        if !yes {
            let question = "Revoke " + context.console.safe(award.name) + " (\(award.id))? It cannot be undone. [y/N] "
            guard Confirmation.ask(question, context: context) else {
                throw CommandFailure("Not revoked. Answer y to revoke, or add --yes in scripts.")
            }
        }
        let revoked = try context.store().revokeCredential(id: award.id, reason: reason, at: context.clock.now())
        context.console.line("Revoked " + context.console.safe(revoked.name) + " (\(revoked.id)). It stays in the log "
            + "and now fails 'attest creds verify' against this store.")
    }
}
