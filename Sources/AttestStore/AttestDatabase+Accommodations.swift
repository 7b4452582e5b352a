import AttestCore
import Foundation
import GRDB

extension AttestDatabase {
    /// Migration v8: the extended time an attempt was taken with, kept beside the attempt row (an attempt
    /// at standard time has no row).
    static let accommodationSchema = """
        CREATE TABLE attempt_accommodation (
            attemptID TEXT NOT NULL PRIMARY KEY REFERENCES attempt(id) ON DELETE CASCADE,
            timeMultiplier REAL NOT NULL CHECK (timeMultiplier > 1)
        );
        """

    /// Records a new attempt taken with extended time: the attempt and its multiplier in one transaction.
    public func startAttempt(_ attempt: AttemptRecord, timeMultiplier: Double) throws {
        guard timeMultiplier > 1 else { return try startAttempt(attempt) }
        try write { db in
            try Self.ensureLearner(db, name: attempt.learner, at: attempt.startedAt)
            try Self.insert(attempt, db)
            try db.execute(
                sql: "INSERT INTO attempt_accommodation (attemptID, timeMultiplier) VALUES (?, ?)",
                arguments: [attempt.id, timeMultiplier])
        }
    }

    /// The time multiplier attempt `id` was taken with: 1 for standard time.
    public func timeMultiplier(attemptID id: String) throws -> Double {
        try read { db in
            try Double.fetchOne(
                db, sql: "SELECT timeMultiplier FROM attempt_accommodation WHERE attemptID = ?", arguments: [id])
        } ?? 1
    }
}
