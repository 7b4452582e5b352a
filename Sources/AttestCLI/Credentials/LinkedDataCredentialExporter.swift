import AttestCore
import AttestCredentials
import AttestLinkedData
import AttestStore
import Crypto
import Foundation

/// `creds export --format ldp|html`. ldp: the Open Badges 3.0 credential with an embedded Data Integrity proof
/// (`eddsa-rdfc-2022`), issued under the store's Ed25519 self-assessment key as a `did:key` — the form the
/// Digital Credentials Consortium verifier and Learner Credential Wallet accept. html: a self-contained page
/// that verifies the VC-JWT in the browser, to host as a LinkedIn certification URL.
struct LinkedDataCredentialExporter {
    let context: AppContext

    /// The store's Ed25519 key, created the first time (two processes racing end with one key).
    func signingKey() throws -> Curve25519.Signing.PrivateKey {
        let store = try context.store()
        let record = try store.linkedDataKey() ?? store.saveLinkedDataKey(LinkedDataKeyRecord(
            privateKey: Curve25519.Signing.PrivateKey().rawRepresentation, createdAt: context.clock.now()))
        return try Curve25519.Signing.PrivateKey(rawRepresentation: record.privateKey)
    }

    /// The signed credential for `award` as pretty-printed JSON with sorted keys: an organisation's exactly as it
    /// was issued; one of this store's own signed now, carrying its status list entry once a status URL is set
    /// (`issuer status-url`), the same entry at every export.
    func export(_ award: CredentialAward) throws -> Data {
        if let issued = try context.store().linkedDataCredential(award.id) {
            return Data((issued.hasSuffix("\n") ? issued : issued + "\n").utf8)
        }
        let key = try signingKey()
        let didKey = DIDKey(publicKey: key.publicKey)
        let issuer = try Issuer.load(context)
        let learner = try context.store().learner(award.learner)
        let identity = LearnerIdentity(name: award.learner, email: learner?.email, did: learner?.did)
        let credential = try OpenBadgeCredential(
            award: award, learner: identity, issuer: IssuerProfile(did: didKey.did, name: issuer.name),
            salt: OpenBadgeCredential.makeSalt())
        let signed = try EddsaRdfc2022().sign(
            withStatus(JSONValue.parse(credential.json.data), award: award), key: key, verificationMethod: didKey.verificationMethod,
            created: context.clock.now())
        return Data((signed.prettyText + "\n").utf8)
    }

    /// `document` with the award's `credentialStatus`, allocated the first time; unchanged while no status URL is set.
    private func withStatus(_ document: AttestLinkedData.JSONValue, award: CredentialAward) throws -> AttestLinkedData.JSONValue {
        let store = try context.store()
        let entry: StatusListEntryRecord
        if let existing = try store.statusListEntry(credentialID: award.id) {
            entry = existing
        } else if let url = try store.setting(StatusListURL.settingKey) {
            entry = try store.allocateStatusListEntry(
                credentialID: award.id, listURL: url, at: context.clock.now(), choose: StatusListPublisher.allocate(taken:))
        } else {
            return document
        }
        guard case .object(var members) = document else { return document }
        members["credentialStatus"] = StatusListCredential.entry(url: entry.listURL, index: entry.index)
        return .object(members)
    }

    /// The self-contained verification page for `award`'s VC-JWT.
    func page(_ award: CredentialAward) throws -> Data {
        let jws = try CredentialExporter(context: context).sign(award).jws
        return Data(try VerificationPage.html(jws: jws, title: award.name + " — credential verification").utf8)
    }
}
