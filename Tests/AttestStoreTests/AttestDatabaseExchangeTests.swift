import AttestCore
import AttestStore
import Foundation
import Testing

@Suite("AttestDatabase+Exchange")
struct AttestDatabaseExchangeTests {
    private typealias F = StoreFixtures

    @Test func exportThenImportNeverCountsAnAttemptTwice() throws {
        let source = try AttestDatabase.inMemory()
        try source.startAttempt(F.attempt("a1", at: 0))
        try source.startAttempt(F.attempt("b1", learner: "bob", at: 10))
        try source.startAttempt(F.attempt("x1", packID: "other", at: 20))
        try source.recordResponse(F.response("a1", position: 0, questionID: "q1", score: 0, at: 1))
        try source.recordResponse(F.response("a1", position: 0, questionID: "q1", score: 1, at: 2))
        try source.recordResponse(F.response("b1", position: 0, questionID: "q2", score: 0.5, at: 11))
        let exported = try source.exportAttempts(packID: "swift-basics")
        #expect(exported.map(\.attempt.id) == ["a1", "b1"])
        #expect(exported[0].responses == [F.response("a1", position: 0, questionID: "q1", score: 1, at: 2)])
        #expect(try source.exportAttempts(learner: "bob").map(\.attempt.id) == ["b1"])
        #expect(try source.exportAttempts().count == 3)

        let data = try JSONEncoder().encode(exported)
        let decoded = try JSONDecoder().decode([RecordedAttempt].self, from: data)
        let instructor = try AttestDatabase.inMemory()
        #expect(try instructor.importAttempts(decoded) == AttemptImportSummary(imported: 2, alreadyPresent: 0))
        #expect(try instructor.importAttempts(decoded + decoded) == AttemptImportSummary(imported: 0, alreadyPresent: 4))
        #expect(try instructor.exportAttempts() == exported)
        #expect(try instructor.learner("bob") != nil)
    }

    @Test func extendedTimeTravelsWithTheAttempt() throws {
        let source = try AttestDatabase.inMemory()
        try source.startAttempt(F.attempt("a1", at: 0), timeMultiplier: 1.5)
        try source.startAttempt(F.attempt("a2", at: 10))
        let exported = try source.exportAttempts()
        #expect(exported.map(\.timeMultiplier) == [1.5, nil])
        let decoded = try JSONDecoder().decode([RecordedAttempt].self, from: try JSONEncoder().encode(exported))
        let instructor = try AttestDatabase.inMemory()
        _ = try instructor.importAttempts(decoded)
        #expect(try instructor.timeMultiplier(attemptID: "a1") == 1.5)
        #expect(try instructor.timeMultiplier(attemptID: "a2") == 1)
        let older = #"[{"attempt":"# + String(decoding: try JSONEncoder().encode(exported[1].attempt), as: UTF8.self) + #","responses":[]}]"#
        #expect(try JSONDecoder().decode([RecordedAttempt].self, from: Data(older.utf8))[0].timeMultiplier == nil,
                "files written before extended time still read")
    }
}
