import AttestCore
import Foundation
import GRDB

extension AttestDatabase {
    /// Files a new attempt (adding its learner if needed) in one transaction with the extended time it is
    /// taken with (`timeMultiplier` above 1) and the instances of its parameterised questions. Its id must be new.
    public func startAttempt(_ attempt: AttemptRecord, timeMultiplier: Double = 1, instances: [InstanceRecord] = []) throws {
        try write { db in
            try Self.ensureLearner(db, name: attempt.learner, at: attempt.startedAt)
            try Self.insert(attempt, db)
            if timeMultiplier > 1 {
                try db.execute(
                    sql: "INSERT INTO attempt_accommodation (attemptID, timeMultiplier) VALUES (?, ?)",
                    arguments: [attempt.id, timeMultiplier])
            }
            try InstanceRecord.insert(instances, attemptID: attempt.id, db)
        }
    }

    /// Journals one response in its own durable transaction, before the next question is shown.
    ///
    /// Every row is kept; answering a position again supersedes the earlier row
    /// (the latest per position is the effective one).
    public func recordResponse(_ response: ResponseRecord) throws {
        let arguments = try response.insertArguments()
        try write { db in
            guard let status = try String.fetchOne(
                db, sql: "SELECT status FROM attempt WHERE id = ?", arguments: [response.attemptID])
            else { throw StoreError.unknownAttempt(response.attemptID) }
            if status != AttemptStatus.inProgress.rawValue {
                throw StoreError.attemptAlreadyFinished(id: response.attemptID, status: status)
            }
            try db.execute(sql: ResponseRecord.insertSQL, arguments: arguments)
        }
    }

    /// Ends an attempt that is in progress (or was interrupted and resumed), and files its evidence totals
    /// (see `SkillTotals`) in the same transaction when the new status ends it for good.
    public func finishAttempt(id: String, status: AttemptStatus, endedAt: Date) throws {
        try write { db in
            try Self.requireUnfinished(id, db)
            try db.execute(
                sql: "UPDATE attempt SET status = ?, endedAt = ? WHERE id = ?",
                arguments: [status.rawValue, StoreCoding.seconds(endedAt), id])
            try SkillTotals.record(attemptID: id, db)
        }
        // Between quizzes is the moment to fold the attempt's journal into the file (see `open`). A checkpoint
        // blocked by a reader in another process simply happens later; it never fails the attempt.
        _ = try? writer.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }

    /// Throws unless the attempt exists and is in progress or interrupted (not yet ended).
    private static func requireUnfinished(_ id: String, _ db: Database) throws {
        guard let current = try String.fetchOne(db, sql: "SELECT status FROM attempt WHERE id = ?", arguments: [id])
        else { throw StoreError.unknownAttempt(id) }
        guard current == AttemptStatus.inProgress.rawValue || current == AttemptStatus.interrupted.rawValue else {
            throw StoreError.attemptAlreadyFinished(id: id, status: current)
        }
    }

    /// Puts an interrupted attempt back in progress (clearing its end) so its remaining answers can be journaled.
    public func resumeAttempt(id: String) throws {
        try write { db in
            try Self.requireUnfinished(id, db)
            try db.execute(
                sql: "UPDATE attempt SET status = ?, endedAt = NULL WHERE id = ?",
                arguments: [AttemptStatus.inProgress.rawValue, id])
        }
    }

