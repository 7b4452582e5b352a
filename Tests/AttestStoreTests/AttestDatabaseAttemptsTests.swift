import AttestCore
@testable import AttestStore
import Foundation
import GRDB
import Testing

@Suite("AttestDatabase+Attempts")
struct AttestDatabaseAttemptsTests {
    private typealias F = StoreFixtures

    @Test func attemptAndResponsesRoundTripExactly() throws {
        let store = try AttestDatabase.inMemory()
        let attempt = F.attempt("a1")
        try store.startAttempt(attempt)
        #expect(try store.attempt("a1") == attempt)
        #expect(try store.learner("ada")?.createdAt == attempt.startedAt)
        let first = F.response("a1", position: 0, questionID: "q1", score: 1, at: 10)
        var second = F.response("a1", position: 1, questionID: "q2", score: 0, at: 20, outcome: .skipped, given: nil, selection: nil)
        second.difficulty = .easy
        try store.recordResponse(first)
        try store.recordResponse(second)
        #expect(try store.responses(attemptID: "a1") == [first, second])
        try store.finishAttempt(id: "a1", status: .completed, endedAt: F.start.addingTimeInterval(30))
        var finished = attempt
        finished.status = .completed
        finished.endedAt = F.start.addingTimeInterval(30)
        #expect(try store.attempt("a1") == finished)
        #expect(try store.attempt("missing") == nil)
    }

    @Test func datesKeepBetterThanMillisecondPrecision() throws {
        let store = try AttestDatabase.inMemory()
        let now = Date()
        var attempt = F.attempt("a1")
        attempt.startedAt = now
        try store.startAttempt(attempt)
        let stored = try #require(try store.attempt("a1"))
        #expect(abs(stored.startedAt.timeIntervalSince(now)) < 0.000_001)
    }

