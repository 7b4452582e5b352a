import Foundation

/// A learner known to the store: the name attempts and credentials are filed under, plus the
/// optional contact details an Open Badges credential may name its subject by.
public struct LearnerRecord: Sendable, Hashable, Codable {
    public var name: String
    public var email: String?
    /// A decentralized identifier (`did:...`) chosen by the learner, if any.
    public var did: String?
    public var createdAt: Date

    public init(name: String, email: String? = nil, did: String? = nil, createdAt: Date) {
        self.name = name
        self.email = email
        self.did = did
        self.createdAt = createdAt
    }
}
