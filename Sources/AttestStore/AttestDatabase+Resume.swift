import AttestCore
import Foundation
import GRDB

extension AttestDatabase {
    /// Puts an interrupted attempt back in progress so it can be resumed; its
    /// responses and its original start time (which an exam's clock counts from) are kept.
    public func reopenAttempt(id: String) throws {
        try write { db in
            guard let current = try String.fetchOne(db, sql: "SELECT status FROM attempt WHERE id = ?", arguments: [id])
            else { throw StoreError.unknownAttempt(id) }
            guard current == AttemptStatus.interrupted.rawValue || current == AttemptStatus.inProgress.rawValue else {
                throw StoreError.attemptAlreadyFinished(id: id, status: current)
            }
            try db.execute(
                sql: "UPDATE attempt SET status = ?, endedAt = NULL WHERE id = ?",
                arguments: [AttemptStatus.inProgress.rawValue, id])
        }
    }
}
