import AttestCore
import Foundation
import GRDB

extension AttestDatabase {
    /// Journals, in its own durable transaction, that the question at `position` of an attempt in progress
    /// was flagged for review (`flagged`) or unflagged, so a resumed attempt shows the same flags.
    public func setFlag(attemptID: String, position: Int, flagged: Bool, at date: Date) throws {
        try write { db in
            guard let status = try String.fetchOne(
                db, sql: "SELECT status FROM attempt WHERE id = ?", arguments: [attemptID])
            else { throw StoreError.unknownAttempt(attemptID) }
            if status != AttemptStatus.inProgress.rawValue {
                throw StoreError.attemptAlreadyFinished(id: attemptID, status: status)
            }
            if flagged {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO question_flag (attemptID, position, flaggedAt) VALUES (?, ?, ?)",
                    arguments: [attemptID, position, StoreCoding.seconds(date)])
            } else {
                try db.execute(
                    sql: "DELETE FROM question_flag WHERE attemptID = ? AND position = ?", arguments: [attemptID, position])
            }
        }
    }

    /// The positions flagged for review in an attempt (empty for an unknown attempt).
    public func flaggedPositions(attemptID: String) throws -> Set<Int> {
        try read { db in
            try Set(Int.fetchAll(db, sql: "SELECT position FROM question_flag WHERE attemptID = ?", arguments: [attemptID]))
        }
    }
}
