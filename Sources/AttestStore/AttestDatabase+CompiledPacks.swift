import Foundation
import GRDB

/// What identifies one version of a file on disk without reading it, as git's index does:
/// if any of these changed, the content may have changed.
public struct PackFileIdentity: Sendable, Hashable {
    public var path: String
    public var size: Int64
    /// Modification and status-change times, in nanoseconds since 1970.
    public var modifiedNs: Int64
    public var changedNs: Int64
    public var inode: Int64
    public var device: Int64

    public init(path: String, size: Int64, modifiedNs: Int64, changedNs: Int64, inode: Int64, device: Int64) {
        self.path = path
        self.size = size
        self.modifiedNs = modifiedNs
        self.changedNs = changedNs
        self.inode = inode
        self.device = device
    }
}

/// A pack file the store has read: its identity then, and the pack version and content hash it held.
public struct PackFileRecord: Sendable, Hashable {
    public var identity: PackFileIdentity
    public var packID: String
    public var version: String
    public var contentHash: String

    public init(identity: PackFileIdentity, packID: String, version: String, contentHash: String) {
        self.identity = identity
        self.packID = packID
        self.version = version
        self.contentHash = contentHash
    }
}

/// The rows of one compiled pack, already encoded (the store does not interpret them).
public struct CompiledPackRows: Sendable {
    public var packID: String
    public var contentHash: String
    public var header: Data
    /// Per quiz id, its encoded section pools.
    public var pools: [(quizID: String, data: Data)]
    /// Every question in pack order (the position is its ordinal).
    public var questions: [(id: String, body: Data)]

    public init(
        packID: String, contentHash: String, header: Data, pools: [(quizID: String, data: Data)],
        questions: [(id: String, body: Data)]
    ) {
        self.packID = packID
        self.contentHash = contentHash
        self.header = header
        self.pools = pools
        self.questions = questions
    }
}

extension AttestDatabase {
    /// What the store remembers of each of `paths` whose compiled pack it holds.
    public func packFiles(paths: [String]) throws -> [String: PackFileRecord] {
        guard !paths.isEmpty else { return [:] }
        return try read { db in
            let marks = Array(repeating: "?", count: paths.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.* FROM pack_file f
                    JOIN pack_cache c ON c.packID = f.packID AND c.contentHash = f.contentHash
                    WHERE f.path IN (\(marks))
                    """,
                arguments: StatementArguments(paths))
            var found: [String: PackFileRecord] = [:]
            for row in rows {
                let identity = PackFileIdentity(
                    path: row["path"], size: row["size"], modifiedNs: row["modifiedNs"], changedNs: row["changedNs"],
                    inode: row["inode"], device: row["device"])
                found[identity.path] = PackFileRecord(
                    identity: identity, packID: row["packID"], version: row["version"], contentHash: row["contentHash"])
            }
            return found
        }
    }

    /// Remembers what a pack file held; a compiled form no longer named by any file is dropped.
    public func recordPackFile(_ record: PackFileRecord) throws {
        try write { db in try self.record(db, record) }
    }

    private func record(_ db: Database, _ record: PackFileRecord) throws {
        let identity = record.identity
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO pack_file
                (path, size, modifiedNs, changedNs, inode, device, packID, version, contentHash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                identity.path, identity.size, identity.modifiedNs, identity.changedNs, identity.inode,
                identity.device, record.packID, record.version, record.contentHash,
            ])
        try dropUnnamedCompiledPacks(db)
    }

    /// Forgets a pack file (it is gone or no longer a valid pack).
    public func forgetPackFile(path: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM pack_file WHERE path = ?", arguments: [path])
            try dropUnnamedCompiledPacks(db)
        }
    }

    /// Whether a complete compiled form of this pack version is stored.
    public func hasCompiledPack(packID: String, contentHash: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM pack_cache WHERE packID = ? AND contentHash = ?",
                arguments: [packID, contentHash]) ?? false
        }
    }

    /// Stores (replacing) a compiled pack in one transaction: a header is only ever seen with all its rows.
    public func storeCompiledPack(_ rows: CompiledPackRows) throws {
        try write { db in
            try deleteHeaderAndPools(db, contentHash: rows.contentHash)
            try insertQuestions(db, contentHash: rows.contentHash, from: 0, rows.questions)
            _ = try finish(db, rows.withoutQuestions, questionCount: rows.questions.count, file: nil)
        }
    }

    /// First step of writing a compiled pack in several short transactions (so the learner's answers,
    /// written through the same connection, never wait behind one long one): removes the header and
    /// pools of `contentHash`, so nothing trusts its question rows while they are replaced.
    public func beginCompiledPack(contentHash: String) throws {
        try write { db in try deleteHeaderAndPools(db, contentHash: contentHash) }
    }

    /// Stores (replacing) the questions at ordinals `first...` of a compiled pack in one transaction.
    /// Without a header (`finishCompiledPack`) no reader uses them.
    public func storeCompiledQuestions(contentHash: String, from first: Int, _ questions: [(id: String, body: Data)]) throws {
        try write { db in try insertQuestions(db, contentHash: contentHash, from: first, questions) }
    }

    /// Last step: in one transaction, checks that exactly `questionCount` question rows are stored (another
    /// process may have swept them meanwhile), then stores the pools, the header and, when given, the file
    /// record. False, with nothing written, if questions are missing: a header is never stored without
    /// all its questions.
    public func finishCompiledPack(_ rows: CompiledPackRows, questionCount: Int, file: PackFileRecord?) throws -> Bool {
        try write { db in try finish(db, rows, questionCount: questionCount, file: file) }
    }

    /// Deletes up to `limit` question rows (and the pools) of compiled packs that have no header: left by
    /// a compile that was interrupted, or by a pack no remembered file holds any more. Returns how many
    /// question rows it deleted, so a caller can sweep in short transactions until it gets 0.
    public func sweepHeaderlessCompiledRows(limit: Int, sparing spared: String? = nil) throws -> Int {
        try write { db in
            try db.execute(
                sql: "DELETE FROM pack_pool WHERE contentHash NOT IN (SELECT contentHash FROM pack_cache) AND contentHash IS NOT ?",
                arguments: [spared])
            var deleted = 0
            // One index probe per distinct hash, not a scan of every question row.
            var hash = try String.fetchOne(db, sql: "SELECT MIN(contentHash) FROM pack_question")
            while let current = hash, deleted < limit {
                let headerless = try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM pack_cache WHERE contentHash = ?)", arguments: [current]) != true
                if headerless, current != spared {
                    try db.execute(
                        sql: """
                            DELETE FROM pack_question WHERE rowid IN
                            (SELECT rowid FROM pack_question WHERE contentHash = ? LIMIT ?)
                            """,
                        arguments: [current, limit - deleted])
                    deleted += db.changesCount
                }
                hash = try String.fetchOne(
                    db, sql: "SELECT MIN(contentHash) FROM pack_question WHERE contentHash > ?", arguments: [current])
            }
            return deleted
        }
    }

    /// The encoded section pools of one quiz of a compiled pack.
    public func compiledPools(contentHash: String, quizID: String) throws -> Data? {
        try read { db in
            try Data.fetchOne(
                db, sql: "SELECT pools FROM pack_pool WHERE contentHash = ? AND quizID = ?",
                arguments: [contentHash, quizID])
        }
    }

    /// The encoded questions at `ordinals` of a compiled pack (those stored), by ordinal.
    public func compiledQuestions(contentHash: String, ordinals: [Int]) throws -> [Int: Data] {
        guard !ordinals.isEmpty else { return [:] }
        return try read { db in
            let marks = Array(repeating: "?", count: ordinals.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db, sql: "SELECT ordinal, body FROM pack_question WHERE contentHash = ? AND ordinal IN (\(marks))",
                arguments: StatementArguments([contentHash] + ordinals.map { $0 as (any DatabaseValueConvertible) }))
            return Dictionary(rows.map { ($0["ordinal"], $0["body"]) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The encoded questions with `ids` of a compiled pack (those stored), by id, with their ordinals;
    /// when ids repeat in the pack, the first question with the id.
    public func compiledQuestions(contentHash: String, ids: [String]) throws -> [String: (ordinal: Int, body: Data)] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT questionID, ordinal, body FROM pack_question
                    WHERE contentHash = ? AND questionID IN (\(marks)) ORDER BY ordinal
                    """,
                arguments: StatementArguments([contentHash] + ids))
            var found: [String: (ordinal: Int, body: Data)] = [:]
            for row in rows where found[row["questionID"]] == nil {
                found[row["questionID"]] = (row["ordinal"], row["body"])
            }
            return found
        }
    }

