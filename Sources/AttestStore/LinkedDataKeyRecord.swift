import Foundation

/// The store's Ed25519 self-assessment key, which signs Data Integrity (`eddsa-rdfc-2022`) exports under a
/// `did:key` issuer — a separate key from the P-256 VC-JWT issuer key, since that suite needs Ed25519.
public struct LinkedDataKeyRecord: Sendable, Hashable, Codable {
    /// The raw 32-byte Ed25519 private key.
    public var privateKey: Data
    public var createdAt: Date

    public init(privateKey: Data, createdAt: Date) {
        self.privateKey = privateKey
        self.createdAt = createdAt
    }

    /// Migration v13: one row, created the first time a linked-data credential is exported.
    static let v13 = """
        CREATE TABLE linked_data_key (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            privateKey BLOB NOT NULL CHECK (length(privateKey) = 32),
            createdAt REAL NOT NULL
        );
        """
}
