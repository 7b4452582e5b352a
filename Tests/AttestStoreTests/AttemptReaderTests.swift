import AttestCore
import Foundation
import GRDB
import Testing

@testable import AttestStore

/// `AttemptReader` reads what the by-name decoders (`AttemptRecord(row:)`, `ResponseRecord(row:)`) read, for
/// exports and for stats alike: superseded answers, JSON the store did not write in compact form, text with
/// escapes, and attempts without responses included.
@Suite("AttemptReader")
struct AttemptReaderTests {
    private typealias F = StoreFixtures

    /// A store with superseded answers, an attempt without responses, an escaped question id, a NULL
    /// selection and (edited behind the store's back) JSON with spaces in it.
    private func store() throws -> (DatabaseQueue, AttestDatabase) {
        let queue = try DatabaseQueue()
        let database = try AttestDatabase(queue)
        try database.startAttempt(F.attempt("a1", at: 0, questionIDs: ["q1", "say \"hi\"", "café"]))
        try database.startAttempt(F.attempt("b1", learner: "bob", at: 10))
        try database.startAttempt(F.attempt("c1", learner: "cy", at: 5))
        try database.startAttempt(F.attempt("x1", packID: "other", at: 20))
        try database.recordResponse(F.response("a1", position: 2, questionID: "café", score: 1, at: 3, selection: [0, 2]))
        try database.recordResponse(F.response("a1", position: 0, questionID: "q1", score: 0, at: 1))
        try database.recordResponse(F.response("a1", position: 0, questionID: "q1", score: 1, at: 2, selection: nil))
        try database.recordResponse(F.response("a1", position: 1, questionID: "say \"hi\"", score: 0.5, at: 4,
                                               outcome: .skipped, given: nil, selection: nil))
        try database.recordResponse(F.response("b1", position: 1, questionID: "q2", score: 0.5, at: 11))
        try database.recordResponse(F.response("b1", position: 0, questionID: "q1", score: 0, at: 12, selection: [1, 3]))
        try database.recordResponse(F.response("x1", position: 0, questionID: "q1", score: 1, at: 21))
        try queue.write { db in
            try db.execute(sql: "UPDATE response SET selection = '[ 1, 3 ]' WHERE attemptID = 'b1' AND position = 0")
            try db.execute(sql: "UPDATE attempt SET questionIDs = '[\"q1\", \"q2\", \"q\\u0033\"]' WHERE id = 'b1'")
        }
        return (queue, database)
    }

    /// The attempts and effective responses read column by name, as the store read them before `AttemptReader`.
    private func byName(_ queue: DatabaseQueue, packID: String) throws -> [RecordedAttempt] {
        try queue.read { db in
            let attempts = try Row.fetchAll(
                db, sql: "SELECT * FROM attempt WHERE packID = ? ORDER BY startedAt, rowid", arguments: [packID]
            ).map(AttemptRecord.init(row:))
            let responses = try Row.fetchAll(
                db, sql: ResponseRecord.effectiveSQL(attemptFilter: "a.packID = ?"), arguments: [packID]
            ).map(ResponseRecord.init(row:))
            return attempts.map { attempt in
                RecordedAttempt(attempt: attempt, responses: responses.filter { $0.attemptID == attempt.id })
            }
        }
    }

    @Test func exportsReadWhatTheByNameDecodersRead() throws {
        let (queue, database) = try store()
        let expected = try byName(queue, packID: "swift-basics")
        #expect(expected.map(\.attempt.id) == ["a1", "c1", "b1"])
        #expect(expected[2].attempt.questionIDs == ["q1", "q2", "q3"])
        #expect(try database.exportAttempts(packID: "swift-basics") == expected)
        #expect(try database.evidence(learner: "ada", packID: "swift-basics") == [expected[0]])
    }

    @Test func sittingsCarryTheAnalysedFiguresOfTheSameAttempts() throws {
        let (queue, database) = try store()
        let expected = try byName(queue, packID: "swift-basics").map {
            AnalysisSitting(AnalysisAttempt(attempt: $0.attempt, responses: $0.responses))
        }
        let sittings = try database.analysisSittings(packID: "swift-basics")
        #expect(sittings == expected)
        #expect(sittings[0].responses.map(\.position) == [0, 1, 2])
        #expect(sittings[0].responses[0].duration == 12.25)
        #expect(sittings[2].responses[0].selection == [1, 3])
        #expect(try database.analysisSittings(packID: "none").isEmpty)
    }

    @Test func sittingsAreReadFromTheCoveringIndexAlone() throws {
        let (queue, _) = try store()
        let plan = try queue.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT \(AttemptReader.analysisColumns)
                FROM attempt a CROSS JOIN response r ON r.attemptID = a.id WHERE a.packID = ? AND r.superseded = 0
                """, arguments: ["swift-basics"]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("COVERING INDEX response_analysis") })
    }

    @Test func unreadableJSONIsAStoreError() throws {
        let (queue, database) = try store()
        try queue.write { db in try db.execute(sql: "UPDATE response SET selection = '[1,' WHERE attemptID = 'a1' AND position = 2") }
        #expect(throws: StoreError.self) { try database.analysisSittings(packID: "swift-basics") }
        #expect(throws: StoreError.self) { try database.exportAttempts(packID: "swift-basics") }
    }
}
