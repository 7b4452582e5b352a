import AttestCredentials
import AttestLinkedData
import AttestStore
import Crypto
import Foundation

/// What `creds verify` knows about issuers in this store: its own self-assessment key, its trust list and
/// its credential log, turned into the verifier's two questions (who vouches? was it revoked?).
struct TrustList {
    /// This store's self-assessment DID, when it has a key (verifying never creates one).
    let ownDID: String?
    /// This store's Ed25519 self-assessment `did:key` (Data Integrity exports), when it has one.
    let ownLinkedDataDID: String?
    let entries: [TrustedIssuerRecord]
    private let store: AttestDatabase?

    init(store: AttestDatabase?) throws {
        self.store = store
        ownDID = try store?.issuerKey().flatMap { try? IssuerKey(rawRepresentation: $0.privateKey).did }
        ownLinkedDataDID = try store?.linkedDataKey().flatMap { record in
            (try? Curve25519.Signing.PrivateKey(rawRepresentation: record.privateKey)).map { DIDKey(publicKey: $0.publicKey).did }
        }
        entries = try store?.trustedIssuers() ?? []
    }

    /// Who vouches for `issuer` signing with `key`: a DID on the list is trusted only with the keys the list
    /// holds for it (for `did:jwk` and `did:key`, the DID is the key).
    func trust(issuer: String, key: VerificationKey) -> IssuerTrust {
        if issuer == ownDID { return .ownKey }
        guard let entry = entries.first(where: { $0.did == issuer }) else { return .unknown }
        return entry.keys.isEmpty || entry.keys.contains(key.multibase) ? .trusted(name: entry.name) : .unknown
    }

    /// Who vouches for a Data Integrity credential whose proof verified under `issuer`'s own Ed25519 `key`: this
    /// store's key, a `did:key` on the list (the DID is the key), or a `did:web` on the list holding that key
    /// (from its did.json): a did:web entry trusts only the keys it was added with.
    func trust(issuer: String, key: AttestLinkedData.DIDKey) -> IssuerTrust {
        if issuer == ownLinkedDataDID { return .ownKey }
        guard let entry = entries.first(where: { $0.did == issuer }) else { return .unknown }
        if issuer.hasPrefix("did:key:") { return .trusted(name: entry.name) }
        return entry.keys.contains(key.multibase) ? .trusted(name: entry.name) : .unknown
    }

    /// Revocation keyed on (issuer, id): this store answers only for credentials its own key signed, and a
    /// credential its key signed that is not in its log is flagged.
    func revocation(issuer: String, id: String) -> RevocationLookup {
        guard issuer == ownDID || issuer == ownLinkedDataDID, let store else { return .unknown }
        guard let award = try? store.credential(id) else { return .absentFromLog }
        return RevocationLookup(award: award)
    }
}
