import ArgumentParser
import AttestCore
import AttestCredentials
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
            signed with the keyring's key \
            and written as LEARNER.credentials.json in --output; a report says per learner what was issued and why \
            not. Exit status 0 when every submission was read, 1 otherwise.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("from"), parsing: .upToNextOption,
            help: ArgumentHelp("Signed submission files.", valueName: "file"), completion: .file())
    var files: [String]

    @Option(help: ArgumentHelp("The organisation keyring ('issuer init').", valueName: "keyring"), completion: .file())
    var issuer: String

    @Option(help: ArgumentHelp("Folder for the credential bundles (default: the current folder).", valueName: "dir"),
            completion: .directory)
    var output: String = "."

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one submission with --from FILE.") }
    }

    func run() throws {
        let context = global.context()
        let file = KeyringFile(path: issuer)
        let keyring = try file.read()
        let passphrase = try PassphrasePrompt.read("Passphrase for \(keyring.name)", environment: context.environment)
        let key: IssuerKey
        do { key = try keyring.unlock(passphrase: passphrase) } catch {
            throw IssuingError(error.localizedDescription)
        }
        let issuer = ClassIssuer(context: context, keyring: keyring, key: key, file: file)
        let console = context.console
        var unreadable = false
        for path in files {
            let outcome = try issuer.issue(submissionFile: path)
            let who = outcome.learner.map { UntrustedText.quoted($0) } ?? "?"
            console.line(console.styled("\(TerminalText.sanitize(path))", .bold) + " — learner " + console.safe(who))
            for (award, _) in outcome.issued {
                console.line("  issued   " + console.safe(award.name) + " (\(award.qualifiedID))")
            }
            for name in outcome.alreadyHeld { console.line("  held     " + console.safe(name) + " (issued in an earlier batch)") }
            for reason in outcome.rejected { console.line("  rejected " + console.safe(reason)) }
            for reason in outcome.pending { console.line("  not yet  " + console.safe(reason)) }
            if outcome.learner == nil { unreadable = true }
            if let learner = outcome.learner, let device = outcome.device, !outcome.issued.isEmpty {
                let bundle = try writeBundle(learner: learner, device: device, keyring: keyring, outcome.issued.map(\.jws))
                console.line("  wrote    " + TerminalText.sanitize(bundle))
            } else if outcome.issued.isEmpty {
                console.line("  nothing issued")
            }
        }
        if unreadable { throw ExitCode(1) }
    }

    /// `OUTPUT/LEARNER.credentials.json`: the learner's signed credentials, for 'creds import'.
    private func writeBundle(learner: String, device: String, keyring: IssuerKeyring, _ credentials: [String]) throws -> String {
        let safe = String(learner.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        }).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        let path = URL(fileURLWithPath: output).appendingPathComponent((safe.isEmpty ? "learner" : safe) + ".credentials.json").path
        let bundle = CredentialJSON.object([
            "format": .string(CredentialBundle.format), "version": .number(1),
            "issuer": .object(["id": .string(keyring.did), "name": .string(keyring.name)]),
            "learner": .string(learner), "subject": .string(device),
            "credentials": .array(credentials.map(CredentialJSON.string)),
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
