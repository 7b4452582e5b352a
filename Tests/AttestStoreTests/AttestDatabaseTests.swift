import AttestCore
@testable import AttestStore
import Foundation
import GRDB
import Testing

@Suite("AttestDatabase")
struct AttestDatabaseTests {
    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func migrationsApplyOnEmptyDatabaseAndAreIdempotent() throws {
        let queue = try DatabaseQueue()
        _ = try AttestDatabase(queue)
        _ = try AttestDatabase(queue)
        let (applied, tables, applicationID) = try queue.read { db in
            (
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
                try Int32.fetchOne(db, sql: "PRAGMA application_id")
            )
        }
        #expect(applied == ["v1", "v10", "v13", "v14", "v15", "v16", "v17", "v18", "v2", "v3", "v4", "v5", "v6", "v7", "v8"])
        for table in [
            "learner", "pack", "attempt", "response", "credential", "issuer", "setting", "pack_cache", "attempt_skill",
            "question_flag", "pack_file", "pack_pool", "pack_question", "attempt_accommodation",
            "imported_attempt", "trusted_issuer", "clock_jump", "signed_credential", "memory_state", "memory_cache",
            "status_list_entry", "linked_data_credential",
            "attempt_instance", "exam_clock_mark",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(applicationID == StoreSchema.applicationID)
    }

    @Test func reopeningAFileStoreKeepsItsRows() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("attest.sqlite")
        let first = try AttestDatabase.open(path: path)
        try first.ensureLearner("ada", at: StoreFixtures.start)
        try first.close()
        let second = try AttestDatabase.open(path: path)
        #expect(try second.learner("ada")?.createdAt == StoreFixtures.start)
        #expect(second.location == path)
    }

    @Test func newFolderIs0700AndNewFileIs0600() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("data/attest/attest.sqlite")
        let store = try AttestDatabase.open(path: path)
        try store.ensureLearner("ada", at: StoreFixtures.start)
        #expect(try mode(folder.file("data")) == 0o700)
        #expect(try mode(folder.file("data/attest")) == 0o700)
        #expect(try mode(path) == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try mode(path + suffix) == 0o600, "\(suffix) is not private")
        }
        let journalMode = try store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journalMode == "wal")
        let writerSynchronous = try store.writer.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous")
        }
        #expect(writerSynchronous == 2)
        let foreignKeys = try store.writer.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == true)
    }

    @Test func folderThatCannotBeCreatedIsExplained() throws {
        let folder = TemporaryDirectory()
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file("blocker")))
        #expect(throws: StoreError.cannotCreateDirectory(
            path: folder.file("blocker"), reason: "a file with that name is in the way")) {
            try AttestDatabase.open(path: folder.file("blocker/attest.sqlite"))
        }
    }

    @Test func readOnlyStoreIsRefusedPlainlyAndLosesNothing() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("attest.sqlite")
        let store = try AttestDatabase.open(path: path)
        try store.startAttempt(StoreFixtures.attempt("a1"))
        try store.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let error = #expect(throws: StoreError.self) { try AttestDatabase.open(path: path) }
        #expect(error == .readOnly(path: path))
        #expect(error?.errorDescription?.contains("read-only") == true)
        #expect(error?.errorDescription?.contains("Nothing was changed or lost") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try AttestDatabase.open(path: path).attempt("a1") == StoreFixtures.attempt("a1"))
    }

    @Test func fileThatIsNotSQLiteIsRefusedUntouched() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("notes.txt")
        let content = Data(String(repeating: "my precious notes\n", count: 20).utf8)
        try content.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notAttestStore(path: path)) { try AttestDatabase.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
    }

    @Test func anotherProgramsDatabaseIsRefusedUntouched() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("other.sqlite")
        let other = try DatabaseQueue(path: path)
        try other.write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)") }
        try other.close()
        #expect(throws: StoreError.notAttestStore(path: path)) { try AttestDatabase.open(path: path) }
        let tables = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["invoices"])
    }

    @Test func anotherGRDBProgramsDatabaseIsRefused() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("app.sqlite")
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createPlayer") { db in
            try db.execute(sql: "CREATE TABLE player (id INTEGER PRIMARY KEY)")
        }
        let other = try DatabaseQueue(path: path)
        try migrator.migrate(other)
        try other.close()
        #expect(throws: StoreError.notAttestStore(path: path)) { try AttestDatabase.open(path: path) }
    }

    @Test func aStoreHeldTooLongByAnotherProcessGivesBusyNotLocked() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("attest.sqlite")
        let holder = try AttestDatabase.open(path: path)
        let waiter = try AttestDatabase.open(path: path, busyTimeout: 0.1)
        try waiter.startAttempt(StoreFixtures.attempt("a1"))
        let error = try holder.writer.write { db -> StoreError? in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('held', 'yes')")
            return #expect(throws: StoreError.self) {
                try waiter.recordResponse(StoreFixtures.response("a1", position: 0, questionID: "q1", score: 1, at: 1))
            }
        }
        #expect(error == .busy(path: path))
        #expect(error?.errorDescription?.contains("another Attest process") == true)
        try waiter.recordResponse(StoreFixtures.response("a1", position: 0, questionID: "q1", score: 1, at: 1))
        #expect(try waiter.responses(attemptID: "a1").count == 1)
    }

    @Test func storeFromANewerAttestIsRefusedWithAMessage() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("attest.sqlite")
        let store = try AttestDatabase.open(path: path)
        try store.startAttempt(StoreFixtures.attempt("a1"))
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-from-the-future')")
        }
        try store.close()
        let error = #expect(throws: StoreError.self) { try AttestDatabase.open(path: path) }
        #expect(error == .newerStore(path: path, unknownMigrations: ["v2-from-the-future"]))
        #expect(error?.errorDescription?.contains("newer version of Attest") == true)
        let rows = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt") }
        #expect(rows == 1)
    }

    @Test func fullDiskBecomesDiskFullError() throws {
        let queue = try DatabaseQueue()
        let store = try AttestDatabase(queue, location: "test store")
        try store.startAttempt(StoreFixtures.attempt("a1"))
        try queue.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        var big = StoreFixtures.response("a1", position: 0, questionID: "q1", score: 1, at: 10)
        big.given = String(repeating: "x", count: 200_000)
        let error = #expect(throws: StoreError.self) { try store.recordResponse(big) }
        #expect(error == .diskFull(path: "test store"))
        #expect(error?.errorDescription?.contains("full") == true)
        #expect(try store.responses(attemptID: "a1").isEmpty)
    }

    @Test func inMemoryStoresAreSeparate() throws {
        let one = try AttestDatabase.inMemory()
        let two = try AttestDatabase.inMemory()
        try one.ensureLearner("ada", at: StoreFixtures.start)
        #expect(try two.learner("ada") == nil)
        #expect(one.location == "in-memory store")
    }
}
