import Foundation
import GRDB

extension AttestDatabase {
    /// The issuer's key, or nil before the first credential is signed.
    public func issuerKey() throws -> IssuerKeyRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM issuer WHERE id = 1").map(Self.issuer(row:))
        }
    }

    /// Saves `key` only if the store has none yet, atomically, and returns the key the store now holds:
    /// when two processes race, both get the same winner.
    @discardableResult
    public func saveIssuerKey(_ key: IssuerKeyRecord) throws -> IssuerKeyRecord {
        try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO issuer (id, name, privateKey, createdAt) VALUES (1, ?, ?, ?)",
                arguments: [key.name, key.privateKey, StoreCoding.seconds(key.createdAt)])
            return try Self.issuer(row: Row.fetchOne(db, sql: "SELECT * FROM issuer WHERE id = 1")!)
        }
    }

    /// Renames the issuer (the key stays).
    public func setIssuerName(_ name: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE issuer SET name = ? WHERE id = 1", arguments: [name])
            if db.changesCount == 0 { throw StoreError.noIssuerKey }
        }
    }

    private static func issuer(row: Row) -> IssuerKeyRecord {
        IssuerKeyRecord(name: row["name"], privateKey: row["privateKey"], createdAt: StoreCoding.date(row["createdAt"]))
    }
}
