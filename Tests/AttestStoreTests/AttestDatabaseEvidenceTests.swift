import AttestCore
@testable import AttestStore
import AttestTestSupport
import Foundation
import GRDB
import Testing

@Suite("AttestDatabase+Evidence")
struct AttestDatabaseEvidenceTests {
    @Test func attemptCountCountsEveryAttemptOfTheLearnerInThePack() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(StoreFixtures.attempt("a1", packID: "sample"))
        try store.startAttempt(StoreFixtures.attempt("a2", packID: "sample", at: 10))
        try store.finishAttempt(id: "a1", status: .completed, endedAt: StoreFixtures.start.addingTimeInterval(100))
        #expect(try store.attemptCount(learner: "ada", packID: "sample") == 2)
        #expect(try store.attemptCount(learner: "ada", packID: "other") == 0)
    }

    @Test func migrationV2MarksAnswersThatWereAnsweredAgain() throws {
        let queue = try DatabaseQueue()
        var migrator = StoreSchema.migrator
        try migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO learner (name, createdAt) VALUES ('ada', 0)")
            try db.execute(sql: AttemptRecord.insertSQL, arguments: StoreFixtures.attempt("a1").insertArguments())
            for (position, score) in [(0, 0.0), (1, 1), (0, 1)] {
                try db.execute(
                    sql: ResponseRecord.insertSQL,
                    arguments: StoreFixtures.response("a1", position: position, questionID: "q", score: score, at: 1)
                        .insertArguments())
            }
        }
        migrator = StoreSchema.migrator
        try migrator.migrate(queue)
        let flags = try queue.read { db in try Int.fetchAll(db, sql: "SELECT superseded FROM response ORDER BY seq") }
        #expect(flags == [1, 0, 0])
    }
}
