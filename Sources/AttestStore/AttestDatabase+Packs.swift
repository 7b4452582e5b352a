import Foundation
import GRDB

extension AttestDatabase {
    /// Notes that a pack version (by exact content hash) was loaded; the first sighting's date and title stay.
    public func recordPackSeen(id: String, version: String, hash: String, title: String, at date: Date) throws {
        try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO pack (id, version, contentHash, title, firstSeenAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, version, hash, title, StoreCoding.seconds(date)])
        }
    }

    /// Every pack version seen, oldest sighting first.
    public func seenPacks() throws -> [PackSeenRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pack ORDER BY firstSeenAt, id, version").map { row in
                PackSeenRecord(
                    id: row["id"], version: row["version"], contentHash: row["contentHash"], title: row["title"],
                    firstSeenAt: StoreCoding.date(row["firstSeenAt"]))
            }
        }
    }

    /// The cached compiled form of a pack, if one was stored for this exact content hash.
    public func cachedPack(packID: String, contentHash: String) throws -> Data? {
        try read { db in
            try Data.fetchOne(
                db, sql: "SELECT compiled FROM pack_cache WHERE packID = ? AND contentHash = ?",
                arguments: [packID, contentHash])
        }
    }

    /// Drops every cached compiled pack and remembered pack file (they are rebuilt from the pack files on
    /// demand). Returns how many compiled packs there were.
    @discardableResult
    public func clearPackCache() throws -> Int {
        try write { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pack_cache") ?? 0
            try db.execute(sql: "DELETE FROM pack_cache; DELETE FROM pack_pool; DELETE FROM pack_question; DELETE FROM pack_file")
            return count
        }
    }
}
