import AttestCredentials
import AttestStore
import Foundation

/// What `creds verify` knows about issuers in this store: its own self-assessment key, its trust list and
/// its credential log, turned into the verifier's two questions (who vouches? was it revoked?).
struct TrustList {
    /// This store's self-assessment DID, when it has a key (verifying never creates one).
    let ownDID: String?
    let entries: [TrustedIssuerRecord]
    private let store: AttestDatabase?

    init(store: AttestDatabase?) throws {
        self.store = store
        ownDID = try store?.issuerKey().flatMap { try? IssuerKey(rawRepresentation: $0.privateKey).did }
        entries = try store?.trustedIssuers() ?? []
    }

    /// Who vouches for `issuer` signing with `key`: a DID on the list is trusted only with the keys the list
    /// holds for it (for `did:jwk` and `did:key`, the DID is the key).
    func trust(issuer: String, key: VerificationKey) -> IssuerTrust {
        if issuer == ownDID { return .ownKey }
        guard let entry = entries.first(where: { $0.did == issuer }) else { return .unknown }
        return entry.keys.isEmpty || entry.keys.contains(key.multibase) ? .trusted(name: entry.name) : .unknown
    }

    /// Revocation keyed on (issuer, id): this store answers only for credentials its own key signed, and a
    /// credential its key signed that is not in its log is flagged.
    func revocation(issuer: String, id: String) -> RevocationLookup {
        guard issuer == ownDID, let store else { return .unknown }
        guard let award = try? store.credential(id) else { return .absentFromLog }
        return RevocationLookup(award: award)
    }
}
