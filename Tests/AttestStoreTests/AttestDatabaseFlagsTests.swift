import AttestCore
import Foundation
import GRDB
import Testing

@testable import AttestStore

private typealias F = StoreFixtures

@Suite("AttestDatabase+Flags")
struct AttestDatabaseFlagsTests {
    @Test func flagsAreJournaledSetAndClearedAndSurviveReopening() throws {
        let folder = TemporaryDirectory()
        let path = folder.path + "/store.sqlite"
        let store = try AttestDatabase.open(path: path)
        try store.startAttempt(F.attempt("a1"))
        try store.startAttempt(F.attempt("a2", at: 5))
        #expect(try store.flaggedPositions(attemptID: "a1").isEmpty)
        try store.setFlag(attemptID: "a1", position: 0, flagged: true, at: F.start)
        try store.setFlag(attemptID: "a1", position: 2, flagged: true, at: F.start)
        try store.setFlag(attemptID: "a1", position: 2, flagged: true, at: F.start.addingTimeInterval(1))
        try store.setFlag(attemptID: "a2", position: 1, flagged: true, at: F.start)
        try store.setFlag(attemptID: "a1", position: 0, flagged: false, at: F.start.addingTimeInterval(2))
        try store.setFlag(attemptID: "a1", position: 1, flagged: false, at: F.start.addingTimeInterval(3))
        try store.close()
        let reopened = try AttestDatabase.open(path: path)
        #expect(try reopened.flaggedPositions(attemptID: "a1") == [2])
        #expect(try reopened.flaggedPositions(attemptID: "a2") == [1])
        #expect(try reopened.flaggedPositions(attemptID: "nope").isEmpty)
        try reopened.close()
    }

    @Test func flagsNeedAnAttemptInProgress() throws {
        let store = try AttestDatabase.inMemory()
        #expect(throws: StoreError.unknownAttempt("zz")) {
            try store.setFlag(attemptID: "zz", position: 0, flagged: true, at: F.start)
        }
        try store.startAttempt(F.attempt("a1"))
        try store.setFlag(attemptID: "a1", position: 1, flagged: true, at: F.start)
        try store.finishAttempt(id: "a1", status: .interrupted, endedAt: F.start.addingTimeInterval(1))
        #expect(throws: StoreError.attemptAlreadyFinished(id: "a1", status: "interrupted")) {
            try store.setFlag(attemptID: "a1", position: 2, flagged: true, at: F.start)
        }
        try store.resumeAttempt(id: "a1")
        try store.setFlag(attemptID: "a1", position: 2, flagged: true, at: F.start)
        #expect(try store.flaggedPositions(attemptID: "a1") == [1, 2])
    }

    @Test func migrationV4AddsFlagsToAStoreMadeBeforeIt() throws {
        let queue = try DatabaseQueue()
        let migrator = StoreSchema.migrator
        try migrator.migrate(queue, upTo: "v2")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO learner (name, createdAt) VALUES ('ada', 0)")
            try db.execute(sql: AttemptRecord.insertSQL, arguments: F.attempt("a1").insertArguments())
        }
        let store = try AttestDatabase(queue)
        try store.setFlag(attemptID: "a1", position: 1, flagged: true, at: F.start)
        #expect(try store.flaggedPositions(attemptID: "a1") == [1])
        #expect(try store.attempt("a1") == F.attempt("a1"))
    }
}
