import AttestCredentials
import AttestStore
import Foundation

/// The issuer of this store's credentials: a P-256 key pair created on first use and kept
/// in the store (a 0600 file in a 0700 folder), with a display name the learner may set.
struct Issuer {
    let key: IssuerKey
    let name: String
    let createdAt: Date

    var profile: IssuerProfile { IssuerProfile(did: key.did, name: name) }

    /// Loads the issuer, creating its key the first time (two processes racing end with one key).
    static func load(_ context: AppContext) throws -> Issuer {
        let store = try context.store()
        let record: IssuerKeyRecord
        if let existing = try store.issuerKey() {
            record = existing
        } else {
            let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
            record = try store.saveIssuerKey(IssuerKeyRecord(
                name: "Attest self-assessment (\(context.learner)@\(host))", privateKey: IssuerKey().rawRepresentation,
                createdAt: context.clock.now()))
        }
        return Issuer(key: try IssuerKey(rawRepresentation: record.privateKey), name: record.name, createdAt: record.createdAt)
    }
}
