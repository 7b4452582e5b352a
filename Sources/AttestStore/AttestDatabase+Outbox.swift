import Foundation
import GRDB

/// One signed submission waiting for (or sent to) an organisation registry.
public struct OutboxEntry: Sendable, Hashable {
    public var id: Int64
    public var registry: String
    public var attemptID: String
    public var learner: String
    /// The signed bundle, sent byte for byte on every try so the registry recognises a retry.
    public var bundle: String
    public var queuedAt: Date
    public var tries: Int
    public var lastError: String?
    public var sentAt: Date?
    /// The registry's answer once delivered (or its refusal).
    public var response: String?
}

/// The outbox (migration v15): submissions to a registry go through it, so one made offline or while the
/// registry is down is sent later. Each attempt is queued once per registry; an entry is marked sent when
/// the registry has answered, so it is never sent again after that.
extension AttestDatabase {
    static let outboxSchema = """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            registry TEXT NOT NULL,
            attemptID TEXT NOT NULL,
            learner TEXT NOT NULL,
            bundle TEXT NOT NULL,
            queuedAt REAL NOT NULL,
            tries INTEGER NOT NULL DEFAULT 0,
            lastError TEXT,
            sentAt REAL,
            response TEXT,
            UNIQUE (registry, attemptID)
        );
        CREATE INDEX outbox_pending ON outbox(registry) WHERE sentAt IS NULL;
        """

    /// Queues `bundle` for `attemptID`; false when that attempt is already queued (or sent) for `registry`.
    @discardableResult
    public func enqueueSubmission(registry: String, attemptID: String, learner: String, bundle: String, at date: Date) throws -> Bool {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO outbox (registry, attemptID, learner, bundle, queuedAt) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (registry, attemptID) DO NOTHING
                    """,
                arguments: [registry, attemptID, learner, bundle, date.timeIntervalSince1970])
            return db.changesCount > 0
        }
    }

    /// The attempt ids already queued or sent to `registry`.
    public func outboxAttemptIDs(registry: String) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT attemptID FROM outbox WHERE registry = ?", arguments: [registry]))
        }
    }

    /// Every entry for `registry`, pending ones only unless `all`, oldest first.
    public func outbox(registry: String, all: Bool = false) throws -> [OutboxEntry] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, registry, attemptID, learner, bundle, queuedAt, tries, lastError, sentAt, response FROM outbox
                    WHERE registry = ? \(all ? "" : "AND sentAt IS NULL") ORDER BY id
                    """,
                arguments: [registry]
            ).map { row in
                OutboxEntry(
                    id: row["id"], registry: row["registry"], attemptID: row["attemptID"], learner: row["learner"],
                    bundle: row["bundle"], queuedAt: Date(timeIntervalSince1970: row["queuedAt"]), tries: row["tries"],
                    lastError: row["lastError"], sentAt: (row["sentAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    response: row["response"])
            }
        }
    }

    /// Records a try that got no answer (the entry stays pending).
    public func recordOutboxFailure(id: Int64, error: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE outbox SET tries = tries + 1, lastError = ? WHERE id = ?", arguments: [error, id])
        }
    }

    /// Marks an entry delivered with the registry's answer; it is never sent again.
    public func markOutboxSent(id: Int64, response: String, at date: Date) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE outbox SET tries = tries + 1, lastError = NULL, sentAt = ?, response = ? WHERE id = ? AND sentAt IS NULL",
                arguments: [date.timeIntervalSince1970, response, id])
        }
    }
}
