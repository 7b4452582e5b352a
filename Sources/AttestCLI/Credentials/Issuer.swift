import AttestCredentials
import AttestStore
import Foundation

/// The issuer of this store's credentials — self-assessed: a P-256 key pair created on first use and kept
/// in the store (a 0600 file in a 0700 folder), with a display name the learner may set. Whatever the
/// display name, credentials say "self-assessed with Attest" (see `IssuerProfile.selfAssessedName`).
struct Issuer {
    let key: IssuerKey
    /// The display name the learner set; empty when none.
    let displayName: String
    let createdAt: Date

    /// The name credentials carry.
    var name: String { IssuerProfile.selfAssessedName(displayName: displayName) }

    var profile: IssuerProfile { IssuerProfile(did: key.did, name: name, kind: .selfAssessed) }

    /// Loads the issuer, creating its key the first time (two processes racing end with one key).
    static func load(_ context: AppContext) throws -> Issuer {
        let store = try context.store()
        let record: IssuerKeyRecord
        if let existing = try store.issuerKey() {
            record = existing
        } else {
            record = try store.saveIssuerKey(IssuerKeyRecord(
                name: "", privateKey: IssuerKey().rawRepresentation, createdAt: context.clock.now()))
        }
        return Issuer(
            key: try IssuerKey(rawRepresentation: record.privateKey), displayName: record.name, createdAt: record.createdAt)
    }
}