    /// The attempt with this id, or nil.
    public func attempt(_ id: String) throws -> AttemptRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM attempt WHERE id = ?", arguments: [id]).map(AttemptRecord.init(row:))
        }
    }

    /// The effective responses of an attempt (latest per position), ordered by position.
    public func responses(attemptID: String) throws -> [ResponseRecord] {
        try read { db in
            try Row.fetchAll(db, sql: ResponseRecord.effectiveSQL(attemptFilter: "a.id = ?"), arguments: [attemptID])
                .map(ResponseRecord.init(row:))
        }
    }

    /// Every journaled response of an attempt, superseded ones included, in the order they were recorded.
    public func responseJournal(attemptID: String) throws -> [ResponseRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM response WHERE attemptID = ? ORDER BY seq", arguments: [attemptID])
                .map(ResponseRecord.init(row:))
        }
    }

    /// Attempts that can be resumed (in progress or interrupted), newest first.
    public func unfinishedAttempts(learner: String) throws -> [AttemptRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM attempt WHERE learner = ? AND status IN (?, ?) ORDER BY startedAt DESC, rowid DESC
                    """,
                arguments: [learner, AttemptStatus.inProgress.rawValue, AttemptStatus.interrupted.rawValue]
            ).map(AttemptRecord.init(row:))
        }
    }

    /// A learner's attempts, newest first, optionally narrowed to a pack, a quiz and a mode.
    public func attempts(
        learner: String, packID: String? = nil, quizID: String? = nil, mode: Quiz.Mode? = nil
    ) throws -> [AttemptRecord] {
        var conditions = ["learner = ?"]
        var arguments: StatementArguments = [learner]
        if let packID {
            conditions.append("packID = ?")
            arguments += [packID]
        }
        if let quizID {
            conditions.append("quizID = ?")
            arguments += [quizID]
        }
        if let mode {
            conditions.append("mode = ?")
            arguments += [mode.rawValue]
        }
        let sql = "SELECT * FROM attempt WHERE \(conditions.joined(separator: " AND ")) ORDER BY startedAt DESC, rowid DESC"
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(AttemptRecord.init(row:))
        }
    }

    /// Everything competency scoring needs for a learner and a pack: every attempt (oldest first) with its
    /// effective responses, read in one snapshot with two queries whatever the number of attempts.
    public func evidence(learner: String, packID: String) throws -> [RecordedAttempt] {
        try recordedAttempts(filter: "a.learner = ? AND a.packID = ?", arguments: [learner, packID])
    }

    /// Question ids whose most recent effective response (across the learner's attempts at the pack)
    /// scored below full credit, skipped and timed-out ones included; most recently missed first.
    public func wrongQuestionIDs(learner: String, packID: String) throws -> [String] {
        try read { db in
            try String.fetchAll(
                db,
                sql: """
                    WITH effective AS (
                        SELECT r.questionID, r.score, r.answeredAt, r.seq
                        FROM attempt a JOIN response r ON r.attemptID = a.id
                        WHERE a.learner = ? AND a.packID = ?
                          AND r.seq = (SELECT MAX(l.seq) FROM response l
                                       WHERE l.attemptID = r.attemptID AND l.position = r.position)
                    ), latest AS (
                        SELECT questionID, score, answeredAt, seq,
                               ROW_NUMBER() OVER (PARTITION BY questionID ORDER BY answeredAt DESC, seq DESC) AS rank
                        FROM effective
                    )
                    SELECT questionID FROM latest WHERE rank = 1 AND score < 1
                    ORDER BY answeredAt DESC, seq DESC
                    """,
                arguments: [learner, packID])
        }
    }

    // MARK: - Shared

    static func insert(_ attempt: AttemptRecord, _ db: Database) throws {
        do {
            try db.execute(sql: AttemptRecord.insertSQL, arguments: attempt.insertArguments())
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw StoreError.duplicateAttempt(attempt.id)
        }
    }

    /// Attempts chosen by `filter` (on alias `a`), oldest first, each with its effective responses.
    func recordedAttempts(filter: String, arguments: StatementArguments) throws -> [RecordedAttempt] {
        try read { db in
            try AttemptReader.read(
                db, filter: filter, arguments: arguments, columns: AttemptReader.recordColumns,
                response: { try $0.record() }, position: \.position
            ).map { read in
                let multiplier = try Double.fetchOne(
                    db, sql: "SELECT timeMultiplier FROM attempt_accommodation WHERE attemptID = ?", arguments: [read.attempt.id])
                return RecordedAttempt(
                    attempt: read.attempt, responses: read.responses, timeMultiplier: multiplier,
                    instances: try InstanceRecord.fetch(attemptID: read.attempt.id, db))
            }
        }
    }
}