    @Test func latestResponsePerPositionWinsAndTheJournalKeepsEveryRow() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(F.attempt("a1"))
        let wrong = F.response("a1", position: 0, questionID: "q1", score: 0, at: 10)
        let other = F.response("a1", position: 1, questionID: "q2", score: 1, at: 15)
        let corrected = F.response("a1", position: 0, questionID: "q1", score: 1, at: 20)
        for response in [wrong, other, corrected] { try store.recordResponse(response) }
        #expect(try store.responses(attemptID: "a1") == [corrected, other])
        #expect(try store.responseJournal(attemptID: "a1") == [wrong, other, corrected])
    }

    @Test func responsesNeedALiveAttempt() throws {
        let store = try AttestDatabase.inMemory()
        #expect(throws: StoreError.unknownAttempt("nope")) {
            try store.recordResponse(F.response("nope", position: 0, questionID: "q1", score: 1, at: 1))
        }
        try store.startAttempt(F.attempt("a1"))
        try store.finishAttempt(id: "a1", status: .timedOut, endedAt: F.start)
        #expect(throws: StoreError.attemptAlreadyFinished(id: "a1", status: "timed-out")) {
            try store.recordResponse(F.response("a1", position: 0, questionID: "q1", score: 1, at: 1))
        }
        #expect(throws: StoreError.attemptAlreadyFinished(id: "a1", status: "timed-out")) {
            try store.finishAttempt(id: "a1", status: .completed, endedAt: F.start)
        }
        #expect(throws: StoreError.unknownAttempt("zz")) {
            try store.finishAttempt(id: "zz", status: .completed, endedAt: F.start)
        }
        #expect(throws: StoreError.duplicateAttempt("a1")) { try store.startAttempt(F.attempt("a1")) }
    }

    @Test func unfinishedAttemptsAreTheResumableOnesNewestFirst() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(F.attempt("old", at: 0))
        try store.startAttempt(F.attempt("done", at: 10))
        try store.startAttempt(F.attempt("cut", at: 20))
        try store.startAttempt(F.attempt("live", at: 30))
        try store.startAttempt(F.attempt("someone-else", learner: "bob", at: 40))
        try store.finishAttempt(id: "done", status: .completed, endedAt: F.start)
        try store.finishAttempt(id: "cut", status: .interrupted, endedAt: F.start)
        #expect(try store.unfinishedAttempts(learner: "ada").map(\.id) == ["live", "cut", "old"])
        try store.finishAttempt(id: "cut", status: .completed, endedAt: F.start.addingTimeInterval(99))
        #expect(try store.unfinishedAttempts(learner: "ada").map(\.id) == ["live", "old"])
    }

    @Test func interruptedAttemptResumesAndTakesMoreAnswers() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(F.attempt("a1"))
        try store.recordResponse(F.response("a1", position: 0, questionID: "q1", score: 1, at: 1))
        try store.finishAttempt(id: "a1", status: .interrupted, endedAt: F.start.addingTimeInterval(2))
        #expect(throws: StoreError.attemptAlreadyFinished(id: "a1", status: "interrupted")) {
            try store.recordResponse(F.response("a1", position: 1, questionID: "q2", score: 1, at: 3))
        }
        try store.resumeAttempt(id: "a1")
        #expect(try store.attempt("a1") == F.attempt("a1"))
        try store.recordResponse(F.response("a1", position: 1, questionID: "q2", score: 1, at: 3))
        try store.finishAttempt(id: "a1", status: .completed, endedAt: F.start.addingTimeInterval(4))
        #expect(try store.responses(attemptID: "a1").map(\.position) == [0, 1])
        #expect(throws: StoreError.attemptAlreadyFinished(id: "a1", status: "completed")) { try store.resumeAttempt(id: "a1") }
        #expect(throws: StoreError.unknownAttempt("zz")) { try store.resumeAttempt(id: "zz") }
    }

    @Test func attemptsFilterByPackQuizAndMode() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(F.attempt("e1", quizID: "exam", mode: .exam, at: 0))
        try store.startAttempt(F.attempt("p1", quizID: "drill", mode: .practice, at: 10))
        try store.startAttempt(F.attempt("x1", packID: "other", quizID: "exam", at: 20))
        try store.startAttempt(F.attempt("b1", learner: "bob", at: 30))
        #expect(try store.attempts(learner: "ada").map(\.id) == ["x1", "p1", "e1"])
        #expect(try store.attempts(learner: "ada", packID: "swift-basics").map(\.id) == ["p1", "e1"])
        #expect(try store.attempts(learner: "ada", quizID: "exam").map(\.id) == ["x1", "e1"])
        #expect(try store.attempts(learner: "ada", packID: "swift-basics", mode: .practice).map(\.id) == ["p1"])
        #expect(try store.attempts(learner: "nobody").isEmpty)
    }

    @Test func evidenceGathersEveryAttemptWithItsEffectiveResponses() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(F.attempt("a2", at: 100))
        try store.startAttempt(F.attempt("a1", at: 0))
        try store.startAttempt(F.attempt("empty", at: 200))
        try store.startAttempt(F.attempt("elsewhere", packID: "other", at: 50))
        let a1 = [
            F.response("a1", position: 0, questionID: "q1", score: 0, at: 1),
            F.response("a1", position: 1, questionID: "q2", score: 1, at: 2),
        ]
        let a1Fix = F.response("a1", position: 0, questionID: "q1", score: 0.5, at: 3)
        let a2 = [F.response("a2", position: 0, questionID: "q3", score: 1, at: 101)]
        for response in a1 + [a1Fix] + a2 { try store.recordResponse(response) }
        try store.recordResponse(F.response("elsewhere", position: 0, questionID: "q9", score: 1, at: 51))
        let evidence = try store.evidence(learner: "ada", packID: "swift-basics")
        #expect(evidence.map(\.attempt.id) == ["a1", "a2", "empty"])
        #expect(evidence[0].responses == [a1Fix, a1[1]])
        #expect(evidence[1].responses == a2)
        #expect(evidence[2].responses.isEmpty)
    }

    @Test func wrongQuestionIDsFollowTheMostRecentResponse() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(F.attempt("a1", at: 0))
        try store.startAttempt(F.attempt("a2", at: 100))
        try store.startAttempt(F.attempt("b1", learner: "bob", at: 0))
        // q1: wrong then right later → not missed. q2: right then wrong → missed. q3: skipped → missed.
        // q4: wrong, corrected within the attempt → not missed. q5: partial credit → missed.
        try store.recordResponse(F.response("a1", position: 0, questionID: "q1", score: 0, at: 1))
        try store.recordResponse(F.response("a1", position: 1, questionID: "q2", score: 1, at: 2))
        try store.recordResponse(F.response("a1", position: 2, questionID: "q4", score: 0, at: 3))
        try store.recordResponse(F.response("a1", position: 2, questionID: "q4", score: 1, at: 4))
        try store.recordResponse(F.response("a2", position: 0, questionID: "q1", score: 1, at: 101))
        try store.recordResponse(F.response("a2", position: 1, questionID: "q2", score: 0, at: 102))
        try store.recordResponse(
            F.response("a2", position: 2, questionID: "q3", score: 0, at: 103, outcome: .skipped, given: nil, selection: nil))
        try store.recordResponse(F.response("a2", position: 3, questionID: "q5", score: 0.5, at: 104))
        try store.recordResponse(F.response("b1", position: 0, questionID: "q1", score: 0, at: 200))
        #expect(try store.wrongQuestionIDs(learner: "ada", packID: "swift-basics") == ["q5", "q3", "q2"])
        #expect(try store.wrongQuestionIDs(learner: "bob", packID: "swift-basics") == ["q1"])
        #expect(try store.wrongQuestionIDs(learner: "ada", packID: "other").isEmpty)
    }

    @Test func answersStayInTheLogUntilTheAttemptEndsThenReachTheFile() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("attest.sqlite")
        let store = try AttestDatabase.open(path: path)
        let size = { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        try store.startAttempt(StoreFixtures.attempt("a1"))
        let before = size()
        for position in 0..<3 {
            try store.recordResponse(
                StoreFixtures.response("a1", position: position, questionID: "q\(position + 1)", score: 1, at: 10))
        }
        #expect(size() == before)  // journaled durably in the write-ahead log, no checkpoint mid-quiz
        try store.finishAttempt(id: "a1", status: .completed, endedAt: StoreFixtures.start.addingTimeInterval(60))
        #expect(size() > before)
        let limit = try store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
        #expect(limit == AttestDatabase.walCheckpointPages)
        try store.close()
    }
}
