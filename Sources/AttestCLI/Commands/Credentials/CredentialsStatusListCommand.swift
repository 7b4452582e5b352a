import ArgumentParser
import AttestCredentials
import AttestLinkedData
import Crypto
import Foundation

/// `creds status-list --output FILE`: the signed Bitstring Status List to host at the status URL, so anyone
/// can check offline whether a credential was revoked.
struct CredentialsStatusListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status-list",
        abstract: "Write the signed revocation status list (W3C Bitstring Status List) to host at your status URL.",
        discussion: """
            The list covers every credential exported with a credentialStatus (see 'attest issuer status-url'), or \
            with --issuer every credential the organisation keyring issued (from its audit log); each revoked one \
            has its bit set. It is a BitstringStatusListCredential signed with eddsa-rdfc-2022 by \
            the same key as the credentials, 131,072 entries (16 KB) GZIP-compressed. Upload FILE to the status URL, \
            replacing the old list, after every revocation; verifiers check with 'attest creds verify CREDENTIAL \
            --status-list FILE'.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("An organisation keyring ('issuer init'): publish its list instead of this store's.",
                               valueName: "keyring"), completion: .file())
    var issuer: String?

    @Option(help: ArgumentHelp("The file to write, or - for standard output.", valueName: "path"))
    var output: String

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        let context = global.context()
        let list = try issuer.map { try organisationList(keyring: $0, context: context) } ?? storeList(context: context)
        let data = Data((list.document.prettyText + "\n").utf8)
        if output == "-" {
            data.withUnsafeBytes { context.console.write(utf8: $0) }
            return
        }
        try OutputFile.write(data, to: output, force: force)
        context.console.line("Wrote \(TerminalText.quoted(output)): \(list.listed) credential\(list.listed == 1 ? "" : "s") listed, "
            + "\(list.revoked) revoked. Host it at \(TerminalText.sanitize(list.url)), replacing the previous list.")
    }

    /// A signed list, where it goes, and what it holds.
    private struct Published {
        var document: JSONValue
        var url: String
        var listed: Int
        var revoked: Int
    }

    /// This store's list, signed by its Ed25519 self-assessment key.
    private func storeList(context: AppContext) throws -> Published {
        let store = try context.store()
        guard let url = try store.setting(StatusListURL.settingKey) else {
            throw CommandFailure("No status list URL is set, so no credential points at a list yet. "
                + "Set where you will host it first: 'attest issuer status-url https://…'.")
        }
        let bits = try store.statusListBits(listURL: url)
        let key = try LinkedDataCredentialExporter(context: context).signingKey()
        let didKey = DIDKey(publicKey: key.publicKey)
        let revoked = bits.filter(\.revoked).map(\.index)
        let list = try StatusListPublisher.signedList(
            url: url, issuer: didKey.did, key: key, verificationMethod: didKey.verificationMethod, revoked: revoked,
            now: context.clock.now())
        return Published(document: list, url: url, listed: bits.count, revoked: revoked.count)
    }

    /// An organisation's list, from its keyring's audit log, signed by its Ed25519 key; the publication is logged.
    private func organisationList(keyring path: String, context: AppContext) throws -> Published {
        let file = KeyringFile(path: path)
        let keyring = try file.read()
        guard let url = keyring.statusListURL else {
            throw IssuingError("\(TerminalText.sanitize(path)) has no status list URL, so its credentials carry no credentialStatus "
                + "and there is no list to publish.")
        }
        let passphrase = try PassphrasePrompt.read("Passphrase for \(keyring.name)", environment: context.environment)
        let unlocked: Curve25519.Signing.PrivateKey?
        do {
            unlocked = try keyring.unlockKeys(passphrase: passphrase).linkedDataKey
        } catch {
            throw IssuingError(error.localizedDescription)
        }
        guard let key = unlocked, let did = keyring.linkedDataDID, let method = keyring.linkedDataVerificationMethod else {
            throw IssuingError("\(TerminalText.sanitize(path)) has no Ed25519 key to sign a status list with; "
                + "create a new keyring with 'attest issuer init'.")
        }
        return try file.locked {
            let entries = try file.auditEntries()
            let revokedIDs = Set(entries.filter { $0["action"] == "revoke" }.compactMap { $0["credential"] })
            let listed = entries.filter { $0["action"] == "issue" && $0["statusList"] == url }
            let revoked = listed.filter { revokedIDs.contains($0["credential"] ?? "") }.compactMap { $0["statusListIndex"].flatMap { Int($0) } }
            let now = context.clock.now()
            let list = try StatusListPublisher.signedList(
                url: url, issuer: did, key: key, verificationMethod: method,
                revoked: revoked, now: now)
            try file.audit("status-list", at: now, ["statusList": url, "listed": String(listed.count), "revoked": String(revoked.count)])
            return Published(document: list, url: url, listed: listed.count, revoked: revoked.count)
        }
    }
}
