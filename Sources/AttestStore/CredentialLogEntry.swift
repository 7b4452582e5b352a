import AttestCore
import Foundation

/// One line of the credential log: what `creds list` shows, without the evidence.
///
/// Listing a hundred thousand credentials must not decode a hundred thousand evidence
/// documents; `AttestDatabase.credentialLog` reads only these columns.
public struct CredentialLogEntry: Sendable, Hashable {
    public var id: String
    public var learner: String
    public var packID: String
    public var packVersion: String
    public var credentialID: String
    public var name: String
    public var achievementType: String
    public var awardedAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var revocationReason: String?

    public init(
        id: String, learner: String, packID: String, packVersion: String, credentialID: String, name: String,
        achievementType: String, awardedAt: Date, expiresAt: Date?, revokedAt: Date?, revocationReason: String?
    ) {
        self.id = id
        self.learner = learner
        self.packID = packID
        self.packVersion = packVersion
        self.credentialID = credentialID
        self.name = name
        self.achievementType = achievementType
        self.awardedAt = awardedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
    }

    /// Where the award stands at `date`.
    public func status(at date: Date) -> CredentialStatus {
        CredentialStatus(revokedAt: revokedAt, expiresAt: expiresAt, at: date)
    }
}
