import Foundation
import GRDB

/// Who signed one logged credential, when it was not this store's own self-assessment key.
public struct CredentialIssuerRecord: Sendable, Hashable {
    /// The credential's id in the log.
    public var credentialID: String
    /// The signer's DID.
    public var did: String
    /// The issuer name the credential claims (only the credential's own word unless the DID is trusted).
    public var claimedName: String

    public init(credentialID: String, did: String, claimedName: String) {
        self.credentialID = credentialID
        self.did = did
        self.claimedName = claimedName
    }
}

extension AttestDatabase {
    /// The v18 migration: signed credentials by issuer.
    static let credentialIssuerIndex = "CREATE INDEX signed_credential_by_issuer ON signed_credential(issuerDID, id);"

    /// A learner's logged credentials signed by anyone but `selfDID` (this store's self-assessment key; nil before
    /// it exists): the credentials organisations issued. Two ranges of the issuer index skip the store's own,
    /// so a log of 100,000 self-assessed credentials costs nothing here; CROSS JOIN keeps SQLite from
    /// walking the whole log instead.
    public func credentialsIssuedByOthers(learner: String, selfDID: String?) throws -> [CredentialIssuerRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.issuerDID, s.issuerName FROM signed_credential s CROSS JOIN credential c ON c.id = s.id
                    WHERE (s.issuerDID < ?1 OR s.issuerDID > ?1) AND c.learner = ?2
                    """,
                arguments: [selfDID ?? "", learner]
            ).map { CredentialIssuerRecord(credentialID: $0[0], did: $0[1], claimedName: $0[2]) }
        }
    }
}
