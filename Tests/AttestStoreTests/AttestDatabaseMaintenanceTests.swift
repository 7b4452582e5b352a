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

    @Test func damagedFileIsExplained() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("attest.sqlite")
        let store = try filledStore(at: path, responses: 400)
        let (rootPage, pageSize) = try store.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'response'") ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            )
        }
        try store.writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try store.close()
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64((rootPage - 1) * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: pageSize))
        try handle.close()
        let damaged = try AttestDatabase.open(path: path)
        let problems = damaged.check()
        #expect(!problems.isEmpty)
        #expect(problems.first?.contains("damaged") == true)
        #expect(problems.first?.contains("backup") == true)
    }

    @Test func danglingRowsAreExplained() throws {
        let queue = try DatabaseQueue()
        let store = try AttestDatabase(queue)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: F.attempt("a1", learner: "ghost").insertSQLForTest)
        }
        #expect(store.check() == ["A attempt row (rowid 1) refers to a learner that is not in the store."])
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
