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

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("Give a reason with --reason; it is recorded with the revocation.")
        }
    }

    func run() throws {
        let context = global.context()
        let award = try CredentialLookup(context: context).find(id)
        let revoked = try context.store().revokeCredential(id: award.id, reason: reason, at: context.clock.now())
        context.console.line("Revoked " + context.console.safe(revoked.name) + " (\(revoked.id)). It stays in the log "
            + "and now fails 'attest creds verify' against this store.")
    }
}
