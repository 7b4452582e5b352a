import ArgumentParser
import AttestCore
import AttestCredentials
import Foundation

/// `creds revoke ID --reason TEXT`: marks a credential revoked; it stays in the log and fails verification here.
/// With `--issuer KEYRING`, an organisation revokes a credential it issued: the revocation is appended to the
/// keyring's audit log and set in its next status list.
struct CredentialsRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a credential (it stays in the log, marked, and fails verification against this store).",
        discussion: """
            With --issuer KEYRING an organisation revokes a credential it issued (the id from its audit log, or the \
            first characters of it): the revocation, with its reason, is appended to KEYRING.log, and the next \
            'attest creds status-list --issuer KEYRING' sets its bit. Verifiers see it once the new list is hosted.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The credential id, or the first characters of it.", valueName: "id"))
    var id: String

    @Option(help: "Why it is revoked (recorded and shown by verify).")
    var reason: String

    @Flag(name: [.customShort("y"), .long], help: "Revoke without asking (for scripts).")
    var yes = false

    @Option(help: ArgumentHelp("An organisation keyring: revoke a credential it issued.", valueName: "keyring"),
            completion: .file())
    var issuer: String?

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("Give a reason with --reason; it is recorded with the revocation.")
        }
    }

    func run() throws {
        let context = global.context()
        if let issuer { return try revokeIssued(keyringPath: issuer, context: context) }
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
        // A stacked credential never outlives its parts: whatever was awarded on this one goes with it, at any depth.
        // One revoked earlier is not revoked again, but what stands on it still falls; each is walked once.
        let log = try store.credentials(learner: revoked.learner)
        var walked: Set = [revoked.id]
        var parts = [revoked]
        while !parts.isEmpty {
            let part = parts.removeFirst()
            for stacked in log where stacked.evidence.prerequisites.contains(part.qualifiedID)
                && stacked.awardedAt >= part.awardedAt && walked.insert(stacked.id).inserted {
                parts.append(stacked)
                guard stacked.revokedAt == nil else { continue }
                let cascade = try store.revokeCredential(
                    id: stacked.id, reason: "its prerequisite \(part.qualifiedID) was revoked", at: now)
                context.console.line("Revoked " + context.console.safe(cascade.name) + " (\(cascade.id)) too: it was "
                    + "awarded on \(context.console.safe(part.name)).")
            }
        }
    }

    /// The audit entry revoking the credential an "issue" entry recorded, with its status list slot.
    private static func revocation(of issued: [String: String], reason: String) -> [String: String] {
        var details = ["credential": issued["credential"] ?? "", "reason": reason, "learner": issued["learner"] ?? "",
                       "achievement": issued["achievement"] ?? ""]
        if let list = issued["statusList"], let index = issued["statusListIndex"] {
            details["statusList"] = list
            details["statusListIndex"] = index
        }
        return details
    }

    /// Revokes a credential an organisation keyring issued: checked against its audit log, appended to it.
    private func revokeIssued(keyringPath: String, context: AppContext) throws {
        let file = KeyringFile(path: keyringPath)
        let keyring = try file.read()
        let passphrase = try PassphrasePrompt.read("Passphrase for \(keyring.name)", environment: context.environment)
        do { _ = try keyring.unlock(passphrase: passphrase) } catch { throw IssuingError(error.localizedDescription) }
        try file.locked {
            let entries = try file.auditEntries()
            let wanted = id.lowercased()
            let matches = entries.filter { entry in
                guard entry["action"] == "issue", let credential = entry["credential"] else { return false }
                return credential == wanted || credential.dropFirst("urn:uuid:".count).hasPrefix(wanted)
            }
            guard let issued = matches.first else {
                throw CommandFailure("\(CommandFailure.quote(id)) is not a credential \(TerminalText.sanitize(keyringPath)) issued "
                    + "(its audit log \(TerminalText.sanitize(file.auditLogPath)) lists every credential issued).")
            }
            guard matches.count == 1 else {
                throw CommandFailure("\(CommandFailure.quote(id)) matches \(matches.count) credentials; give more of the id.")
            }
            let credential = issued["credential"] ?? ""
            if let earlier = entries.first(where: { $0["action"] == "revoke" && $0["credential"] == credential }) {
                throw CommandFailure("\(credential) was already revoked on \(earlier["at"] ?? "?").")
            }
            let what = "\(issued["achievement"] ?? "?") for \(UntrustedText.quoted(issued["learner"] ?? "?"))"
            if !yes {
                let question = "Revoke " + context.console.safe(what) + " (\(credential))? It cannot be undone. [y/N] "
                guard Confirmation.ask(question, context: context) else {
                    throw CommandFailure("Not revoked. Answer y to revoke, or add --yes in scripts.")
                }
            }
            try file.audit("revoke", at: context.clock.now(), Self.revocation(of: issued, reason: reason))
            // A stack never outlives its parts: what this organisation stacked on the credential falls with it, and
            // what it stacked on those, at any depth.
            for (stacked, part) in IssuedLedger.stackedOn(issued, in: entries) {
                try file.audit("revoke", at: context.clock.now(), Self.revocation(
                    of: stacked, reason: "its prerequisite \(part) was revoked"))
                context.console.line("Revoked " + context.console.safe(stacked["achievement"] ?? "?") + " ("
                    + context.console.safe(stacked["credential"] ?? "?") + ") too: it was stacked on "
                    + context.console.safe(part) + ".")
            }
            context.console.line("Revoked " + context.console.safe(what) + " (\(credential)), recorded in "
                + TerminalText.sanitize(file.auditLogPath) + ". "
                + (issued["statusList"].map { "Publish the new list with 'attest creds status-list --issuer "
                    + TerminalText.sanitize(keyringPath) + " --output FILE' and host it at " + TerminalText.sanitize($0) + "." }
                    ?? "It carries no credentialStatus, so verifiers elsewhere cannot learn of the revocation."))
        }
    }
}
