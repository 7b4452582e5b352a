import AttestCore
import Foundation
import GRDB

extension InstanceRecord {
    /// Migration v16: the instances of an attempt's parameterised questions (`InstanceRecord` as JSON),
    /// written with the attempt before its first question is shown. A new table only: it applies in any
    /// order with the migrations beside it, and attempts from before it (none journaled) draw from their seed.
    static let v16 = """
        CREATE TABLE attempt_instance (
            attemptID TEXT NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
            questionID TEXT NOT NULL,
            instance TEXT NOT NULL,
            PRIMARY KEY (attemptID, questionID)
        ) WITHOUT ROWID;
        """

    static func insert(_ instances: [InstanceRecord], attemptID: String, _ db: Database) throws {
        for instance in instances {
            try db.execute(
                sql: "INSERT INTO attempt_instance (attemptID, questionID, instance) VALUES (?, ?, ?)",
                arguments: [attemptID, instance.questionID, try StoreCoding.json(instance)])
        }
    }

    static func fetch(attemptID: String, _ db: Database) throws -> [InstanceRecord] {
        try String.fetchAll(
            db, sql: "SELECT instance FROM attempt_instance WHERE attemptID = ? ORDER BY questionID", arguments: [attemptID]
        ).map { try StoreCoding.decode(InstanceRecord.self, json: $0, column: "attempt_instance.instance") }
    }
}

extension AttestDatabase {
    /// The journaled instances of attempt `id`'s parameterised questions (none for an attempt without any,
    /// or taken before instances were journaled).
    public func instances(attemptID id: String) throws -> [InstanceRecord] {
        try read { db in try InstanceRecord.fetch(attemptID: id, db) }
    }
}
