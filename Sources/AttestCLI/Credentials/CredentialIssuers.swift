import AttestCredentials
import AttestStore
import Foundation

/// Who vouches for each credential in a learner's log, as `creds list` and `creds export --all` show it:
/// this store's self-assessment key, an organisation on the trust list (under the name the learner gave it),
/// or an organisation known only by the name its credential claims. Signatures were checked when the
/// credentials came in (`creds import`, `submit`); this says whose they were, so a self-assessed credential
/// and an issued one are never confused in a listing.
struct CredentialIssuers {
    /// One credential's issuer.
    struct Issuer: Hashable {
        var trust: IssuerTrust
        /// The signer's DID (nil for a self-assessed credential before this store made its key).
        var did: String?
        /// The name the credential carries.
        var claimedName: String
    }

    /// The issuer of every self-assessed credential in this store.
    let selfAssessed: Issuer
    private let others: [String: Issuer]

    /// Whether any credential in the log was issued by someone else.
    var anyOrganisation: Bool { !others.isEmpty }

    init(store: AttestDatabase, learner: String) throws {
        let key = try store.issuerKey()
        let selfDID = try key.map { try IssuerKey(rawRepresentation: $0.privateKey).did }
        selfAssessed = Issuer(
            trust: .ownKey, did: selfDID, claimedName: IssuerProfile.selfAssessedName(displayName: key?.name))
        let issued = try store.credentialsIssuedByOthers(learner: learner, selfDID: selfDID)
        let trusted = issued.isEmpty ? [:] : Dictionary(
            try store.trustedIssuers().map { ($0.did, $0.name) }, uniquingKeysWith: { first, _ in first })
        others = Dictionary(issued.map { record in
            let trust: IssuerTrust = trusted[record.did].map { .trusted(name: $0) } ?? .unknown
            return (record.credentialID, Issuer(trust: trust, did: record.did, claimedName: record.claimedName))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The issuer of the credential logged as `id`.
    func issuer(of id: String) -> Issuer {
        others[id] ?? selfAssessed
    }

    /// The issuer as listings write it: "self-assessed", "trusted", or "unknown issuer", with the name to show.
    static func describe(_ issuer: Issuer) -> (kind: String, name: String) {
        switch issuer.trust {
        case .ownKey: ("self-assessed", issuer.claimedName)
        case let .trusted(name): ("trusted", name)
        case .unknown: ("unknown issuer", issuer.claimedName)
        }
    }
}
