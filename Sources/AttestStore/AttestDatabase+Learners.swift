import Foundation
import GRDB

extension AttestDatabase {
    /// Adds the learner if missing (created at `date`) and returns the stored record.
    @discardableResult
    public func ensureLearner(_ name: String, at date: Date) throws -> LearnerRecord {
        try write { db in
            try Self.ensureLearner(db, name: name, at: date)
            return try Self.fetchLearner(db, name: name)!
        }
    }

    /// Sets the learner's email and DID (nil clears them).
    public func updateLearner(_ name: String, email: String?, did: String?) throws {
        try write { db in
            try db.execute(sql: "UPDATE learner SET email = ?, did = ? WHERE name = ?", arguments: [email, did, name])
            if db.changesCount == 0 { throw StoreError.unknownLearner(name) }
        }
    }

    /// The learner with this name, or nil.
    public func learner(_ name: String) throws -> LearnerRecord? {
        try read { db in try Self.fetchLearner(db, name: name) }
    }

    /// Every learner, by name.
    public func learners() throws -> [LearnerRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM learner ORDER BY name").map(Self.learner(row:))
        }
    }

    static func ensureLearner(_ db: Database, name: String, at date: Date) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO learner (name, createdAt) VALUES (?, ?)",
            arguments: [name, StoreCoding.seconds(date)])
    }

    private static func fetchLearner(_ db: Database, name: String) throws -> LearnerRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM learner WHERE name = ?", arguments: [name]).map(learner(row:))
    }

    private static func learner(row: Row) -> LearnerRecord {
        LearnerRecord(name: row["name"], email: row["email"], did: row["did"], createdAt: StoreCoding.date(row["createdAt"]))
    }
}
