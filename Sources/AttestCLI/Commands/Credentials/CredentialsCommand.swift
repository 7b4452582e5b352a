import ArgumentParser
import AttestCore
import AttestStore
import Foundation

/// `credentials` (`creds`): the learner's credential log — list, show, export, verify, revoke, share.
struct CredentialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Your credential log: list, show, export signed badges, verify, revoke, share.",
        subcommands: [
            CredentialsListCommand.self, CredentialsShowCommand.self, CredentialsExportCommand.self,
            CredentialsVerifyCommand.self, CredentialsRevokeCommand.self, CredentialsShareCommand.self,
            CredentialsIssueCommand.self, CredentialsImportCommand.self, CredentialsStatusListCommand.self,
        ],
        defaultSubcommand: CredentialsListCommand.self,
        aliases: ["creds"]
    )
}

/// Finds a credential by its full id (`urn:uuid:...`), its uuid, or a unique prefix of the uuid.
struct CredentialLookup {
    let context: AppContext

    func find(_ reference: String) throws -> CredentialAward {
        let all = try context.store().credentials(learner: context.learner)
        let wanted = reference.lowercased()
        let matches = all.filter { award in
            award.id == wanted || award.id.dropFirst("urn:uuid:".count).hasPrefix(wanted) || award.qualifiedID == wanted
        }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw CommandFailure("No credential \(CommandFailure.quote(reference)) for \(TerminalText.sanitize(context.learner)). "
                + "'attest creds list' shows them.")
        }
        if matches.allSatisfy({ $0.qualifiedID == wanted }) { return matches[0] }
        throw CommandFailure("\(CommandFailure.quote(reference)) matches \(matches.count) credentials; give more of the id.")
    }
}
