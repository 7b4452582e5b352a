import Foundation
import GRDB

/// One entry of a status list as the store knows it: the index and whether its credential is revoked.
public struct StatusListBit: Sendable, Hashable {
    public var credentialID: String
    public var index: Int
    public var revoked: Bool
}

extension AttestDatabase {
    /// The status list entry of a credential, or nil when it has none yet.
    public func statusListEntry(credentialID: String) throws -> StatusListEntryRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM status_list_entry WHERE credentialID = ?", arguments: [credentialID])
                .map(Self.statusListEntry(row:))
        }
    }

    /// The credential's entry in the list at `listURL`: the one it already has, or a new one whose index
    /// `choose` picks among those not yet taken in that list (given the taken ones), in one transaction.
    @discardableResult
    public func allocateStatusListEntry(
        credentialID: String, listURL: String, at date: Date, choose: (_ taken: Set<Int>) throws -> Int
    ) throws -> StatusListEntryRecord {
        try write { db in
            if let existing = try Row.fetchOne(
                db, sql: "SELECT * FROM status_list_entry WHERE credentialID = ?", arguments: [credentialID]) {
                return Self.statusListEntry(row: existing)
            }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM credential WHERE id = ?)", arguments: [credentialID]) == true
            else { throw StoreError.unknownCredential(credentialID) }
            let taken = Set(try Int.fetchAll(
                db, sql: "SELECT listIndex FROM status_list_entry WHERE listURL = ?", arguments: [listURL]))
            let record = StatusListEntryRecord(
                credentialID: credentialID, listURL: listURL, index: try choose(taken), allocatedAt: date)
            try db.execute(
                sql: "INSERT INTO status_list_entry (credentialID, listURL, listIndex, allocatedAt) VALUES (?, ?, ?, ?)",
                arguments: [record.credentialID, record.listURL, record.index, StoreCoding.seconds(date)])
            return record
        }
    }

    /// Every entry of the list at `listURL`, with whether its credential is revoked, by index.
    public func statusListBits(listURL: String) throws -> [StatusListBit] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.credentialID, s.listIndex, c.revokedAt IS NOT NULL FROM status_list_entry s
                    JOIN credential c ON c.id = s.credentialID WHERE s.listURL = ? ORDER BY s.listIndex
                    """,
                arguments: [listURL]
            ).map { StatusListBit(credentialID: $0[0], index: $0[1], revoked: $0[2]) }
        }
    }

    private static func statusListEntry(row: Row) -> StatusListEntryRecord {
        StatusListEntryRecord(
            credentialID: row["credentialID"], listURL: row["listURL"], index: row["listIndex"],
            allocatedAt: StoreCoding.date(row["allocatedAt"]))
    }
}

extension AttestDatabase {
    /// Keeps an organisation's Data Integrity credential exactly as signed (JSON text), beside its log entry.
    public func keepLinkedDataCredential(id: String, issuerDID: String, json: String) throws {
        try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO linked_data_credential (id, issuerDID, json) VALUES (?, ?, ?)",
                arguments: [id, issuerDID, json])
        }
    }

    /// The Data Integrity credential an organisation issued, as signed, or nil.
    public func linkedDataCredential(_ id: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT json FROM linked_data_credential WHERE id = ?", arguments: [id]) }
    }
}
