import ArgumentParser
import AttestCore
import AttestCredentials
import Foundation

/// `creds share ID`: a LinkedIn "add certification" link filled in from the credential.
struct CredentialsShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Print a LinkedIn add-certification link for a credential."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The credential id, or the first characters of it.", valueName: "id"))
    var id: String

    func run() throws {
        let context = global.context()
        let award = try CredentialLookup(context: context).find(id)
        guard award.status(at: context.clock.now()) == .valid else {
            throw CommandFailure("That credential is \(award.status(at: context.clock.now()).rawValue); only valid ones can be shared.")
        }
        let issuer = try Issuer.load(context)
        context.console.line(LinkedInShareLink.url(
            name: award.name + " (self-assessed)", organizationName: issuer.name, issued: award.awardedAt, expires: award.expiresAt,
            certID: award.id))
        context.console.line(context.console.styled("Attach the signed badge too: 'attest creds export \(award.id.dropFirst(9).prefix(8)) --format png'.", .dim))
    }
}