    private func deleteHeaderAndPools(_ db: Database, contentHash: String) throws {
        try db.execute(sql: "DELETE FROM pack_cache WHERE contentHash = ?", arguments: [contentHash])
        try db.execute(sql: "DELETE FROM pack_pool WHERE contentHash = ?", arguments: [contentHash])
    }

    private func insertQuestions(_ db: Database, contentHash: String, from first: Int, _ questions: [(id: String, body: Data)]) throws {
        let statement = try db.makeStatement(
            sql: "INSERT OR REPLACE INTO pack_question (contentHash, ordinal, questionID, body) VALUES (?, ?, ?, ?)")
        for (offset, item) in questions.enumerated() {
            try statement.execute(arguments: [contentHash, first + offset, item.id, item.body])
        }
    }

    private func finish(_ db: Database, _ rows: CompiledPackRows, questionCount: Int, file: PackFileRecord?) throws -> Bool {
        let hash = rows.contentHash
        try db.execute(sql: "DELETE FROM pack_question WHERE contentHash = ? AND ordinal >= ?", arguments: [hash, questionCount])
        let stored = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pack_question WHERE contentHash = ?", arguments: [hash])
        guard stored == questionCount else { return false }
        try deleteHeaderAndPools(db, contentHash: hash)
        let pool = try db.makeStatement(sql: "INSERT INTO pack_pool (contentHash, quizID, pools) VALUES (?, ?, ?)")
        for (quizID, data) in rows.pools {
            try pool.execute(arguments: [hash, quizID, data])
        }
        try db.execute(
            sql: "INSERT INTO pack_cache (packID, contentHash, compiled) VALUES (?, ?, ?)",
            arguments: [rows.packID, hash, rows.header])
        if let file { try record(db, file) }
        return true
    }

    /// Compiled packs that no remembered file holds any more take room for nothing: their headers and pools
    /// go at once; their question rows, many, are left headerless for `sweepHeaderlessCompiledRows` to
    /// delete in short transactions.
    private func dropUnnamedCompiledPacks(_ db: Database) throws {
        let orphans = try String.fetchAll(
            db, sql: "SELECT contentHash FROM pack_cache WHERE contentHash NOT IN (SELECT contentHash FROM pack_file)")
        for hash in orphans {
            try deleteHeaderAndPools(db, contentHash: hash)
        }
    }
}

extension CompiledPackRows {
    /// The same rows without their questions (stored apart, in chunks).
    public var withoutQuestions: CompiledPackRows {
        CompiledPackRows(packID: packID, contentHash: contentHash, header: header, pools: pools, questions: [])
    }
}
