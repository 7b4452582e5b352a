import AttestCLI
import AttestCore
import AttestCredentials
import AttestLinkedData
import AttestStore
import Foundation

/// The organisation's issuer (`ClassIssuer`: signature check, re-scoring, credential rules, signing) shared
/// by concurrent requests. The pack library and the scratch stores it judges in are not thread-safe, so
/// every use is serialised; each call is short and CPU-bound.
public final class IssuingDesk: @unchecked Sendable {
    private let issuer: ClassIssuer
    private let lock = NSLock()
    public let keyring: IssuerKeyring
    private let packs: Int

    /// `file` is the keyring's file: the desk signs with the key given and audits in PostgreSQL, never in its log.
    public init(context: AppContext, keyring: IssuerKeyring, key: IssuerKey, file: KeyringFile) {
        issuer = ClassIssuer(context: context, keyring: keyring, key: key, file: file)
        self.keyring = keyring
        packs = context.library.packs.count
    }

    /// The desk for the keyring at `path` (unlocked with `ATTEST_ISSUER_PASSPHRASE` or a prompt), judging with
    /// the bundled packs and those in `packDirectories`.
    public static func open(keyring path: String, packDirectories: [String], environment: [String: String]) throws -> IssuingDesk {
        let organisation = try KeyringFile(path: path).read()
        let passphrase = try PassphrasePrompt.read("Passphrase for \(organisation.name)", environment: environment)
        let key: IssuerKey
        do { key = try organisation.unlock(passphrase: passphrase) } catch { throw IssuingError(error.localizedDescription) }
        let context = AppContext(
            console: Console.standard(noColor: true, environment: environment), environment: environment,
            storePath: FileManager.default.temporaryDirectory.appendingPathComponent("attest-registry-\(getpid()).none").path,
            extraPackDirectories: packDirectories)
        return IssuingDesk(context: context, keyring: organisation, key: key, file: KeyringFile(path: path))
    }

    /// How many packs (all versions) the desk judges with.
    public var packCount: Int { packs }

    func screen(_ submission: Submission) -> ClassIssuer.Screening {
        lock.withLock { issuer.screen(submission) }
    }

    func judge(_ attempts: [RecordedAttempt], learner: String) throws -> ([CredentialAward], [String]) {
        try lock.withLock { try issuer.judge(attempts, learner: learner) }
    }

    func sign(_ award: CredentialAward, subject: String, status: AttestLinkedData.JSONValue) throws -> String {
        try lock.withLock { try issuer.signedJWT(award, subject: subject, status: status) }
    }

    /// Signs any other document the registry publishes (its status lists) as a VC-JWT with the organisation key.
    func sign(document: CredentialJSON) throws -> String {
        try lock.withLock { try issuer.sign(document: document) }
    }
}
