import AttestCLI
import AttestCore
import AttestCredentials
import AttestLinkedData
import AttestStore
import Crypto
import Foundation

/// The organisation's issuer (`ClassIssuer`: signature check, re-scoring, credential rules, signing) shared
/// by concurrent requests. The pack library and the scratch stores it judges in are not thread-safe, so
/// every use is serialised; each call is short and CPU-bound.
public final class IssuingDesk: @unchecked Sendable {
    private let issuer: ClassIssuer
    /// The keyring's Ed25519 key, when it has one: the status list is then signed as Data Integrity
    /// (eddsa-rdfc-2022), the form `creds verify --status-list` checks.
    private let linkedDataKey: Curve25519.Signing.PrivateKey?
    private let lock = NSLock()
    public let keyring: IssuerKeyring
    private let packs: Int

    /// `file` is the keyring's file: the desk signs with the key given and audits in PostgreSQL, never in its log.
    public init(
        context: AppContext, keyring: IssuerKeyring, key: IssuerKey, linkedDataKey: Curve25519.Signing.PrivateKey? = nil,
        file: KeyringFile
    ) {
        issuer = ClassIssuer(context: context, keyring: keyring, key: key, file: file)
        self.linkedDataKey = linkedDataKey
        self.keyring = keyring
        packs = context.library.packs.count
    }

    /// The desk for the keyring at `path` (unlocked with `ATTEST_ISSUER_PASSPHRASE` or a prompt), judging with
    /// the bundled packs and those in `packDirectories`.
    public static func open(keyring path: String, packDirectories: [String], environment: [String: String]) throws -> IssuingDesk {
        let organisation = try KeyringFile(path: path).read()
        let passphrase = try PassphrasePrompt.read("Passphrase for \(organisation.name)", environment: environment)
        let keys: (key: IssuerKey, linkedDataKey: Curve25519.Signing.PrivateKey?)
        do { keys = try organisation.unlockKeys(passphrase: passphrase) } catch { throw IssuingError(error.localizedDescription) }
        let context = AppContext(
            console: Console.standard(noColor: true, environment: environment), environment: environment,
            storePath: FileManager.default.temporaryDirectory.appendingPathComponent("attest-registry-\(getpid()).none").path,
            extraPackDirectories: packDirectories)
        return IssuingDesk(
            context: context, keyring: organisation, key: keys.key, linkedDataKey: keys.linkedDataKey, file: KeyringFile(path: path))
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

    /// The signed Bitstring Status List at `url` with the `revoked` indexes set, and its media type: Data
    /// Integrity JSON with the keyring's Ed25519 key, else a VC-JWT with its P-256 key.
    func signedStatusList(url: String, revoked: [Int], at date: Date) throws -> (body: String, type: String) {
        if let linkedDataKey, let did = keyring.linkedDataDID, let method = keyring.linkedDataVerificationMethod {
            let signed = try StatusListPublisher.signedList(
                url: url, issuer: did, key: linkedDataKey, verificationMethod: method, revoked: revoked, now: date)
            return (signed.canonicalText, "application/vc+ld+json")
        }
        var list = BitstringStatusList()
        for index in revoked { try list.set(index) }
        let unsigned = StatusListCredential.unsigned(list: list, url: url, issuer: keyring.did, validFrom: date)
        let document = try CredentialJSON.parse(Data(unsigned.canonicalText.utf8))
        return (try lock.withLock { try issuer.sign(document: document) }, "application/vc+jwt")
    }
}
