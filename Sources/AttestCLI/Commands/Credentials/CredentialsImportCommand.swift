import ArgumentParser
import AttestCore
import AttestCredentials
import AttestStore
import Foundation

/// `creds import FILE`: adds the credentials an organisation issued to you to your log, exactly as signed.
struct CredentialsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add credentials an organisation issued you (a .credentials.json from 'creds issue') to your log.",
        discussion: """
            Each credential's signature, structure and dates are checked, and it must be issued to this store's \
            device key. It is kept exactly as signed, in each form the bundle holds (VC-JWT, Data Integrity): \
            'creds export --format jwt' and '--format ldp' hand back those bytes. Whether you trust the issuer is \
            up to your trust list ('issuer trust add').
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The credential bundle.", valueName: "file"), completion: .file())
    var file: String

    func run() throws {
        let context = global.context()
        guard let data = FileManager.default.contents(atPath: file), let bundle = try? CredentialJSON.parse(data),
              let tokens = CredentialBundleImport.tokens(in: data)
        else { throw IssuingError("\(TerminalText.sanitize(file)) is not a credential bundle written by 'attest creds issue'.") }
        let store = try context.store()
        let device = try DeviceKey.load(store).did
        let trustList = try TrustList(store: store)
        let console = context.console
        let results = try CredentialBundleImport(context: context, store: store).add(tokens)
        for result in results { console.line(result.line) }
        var refused = results.filter(\.refused).count
        for credential in bundle["linkedDataCredentials"]?.arrayValue ?? [] {
            if let problem = try importLinkedData(credential, store: store, device: device, trustList: trustList, console: console) {
                console.line("refused  " + console.safe(problem))
                refused += 1
            }
        }
        if refused > 0 { throw ExitCode(1) }
    }

    /// Checks and keeps one Data Integrity credential; returns why it was refused, or nil.
    private func importLinkedData(
        _ credential: CredentialJSON, store: AttestDatabase, device: String, trustList: TrustList, console: Console
    ) throws -> String? {
        let context = global.context()
        let data = credential.data
        guard let check = LinkedDataCredentialCheck(
            data: data, revocationCheck: trustList.revocation, trust: trustList.trust(issuer:key:), now: context.clock.now())
        else { return "a linked-data entry is not a credential with a Data Integrity proof" }
        guard check.isValid, let issuerDID = check.issuerDID, let id = credential["id"]?.stringValue else {
            return check.checks.first { !$0.passed }.map { "\($0.name) — \($0.detail)" } ?? "not a credential"
        }
        let badge = OpenBadgeCredential(json: credential)
        guard badge.subjectID == device else {
            return UntrustedText.quoted(check.name ?? "?") + " — issued to another device, not this store's"
        }
        let known = try store.credential(id) != nil
        if !known { try store.awardCredential(CredentialBundleImport.award(badge, learner: context.learner)) }
        let kept = try store.linkedDataCredential(id) != nil
        try store.keepLinkedDataCredential(id: id, issuerDID: issuerDID, json: credential.serialized)
        let vouched = check.exitCode == 0 ? "a trusted issuer" : "not on your trust list"
        console.line((kept ? "already  " : "imported ") + console.safe(UntrustedText.quoted(check.name ?? "?"))
            + " (Data Integrity) issued by " + console.safe(UntrustedText.quoted(check.issuer ?? issuerDID)) + " (\(vouched))")
        return nil
    }
}
