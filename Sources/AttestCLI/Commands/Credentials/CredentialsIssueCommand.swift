import ArgumentParser
import AttestCore
import AttestCredentials
import Crypto
import Foundation

/// `creds issue --from FILE… --issuer KEYRING --packs DIR`: an instructor issues credentials from signed submissions.
struct CredentialsIssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue credentials as an organisation from learners' signed submissions ('attempts export --sign').",
        discussion: """
            Each submission's signature is checked and every attempt re-scored from its pack (same content hash, same \
            engine); attempts outside the plan, answered after a time limit, with a wall-clock jump or on a changed \
            pack are rejected. What adds up is awarded by the pack's credential rules, together with what the keyring's \
            audit log says this learner's device was issued before (stacking across batches; nothing issued twice), \
            signed with the keyring's keys \
            and written as LEARNER.credentials.json in --output; a report says per learner what was issued and why \
            not. Exit status 0 when every submission was read, 1 otherwise.

            --format both (the default) signs each credential twice, with the same id and claims: as an ES256 \
            VC-JWT (1EdTech validator, LinkedIn, badge images) and with an eddsa-rdfc-2022 Data Integrity proof \
            (Learner Credential Wallet, VerifierPlus); jwt or ldp signs one form. A keyring made before Attest had \
            Ed25519 keys signs VC-JWTs only. Each credential carries a BitstringStatusListEntry at a random, never \
            reused index of the keyring's status list, recorded in the audit log.
            """
    )

    /// Which proofs `creds issue` signs.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case both, jwt, ldp
    }

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("from"), parsing: .upToNextOption,
            help: ArgumentHelp("Signed submission files.", valueName: "file"), completion: .file())
    var files: [String]

    @Option(help: ArgumentHelp("The organisation keyring ('issuer init').", valueName: "keyring"), completion: .file())
    var issuer: String

    @Option(help: ArgumentHelp("Folder for the credential bundles (default: the current folder).", valueName: "dir"),
            completion: .directory)
    var output: String = "."

    @Option(help: "both (VC-JWT and Data Integrity), jwt or ldp.")
    var format: Format = .both

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one submission with --from FILE.") }
    }

    func run() throws {
        let context = global.context()
        let file = KeyringFile(path: issuer)
        let keyring = try file.read()
        let passphrase = try PassphrasePrompt.read("Passphrase for \(keyring.name)", environment: context.environment)
        let keys: (key: IssuerKey, linkedDataKey: Curve25519.Signing.PrivateKey?)
        do { keys = try keyring.unlockKeys(passphrase: passphrase) } catch {
            throw IssuingError(error.localizedDescription)
        }
        let console = context.console
        if keys.linkedDataKey == nil {
            if format == .ldp {
                throw IssuingError("\(TerminalText.sanitize(issuer)) has no Ed25519 key (it was made before Attest had them), so it "
                    + "cannot sign Data Integrity credentials; use --format jwt, or create a new keyring with 'attest issuer init'.")
            }
            if format == .both { console.line("Note: this keyring has no Ed25519 key; signing VC-JWTs only.") }
        }
        if keyring.statusListURL == nil {
            console.line("Note: this keyring has no status list URL, so the credentials carry no credentialStatus.")
        }
        let unreadable = try file.locked {
            let entries = try file.auditEntries()
            var issuer = ClassIssuer(
                context: context, keyring: keyring, key: keys.key, linkedDataKey: format == .jwt ? nil : keys.linkedDataKey,
                signsJWT: format != .ldp, file: file,
                taken: keyring.statusListURL.map { ClassIssuer.takenIndexes(entries, url: $0) } ?? [])
            var unreadable = false
            for path in files {
                let outcome = try issuer.issue(submissionFile: path)
                try report(outcome, keyring: keyring, console: console)
                if outcome.learner == nil { unreadable = true }
            }
            return unreadable
        }
        if unreadable { throw ExitCode(1) }
    }

    /// Prints what was issued for one submission (and why not) and writes its bundle.
    private func report(_ outcome: ClassIssuer.Outcome, keyring: IssuerKeyring, console: Console) throws {
        let who = outcome.learner.map { UntrustedText.quoted($0) } ?? "?"
        console.line(console.styled("\(TerminalText.sanitize(outcome.source))", .bold) + " — learner " + console.safe(who))
        for issued in outcome.issued {
            console.line("  issued   " + console.safe(issued.award.name) + " (\(issued.award.qualifiedID))")
        }
        for name in outcome.alreadyHeld { console.line("  held     " + console.safe(name) + " (issued in an earlier batch)") }
        for reason in outcome.rejected { console.line("  rejected " + console.safe(reason)) }
        for reason in outcome.pending { console.line("  not yet  " + console.safe(reason)) }
        if let learner = outcome.learner, let device = outcome.device, !outcome.issued.isEmpty {
            let bundle = try writeBundle(learner: learner, device: device, keyring: keyring, outcome.issued)
            console.line("  wrote    " + TerminalText.sanitize(bundle))
        } else if outcome.issued.isEmpty {
            console.line("  nothing issued")
        }
    }

    /// `OUTPUT/LEARNER.credentials.json`: the learner's signed credentials (VC-JWTs in `credentials`, Data
    /// Integrity ones in `linkedDataCredentials`), for 'creds import'.
    private func writeBundle(learner: String, device: String, keyring: IssuerKeyring, _ issued: [ClassIssuer.Issued]) throws -> String {
        let safe = String(learner.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        }).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        let path = URL(fileURLWithPath: output).appendingPathComponent((safe.isEmpty ? "learner" : safe) + ".credentials.json").path
        let bundle = CredentialJSON.object([
            "format": .string(CredentialBundle.format), "version": .number(1),
            "issuer": .object(["id": .string(keyring.did), "name": .string(keyring.name)]),
            "learner": .string(learner), "subject": .string(device),
            "credentials": .array(issued.compactMap(\.jws).map(CredentialJSON.string)),
            "linkedDataCredentials": .array(try issued.compactMap(\.linkedData).map { try CredentialJSON.parse(Data($0.canonicalText.utf8)) }),
        ])
        do {
            try Data((bundle.serialized + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw IssuingError("Cannot write \(TerminalText.sanitize(path)): \(error.localizedDescription)")
        }
        return path
    }
}

/// The file `creds issue` writes per learner and `creds import` reads.
enum CredentialBundle {
    static let format = "attest-credentials"
}
