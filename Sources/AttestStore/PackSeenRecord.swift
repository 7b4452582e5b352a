import Foundation

/// A pack version the store has seen, by exact content hash: the catalogue history and reviews refer to.
public struct PackSeenRecord: Sendable, Hashable, Codable {
    public var id: String
    public var version: String
    public var contentHash: String
    public var title: String
    public var firstSeenAt: Date

    public init(id: String, version: String, contentHash: String, title: String, firstSeenAt: Date) {
        self.id = id
        self.version = version
        self.contentHash = contentHash
        self.title = title
        self.firstSeenAt = firstSeenAt
    }
}
