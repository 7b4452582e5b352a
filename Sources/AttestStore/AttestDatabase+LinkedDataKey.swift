import Foundation
import GRDB

extension AttestDatabase {
    /// The Ed25519 linked-data signing key, or nil before the first Data Integrity export.
    public func linkedDataKey() throws -> LinkedDataKeyRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM linked_data_key WHERE id = 1").map(Self.linkedDataKey(row:))
        }
    }

    /// Saves `key` only if the store has none yet, atomically, and returns the key the store now holds.
    @discardableResult
    public func saveLinkedDataKey(_ key: LinkedDataKeyRecord) throws -> LinkedDataKeyRecord {
        try write { db in
            try db.execute(
                sql: "INSERT INTO linked_data_key (id, privateKey, createdAt) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING",
                arguments: [key.privateKey, StoreCoding.seconds(key.createdAt)])
            return try Self.linkedDataKey(row: Row.fetchOne(db, sql: "SELECT * FROM linked_data_key WHERE id = 1")!)
        }
    }

    private static func linkedDataKey(row: Row) -> LinkedDataKeyRecord {
        LinkedDataKeyRecord(privateKey: row["privateKey"], createdAt: StoreCoding.date(row["createdAt"]))
    }
}
