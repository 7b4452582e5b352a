import ArgumentParser

/// `issuer trust`: the list of issuers whose credentials `creds verify` accepts as vouched for.
struct IssuerTrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Keep the trust list: issuers whose credentials 'creds verify' accepts as vouched for.",
        subcommands: [IssuerTrustAddCommand.self, IssuerTrustListCommand.self, IssuerTrustRemoveCommand.self],
        defaultSubcommand: IssuerTrustListCommand.self
    )
}
