import ArgumentParser
import AttestCore
import AttestCredentials
import Foundation

/// `issuer`: who signs this store's credentials.
struct IssuerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issuer",
        abstract: "Show the issuer identity (did:jwk and public key) or set its display name.",
        subcommands: [
            IssuerShowCommand.self, IssuerNameCommand.self, IssuerStatusURLCommand.self, IssuerTrustCommand.self, IssuerInitCommand.self,
        ],
        defaultSubcommand: IssuerShowCommand.self
    )
}

/// `issuer show`.
struct IssuerShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print the issuer's name, identifier (did:jwk) and public key (JWK).")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let context = global.context()
        let issuer = try Issuer.load(context)
        let jwk = DIDJWK.jwk(for: issuer.key.publicKey).serialized
        let statusURL = try context.store().setting(StatusListURL.settingKey)
        if json {
            let object: [String: Any] = [
                "name": issuer.name, "id": issuer.key.did, "keyId": issuer.key.keyID,
                "publicKeyJwk": try JSONSerialization.jsonObject(with: Data(jwk.utf8)),
                "createdAt": ISODate.format(issuer.createdAt), "statusListURL": statusURL as Any,
            ]
            context.console.line(try JSONOutput.string(object))
            return
        }
        let console = context.console
        console.line(console.styled("name     ", .dim) + console.safe(issuer.name))
        console.line(console.styled("id       ", .dim) + issuer.key.did)
        console.line(console.styled("key id   ", .dim) + issuer.key.keyID)
        console.line(console.styled("key      ", .dim) + jwk + console.styled("  (P-256, ES256)", .dim))
        console.line(console.styled("since    ", .dim) + DateText.minute(issuer.createdAt))
        console.line(console.styled("status   ", .dim) + (statusURL.map { TerminalText.sanitize($0) }
            ?? "no status list URL: Data Integrity exports carry no credentialStatus ('issuer status-url URL')"))
    }
}

/// `issuer name NAME`.
struct IssuerNameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "name",
        abstract: "Set the self-assessment issuer's display name (credentials still say \"self-assessed with Attest\").")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The new display name.")
    var name: String

    func validate() throws {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 200 { throw ValidationError("Give a name of 1 to 200 characters.") }
        if TerminalText.sanitize(trimmed) != trimmed { throw ValidationError("The name may not contain control characters.") }
    }

    func run() throws {
        let context = global.context()
        _ = try Issuer.load(context)
        try context.store().setIssuerName(name.trimmingCharacters(in: .whitespacesAndNewlines))
        let shown = IssuerProfile.selfAssessedName(displayName: name)
        context.console.line("Issuer name set: credentials awarded from now on name their issuer "
            + "\(UntrustedText.quoted(TerminalText.sanitize(shown))).")
    }
}
