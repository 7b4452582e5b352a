import ArgumentParser
import AttestCredentials
import Foundation

/// `issuer init --org NAME --keyring FILE`: an organisation issuer, held by an instructor, apart from any learner store.
struct IssuerInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an organisation issuer: a keyring file (0600) with a passphrase-encrypted key.",
        discussion: """
            The keyring holds two keys: P-256 for VC-JWTs and Ed25519 for Data Integrity (eddsa-rdfc-2022) proofs. \
            With --domain the issuer is did:web:DOMAIN and the command prints the did.json (both keys) to host at \
            https://DOMAIN/.well-known/did.json; without it each key is its own did:key. Credentials point at the \
            revocation status list at --status-url (for a did:web, by default https://DOMAIN/credentials/status.json); \
            publish it with 'attest creds status-list --issuer KEYRING'. The passphrase comes from \
            ATTEST_ISSUER_PASSPHRASE or is asked for on the terminal. Every issue and revocation is appended to \
            KEYRING.log.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The organisation's name, as credentials will show it.", valueName: "name"))
    var org: String

    @Option(help: ArgumentHelp("The organisation's web domain (and optional path) for a did:web.", valueName: "domain"))
    var domain: String?

    @Option(help: ArgumentHelp("The keyring file to create.", valueName: "file"), completion: .file())
    var keyring: String

    @Option(help: ArgumentHelp("Where you will host the revocation status list (https).", valueName: "url"))
    var statusURL: String?

    func validate() throws {
        let name = org.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 { throw ValidationError("Give an --org name of 1 to 200 characters.") }
        if TerminalText.sanitize(name, keepNewlines: false) != name {
            throw ValidationError("The --org name may not contain control characters or line breaks.")
        }
        if let statusURL {
            do { _ = try StatusListURL.validated(statusURL) } catch { throw ValidationError("--status-url: " + error.localizedDescription) }
        }
    }

    func run() throws {
        let context = global.context()
        let file = KeyringFile(path: keyring)
        if FileManager.default.fileExists(atPath: keyring) {
            throw IssuingError("\(TerminalText.sanitize(keyring)) already exists; a keyring is never overwritten. Choose another --keyring.")
        }
        let passphrase = try PassphrasePrompt.read(
            "Passphrase for the new keyring", environment: context.environment, confirm: true)
        if passphrase.count < 8 { throw IssuingError("Choose a passphrase of at least 8 characters.") }
        let created: (keyring: IssuerKeyring, key: IssuerKey)
        do {
            created = try IssuerKeyring.create(
                name: org.trimmingCharacters(in: .whitespacesAndNewlines), domain: domain, passphrase: passphrase,
                at: context.clock.now(), statusListURL: try statusURL.map(StatusListURL.validated))
        } catch let error as CredentialError {
            throw IssuingError("--domain: \(error.localizedDescription)")
        }
        try file.create(created.keyring)
        try file.audit("init", at: context.clock.now(), ["did": created.keyring.did, "name": created.keyring.name])
        let console = context.console
        let key = created.keyring.publicKey
        console.line("Created \(TerminalText.sanitize(keyring)) (mode 0600) for \(UntrustedText.quoted(created.keyring.name)).")
        console.line("DID          \(created.keyring.did)")
        console.line("key          \(key.typeDescription) \(key.fingerprint) (VC-JWT)")
        if let edKey = created.keyring.linkedDataKey, let edDID = created.keyring.linkedDataDID {
            console.line("key          \(edKey.typeDescription) \(edKey.fingerprint) (Data Integrity)"
                + (edDID == created.keyring.did ? "" : ", as \(edDID)"))
        }
        console.line("status list  " + (created.keyring.statusListURL.map { TerminalText.sanitize($0) }
            ?? "none: credentials carry no credentialStatus (give --status-url to have one)"))
        console.line("audit log    \(TerminalText.sanitize(file.auditLogPath))")
        if created.keyring.did.hasPrefix("did:web:") {
            console.line("Host this document at \(DIDWeb.documentURL(created.keyring.did)):")
        } else {
            let dids = [created.keyring.did] + (created.keyring.linkedDataDID.map { [$0] } ?? [])
            for did in dids { console.line("Learners trust this issuer with: attest issuer trust add \(did) --name NAME") }
            console.line("Its DID document:")
        }
        console.line(try JSONOutput.string(try JSONSerialization.jsonObject(with: created.keyring.didDocument.data)))
    }
}
