import AttestCore
import Foundation
import GRDB

extension AttestDatabase {
    /// Logs an awarded credential (adding its learner if needed). Its id must be new.
    public func awardCredential(_ award: CredentialAward) throws {
        let arguments = try award.insertArguments()
        try write { db in
            try Self.ensureLearner(db, name: award.learner, at: award.awardedAt)
            do {
                try db.execute(sql: CredentialAward.insertSQL, arguments: arguments)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StoreError.duplicateCredential(award.id)
            }
        }
    }

    /// A learner's credentials, revoked and expired ones included, newest first.
    public func credentials(learner: String) throws -> [CredentialAward] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM credential WHERE learner = ? ORDER BY awardedAt DESC, rowid DESC",
                arguments: [learner]
            ).map(CredentialAward.init(row:))
        }
    }

    /// A learner's credential log without the evidence (revoked and expired ones included), newest first,
    /// in the order of `credentials(learner:)`.
    public func credentialLog(learner: String) throws -> [CredentialLogEntry] {
        try read { db in
            var entries: [CredentialLogEntry] = []
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, learner, packID, packVersion, credentialID, name, achievementType, awardedAt, expiresAt,
                           revokedAt, revocationReason
                    FROM credential WHERE learner = ? ORDER BY awardedAt DESC, rowid DESC
                    """,
                arguments: [learner])
            while let row = try rows.next() {
                entries.append(CredentialLogEntry(
                    id: row[0], learner: row[1], packID: row[2], packVersion: row[3], credentialID: row[4],
                    name: row[5], achievementType: row[6], awardedAt: StoreCoding.date(row[7]),
                    expiresAt: (row[8] as Double?).map(StoreCoding.date),
                    revokedAt: (row[9] as Double?).map(StoreCoding.date), revocationReason: row[10]))
            }
            return entries
        }
    }

    /// Hands each row of a learner's credential listing to `body`, newest award first, read in place: no String
    /// or Date is made for a column `body` does not ask for. The row is valid only during the call.
    ///
    /// Credentials awarded at the same moment come in no set order (sorting them in SQL would cost a sort of
    /// the whole log); `CredentialListingRow.rowID` settles them, the larger one logged later.
    public func forEachCredentialListingRow(learner: String, _ body: (CredentialListingRow) throws -> Void) throws {
        try read { db in
            let statement = try db.cachedStatement(sql: CredentialListingRow.selectSQL)
            let rows = try Row.fetchCursor(statement, arguments: [learner])
            let row = CredentialListingRow(statement: statement.sqliteStatement)
            while try rows.next() != nil {
                try body(row)
            }
        }
    }

    /// The award with this id (revoked or not), or nil.
    public func credential(_ id: String) throws -> CredentialAward? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM credential WHERE id = ?", arguments: [id]).map(CredentialAward.init(row:))
        }
    }

    /// Marks a credential revoked, keeping its row; revoking it again is an error.
    @discardableResult
    public func revokeCredential(id: String, reason: String, at date: Date) throws -> CredentialAward {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM credential WHERE id = ?", arguments: [id]) else {
                throw StoreError.unknownCredential(id)
            }
            var award = try CredentialAward(row: row)
            if let revokedAt = award.revokedAt { throw StoreError.alreadyRevoked(id: id, at: revokedAt) }
            try db.execute(
                sql: "UPDATE credential SET revokedAt = ?, revocationReason = ? WHERE id = ?",
                arguments: [StoreCoding.seconds(date), reason, id])
            award.revokedAt = date
            award.revocationReason = reason
            return award
        }
    }

    /// Whether the credential was revoked; an unknown id is an error, not "not revoked".
    public func isRevoked(_ id: String) throws -> Bool {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT revokedAt FROM credential WHERE id = ?", arguments: [id]) else {
                throw StoreError.unknownCredential(id)
            }
            return row["revokedAt"] as Double? != nil
        }
    }

    /// How many of a learner's credentials are not revoked (and, given `validAt`, not expired then). Index-only.
    public func credentialCount(learner: String, validAt date: Date? = nil) throws -> Int {
        try read { db in
            if let date {
                return try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM credential
                        WHERE learner = ? AND revokedAt IS NULL AND (expiresAt IS NULL OR expiresAt > ?)
                        """,
                    arguments: [learner, StoreCoding.seconds(date)]) ?? 0
            }
            return try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM credential WHERE learner = ? AND revokedAt IS NULL", arguments: [learner]
            ) ?? 0
        }
    }
}
