import ArgumentParser
import AttestCredentials
import Foundation

/// `issuer trust list`: the issuers you vouch for.
struct IssuerTrustListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the trusted issuers.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let context = global.context()
        let entries = try context.store().trustedIssuers()
        if json {
            let list: [[String: Any]] = entries.map {
                ["did": $0.did, "name": $0.name, "keys": $0.keys, "addedAt": ISODate.format($0.addedAt)]
            }
            context.console.line(try JSONOutput.string(list))
            return
        }
        let console = context.console
        if entries.isEmpty {
            console.line("No trusted issuers. Add one with: attest issuer trust add DID --name NAME")
            return
        }
        for entry in entries {
            let fingerprints = entry.keys.compactMap { try? VerificationKey(multibase: $0).fingerprint }
            console.line(console.safe(UntrustedText.quoted(entry.name)) + "  " + console.safe(entry.did)
                + (fingerprints.isEmpty ? "" : console.styled("  key " + fingerprints.joined(separator: ", "), .dim)))
        }
    }
}
