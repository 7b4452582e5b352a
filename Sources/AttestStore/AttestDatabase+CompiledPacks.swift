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
        try write { db in
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
            try deleteCompiled(db, contentHash: rows.contentHash)
            let pool = try db.makeStatement(sql: "INSERT INTO pack_pool (contentHash, quizID, pools) VALUES (?, ?, ?)")
            for (quizID, data) in rows.pools {
                try pool.execute(arguments: [rows.contentHash, quizID, data])
            }
            let question = try db.makeStatement(
                sql: "INSERT INTO pack_question (contentHash, ordinal, questionID, body) VALUES (?, ?, ?, ?)")
            for (ordinal, item) in rows.questions.enumerated() {
                try question.execute(arguments: [rows.contentHash, ordinal, item.id, item.body])
            }
            try db.execute(
                sql: "INSERT INTO pack_cache (packID, contentHash, compiled) VALUES (?, ?, ?)",
                arguments: [rows.packID, rows.contentHash, rows.header])
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

    private func deleteCompiled(_ db: Database, contentHash: String) throws {
        try db.execute(sql: "DELETE FROM pack_cache WHERE contentHash = ?", arguments: [contentHash])
        try db.execute(sql: "DELETE FROM pack_pool WHERE contentHash = ?", arguments: [contentHash])
        try db.execute(sql: "DELETE FROM pack_question WHERE contentHash = ?", arguments: [contentHash])
    }

    /// Compiled packs that no remembered file holds any more take room for nothing.
    private func dropUnnamedCompiledPacks(_ db: Database) throws {
        let orphans = try String.fetchAll(
            db, sql: "SELECT contentHash FROM pack_cache WHERE contentHash NOT IN (SELECT contentHash FROM pack_file)")
        for hash in orphans {
            try deleteCompiled(db, contentHash: hash)
        }
    }
}
