import ArgumentParser
import AttestCredentials
import AttestStore
import Foundation

/// `issuer trust add DID --name NAME`: vouch for an issuer, under a name you choose.
struct IssuerTrustAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Trust an issuer's DID under a name you choose.",
        discussion: """
            A did:key or did:jwk is its own key. A did:web needs the organisation's keys: give the did.json it \
            hosts (--did-document, as printed by 'attest issuer init') or its keys (--key z…). Only add an issuer \
            whose DID you got from the organisation itself.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The issuer's DID (did:web:…, did:key:… or did:jwk:…).", valueName: "did"))
    var did: String

    @Option(help: ArgumentHelp("The name you know the issuer by.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The organisation's did.json (for a did:web).", valueName: "file"), completion: .file())
    var didDocument: String?

    @Option(help: ArgumentHelp("A multibase key (z…) the did:web signs with; repeatable.", valueName: "key"))
    var key: [String] = []

    func validate() throws {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 200 { throw ValidationError("Give a --name of 1 to 200 characters.") }
        if TerminalText.sanitize(trimmed, keepNewlines: false) != trimmed {
            throw ValidationError("The name may not contain control characters or line breaks.")
        }
        if !did.hasPrefix("did:") { throw ValidationError("'\(TerminalText.sanitize(did))' is not a DID (it must start with did:).") }
    }

    func run() throws {
        let context = global.context()
        let keys = try trustedKeys()
        try context.store().trustIssuer(TrustedIssuerRecord(
            did: did, name: name.trimmingCharacters(in: .whitespacesAndNewlines), keys: keys.map(\.multibase),
            addedAt: context.clock.now()))
        let fingerprints = keys.map(\.fingerprint).joined(separator: ", ")
        context.console.line("Trusted \(UntrustedText.quoted(name)): \(TerminalText.sanitize(did))"
            + (fingerprints.isEmpty ? "" : " (key \(fingerprints))") + ".")
    }

    /// The keys the DID is trusted with: none to list for did:jwk and did:key (the DID is the key).
    private func trustedKeys() throws -> [VerificationKey] {
        do {
            if did.hasPrefix("did:jwk:") {
                _ = try DIDJWK.publicKey(from: did)
                return []
            }
            if did.hasPrefix("did:key:") {
                _ = try VerificationKey(multibase: did.dropFirst("did:key:".count))
                return []
            }
            try DIDWeb.validate(did)
        } catch {
            throw TrustError(error.localizedDescription)
        }
        var keys = try key.map { text in
            do { return try VerificationKey(multibase: text) } catch { throw TrustError("--key \(TerminalText.sanitize(text)): \(error.localizedDescription)") }
        }
        if let didDocument {
            guard let data = FileManager.default.contents(atPath: didDocument) else {
                throw TrustError("Cannot read \(TerminalText.sanitize(didDocument)).")
            }
            do {
                keys += try DIDWeb.keys(inDocument: try CredentialJSON.parse(data), did: did)
            } catch {
                throw TrustError("\(TerminalText.sanitize(didDocument)): \(error.localizedDescription)")
            }
        }
        if keys.isEmpty {
            throw TrustError("A did:web is trusted with its keys: add --did-document did.json (from \(DIDWeb.documentURL(did))) or --key z….")
        }
        return keys
    }
}

/// A trust-list request that cannot be met, in one line.
struct TrustError: LocalizedError {
    let message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}
