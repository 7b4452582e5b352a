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

    /// The time multiplier attempt `id` was taken with: 1 for standard time.
    public func timeMultiplier(attemptID id: String) throws -> Double {
        try read { db in
            try Double.fetchOne(
                db, sql: "SELECT timeMultiplier FROM attempt_accommodation WHERE attemptID = ?", arguments: [id])
        } ?? 1
    }
}
