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
              bundle["format"]?.stringValue == CredentialBundle.format, let tokens = bundle["credentials"]?.arrayValue
        else { throw IssuingError("\(TerminalText.sanitize(file)) is not a credential bundle written by 'attest creds issue'.") }
        let store = try context.store()
        let device = try DeviceKey.load(store).did
        let trustList = try TrustList(store: store)
        let console = context.console
        var refused = 0
        for token in tokens.compactMap(\.stringValue) {
            let report = CredentialVerifier.verify(
                data: Data(token.utf8), revocationCheck: trustList.revocation, now: context.clock.now(), trust: trustList.trust)
            guard report.isValid, let summary = report.credential, let issuerDID = report.issuerDID,
                  let payload = try? CredentialJSON.parse(Base64URL.decode(token.split(separator: ".")[1]) ?? Data())
            else {
                console.line("refused  " + console.safe(report.failure.map { "\($0.name) — \($0.detail)" } ?? "not a credential"))
                refused += 1
                continue
            }
            let credential = OpenBadgeCredential(json: payload)
            guard credential.subjectID == device else {
                console.line("refused  " + console.safe(UntrustedText.quoted(summary.name ?? "?")) + " — issued to another device, not this store's")
                refused += 1
                continue
            }
            let issuerName = summary.issuerName ?? issuerDID
            let added = try store.importSignedCredential(
                award(credential, learner: context.learner),
                signed: SignedCredentialRecord(id: summary.id ?? "", issuerDID: issuerDID, issuerName: issuerName, jws: token))
            let vouched = report.verdict == .trusted ? "a trusted issuer" : "not on your trust list"
            console.line((added ? "imported " : "already  ") + console.safe(UntrustedText.quoted(summary.name ?? "?"))
                + " issued by " + console.safe(UntrustedText.quoted(issuerName)) + " (\(vouched))")
        }
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
        if !known { try store.awardCredential(award(badge, learner: context.learner)) }
        let kept = try store.linkedDataCredential(id) != nil
        try store.keepLinkedDataCredential(id: id, issuerDID: issuerDID, json: credential.serialized)
        let vouched = check.exitCode == 0 ? "a trusted issuer" : "not on your trust list"
        console.line((kept ? "already  " : "imported ") + console.safe(UntrustedText.quoted(check.name ?? "?"))
            + " (Data Integrity) issued by " + console.safe(UntrustedText.quoted(check.issuer ?? issuerDID)) + " (\(vouched))")
        return nil
    }

    /// The log entry for an issued credential, from what it says.
    private func award(_ credential: OpenBadgeCredential, learner: String) -> CredentialAward {
        let achievement = credential.json["credentialSubject"]?["achievement"]
        let parts = (achievement?["id"]?.stringValue ?? "").split(separator: ":").map(String.init)
        return CredentialAward(
            id: credential.id ?? "", learner: learner, packID: parts.count == 5 ? parts[3] : "issued",
            packVersion: achievement?["version"]?.stringValue ?? "", packHash: "",
            credentialID: parts.count == 5 ? parts[4] : (credential.id ?? ""), name: credential.name ?? "",
            description: credential.json["description"]?.stringValue ?? "",
            achievementType: achievement?["achievementType"]?.stringValue ?? "MicroCredential",
            criteria: achievement?["criteria"]?["narrative"]?.stringValue ?? "",
            awardedAt: credential.validFrom ?? Date(timeIntervalSince1970: 0), expiresAt: credential.validUntil,
            evidence: CredentialEvidence())
    }
}
