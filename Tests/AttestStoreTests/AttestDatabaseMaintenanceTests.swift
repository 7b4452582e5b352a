import AttestCore
@testable import AttestStore
import Foundation
import GRDB
import Testing

@Suite("AttestDatabase+Maintenance")
struct AttestDatabaseMaintenanceTests {
    private typealias F = StoreFixtures

    private func filledStore(at path: String, responses: Int = 40) throws -> AttestDatabase {
        let store = try AttestDatabase.open(path: path)
        try store.startAttempt(F.attempt("a1"))
        for position in 0..<responses {
            var response = F.response("a1", position: position, questionID: "q\(position)", score: 1, at: Double(position))
            response.given = String(repeating: "answer \(position) ", count: 40)
            try store.recordResponse(response)
        }
        try store.awardCredential(F.award("urn:uuid:1", at: 50))
        return store
    }

    @Test func healthyStoreChecksClean() throws {
        let folder = TemporaryDirectory()
        let store = try filledStore(at: folder.file("attest.sqlite"))
        #expect(store.check().isEmpty)
        #expect(try AttestDatabase.inMemory().check().isEmpty)
    }

    /// Fills a store, folds its write-ahead log into the file, closes it and overwrites `bytes` at `offset`
    /// within the page chosen by `page` (given the root page of `response` and the page count).
    private func damagedStore(
        in folder: TemporaryDirectory, page: (_ responseRoot: Int, _ pageCount: Int) -> Int, offset: Int, bytes: Data
    ) throws -> AttestDatabase {
        let path = folder.file("attest.sqlite")
        let store = try filledStore(at: path, responses: 400)
        let (responseRoot, pageCount, pageSize) = try store.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'response'") ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            )
        }
        try store.writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try store.close()
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64((page(responseRoot, pageCount) - 1) * pageSize + offset))
        try handle.write(contentsOf: bytes)
        try handle.close()
        return try AttestDatabase.open(path: path)
    }

    @Test func damagedPagesAreListedInPlainWords() throws {
        // Breaks the cell pointers of a late data page: SQLite can still list each problem.
        let folder = TemporaryDirectory()
        let store = try damagedStore(in: folder, page: { _, count in
            // The last table-leaf page (type 0x0D), a page of response rows whatever the indexes' layout.
            let file = FileManager.default.contents(atPath: folder.file("attest.sqlite")) ?? Data()
            let size = file.count / max(count, 1)
            return (2...count).last { file[file.startIndex + ($0 - 1) * size] == 0x0D } ?? count - 3
        }, offset: 8, bytes: Data([0xFF, 0x7F, 0xFF, 0x7F]))
        let problems = store.check()
        #expect(problems.count >= 2)
        #expect(problems.first?.contains("The store file is damaged") == true)
        #expect(problems.first?.contains("Restore it from a backup") == true)
        #expect(problems.dropFirst().allSatisfy { $0.hasPrefix("  SQLite reports: ") })
    }

    @Test func badlyDamagedFileIsExplained() throws {
        // Wipes the root page of the response table: SQLite gives up part-way through the check.
        let folder = TemporaryDirectory()
        let store = try damagedStore(in: folder, page: { root, _ in root }, offset: 0, bytes: Data(repeating: 0xA5, count: 4096))
        let problems = store.check()
        #expect(problems.count == 1)
        #expect(problems.first?.contains("damaged so badly") == true)
        #expect(problems.first?.contains("backup") == true)
    }

    @Test func danglingRowsAreExplained() throws {
        let queue = try DatabaseQueue()
        let store = try AttestDatabase(queue)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: F.attempt("a1", learner: "ghost").insertSQLForTest)
        }
        #expect(store.check() == ["An attempt row (rowid 1) refers to a learner that is not in the store."])
    }

    @Test func backupIsAConsistentCopyAndRefusesToOverwrite() throws {
        let folder = TemporaryDirectory()
        let store = try filledStore(at: folder.file("attest.sqlite"))
        let copyPath = folder.file("backups/copy.sqlite")
        try store.backup(to: copyPath)
        let copy = try AttestDatabase.open(path: copyPath)
        #expect(try copy.responses(attemptID: "a1") == store.responses(attemptID: "a1"))
        #expect(try copy.credentials(learner: "ada") == store.credentials(learner: "ada"))
        #expect(try copy.attempt("a1") == store.attempt("a1"))
        #expect(copy.check().isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: copyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try copy.close()
        #expect(throws: StoreError.backupDestinationExists(path: copyPath)) { try store.backup(to: copyPath) }
        try store.awardCredential(F.award("urn:uuid:2", at: 60))
        try store.backup(to: copyPath, overwrite: true)
        #expect(try AttestDatabase.open(path: copyPath).credentialCount(learner: "ada") == 2)
    }
}

extension AttemptRecord {
    /// Raw SQL that inserts the attempt without going through the store's checks.
    fileprivate var insertSQLForTest: String {
        """
        INSERT INTO attempt (id, learner, packID, packVersion, packHash, quizID, mode, seed, questionIDs, startedAt, status)
        VALUES ('\(id)', '\(learner)', '\(packID)', '\(packVersion)', '\(packHash)', '\(quizID)', '\(mode.rawValue)',
                1, '[]', 0, 'in-progress')
        """
    }
}
