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
        let store = try context.store()
        let now = context.clock.now()
        let revoked = try store.revokeCredential(id: award.id, reason: reason, at: now)
        context.console.line("Revoked " + context.console.safe(revoked.name) + " (\(revoked.id)). It stays in the log "
            + "and now fails 'attest creds verify' against this store.")
        // A stacked credential never outlives its parts: whatever was awarded on this one goes with it.
        var fallen = [revoked]
        while let part = fallen.popLast() {
            for stacked in try store.credentials(learner: part.learner)
            where stacked.revokedAt == nil && stacked.evidence.prerequisites.contains(part.qualifiedID)
                && stacked.awardedAt >= part.awardedAt {
                let cascade = try store.revokeCredential(
                    id: stacked.id, reason: "its prerequisite \(part.qualifiedID) was revoked", at: now)
                context.console.line("Revoked " + context.console.safe(cascade.name) + " (\(cascade.id)) too: it was "
                    + "awarded on \(context.console.safe(part.name)).")
                fallen.append(cascade)
            }
        }
    }
}
