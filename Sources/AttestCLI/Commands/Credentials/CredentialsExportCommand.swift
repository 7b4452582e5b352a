import ArgumentParser
import AttestCore
import Foundation

/// `creds export ID --format jwt|json|png|svg|ldp|html`, or the whole log with `--all --format csv|json`.
struct CredentialsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a signed Open Badges 3.0 credential (jwt, json, png, svg, ldp, html), or the whole log (--all: csv, json).",
        discussion: """
            jwt, json, ldp and html go to standard output unless --output is given; png and svg are written to \
            PACK-CREDENTIAL.png/.svg in the current folder by default. Anyone can check a file with \
            'attest creds verify FILE'. ldp is the credential with an embedded Data Integrity proof \
            (eddsa-rdfc-2022) under the store's Ed25519 did:key, for wallets and verifiers that read only \
            linked-data proofs; html is a self-contained page that checks the credential's signature in \
            the browser, to host as a LinkedIn certification URL. Existing files are never overwritten without --force.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The credential id, or the first characters of it.", valueName: "id"))
    var id: String?

    @Flag(help: "Export the whole log instead of one credential.")
    var all = false

    @Option(help: "jwt, json, png, svg, ldp or html for one credential; csv or json with --all.")
    var format: String

    @Option(help: ArgumentHelp("The file to write, or - for standard output.", valueName: "path"))
    var output: String?

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func validate() throws {
        if all {
            if id != nil { throw ValidationError("Give a credential id or --all, not both.") }
            if !["csv", "json"].contains(format) { throw ValidationError("--all exports as csv or json, not '\(format)'.") }
        } else {
            if id == nil { throw ValidationError("Give the credential to export (see 'attest creds list'), or --all.") }
            if !["ldp", "html"].contains(format), CredentialExporter.Format(rawValue: format) == nil {
                throw ValidationError("Unknown format '\(format)'; use jwt, json, png, svg, ldp or html.")
            }
        }
    }

    func run() throws {
        let context = global.context()
        let data: Data
        var destination = output
        if all {
            let store = try context.store()
            let awards = try store.credentials(learner: context.learner)
            let issuers = try CredentialIssuers(store: store, learner: context.learner)
            let now = context.clock.now()
            data = Data((format == "csv"
                ? CredentialLog.csv(awards, issuers: issuers, now: now)
                : try CredentialLog.json(awards, issuers: issuers, now: now) + "\n").utf8)
        } else {
            let award = try CredentialLookup(context: context).find(id!)
            if let kind = CredentialExporter.Format(rawValue: format) {
                data = try CredentialExporter(context: context).export(award, as: kind)
                if destination == nil, kind == .png || kind == .svg {
                    destination = "\(award.packID)-\(award.credentialID).\(kind.rawValue)"
                }
            } else if format == "html" {
                data = try LinkedDataCredentialExporter(context: context).page(award)
            } else {
                data = try LinkedDataCredentialExporter(context: context).export(award)
            }
        }
        guard let destination, destination != "-" else {
            // Bytes as they are: a PNG on standard output must not pass through a String.
            data.withUnsafeBytes { context.console.write(utf8: $0) }
            return
        }
        try OutputFile.write(data, to: destination, force: force)
        context.console.line("Wrote \(TerminalText.quoted(destination)) (\(data.count) bytes). "
            + "Check it with 'attest creds verify \(TerminalText.quoted(destination))'.")
    }
}
