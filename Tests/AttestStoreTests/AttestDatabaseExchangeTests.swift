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

    /// The instances of parameterised questions are journaled with the attempt (migration v16), read back for a
    /// resume, exported and imported with it; an instance the attempt did not draw, or repeated, is refused at the door.
    @Test func instancesAreJournaledWithTheAttemptAndTravelWithIt() throws {
        let source = try AttestDatabase.inMemory()
        let instance = InstanceRecord(
            questionID: "q1", values: ["a": 6, "b": 7], prompt: "What is 6 × 7?", explanation: "6 × 7 = 42", answer: 42)
        let choice = InstanceRecord(
            questionID: "q2", values: ["n": 3], prompt: "Pick 3", options: ["3", "4"], feedback: [nil, "Not 4."])
        try source.startAttempt(F.attempt("a1", at: 0), instances: [instance, choice])
        try source.startAttempt(F.attempt("a2", at: 10))
        #expect(try source.instances(attemptID: "a1") == [instance, choice])
        #expect(try source.instances(attemptID: "a2") == [])
        let exported = try source.exportAttempts()
        #expect(exported.map(\.instances) == [[instance, choice], nil])
        let decoded = try JSONDecoder().decode([RecordedAttempt].self, from: try JSONEncoder().encode(exported))
        #expect(decoded == exported)
        #expect(decoded.allSatisfy { $0.outOfRange.isEmpty })
        let instructor = try AttestDatabase.inMemory()
        _ = try instructor.importAttempts(decoded)
        #expect(try instructor.instances(attemptID: "a1") == [instance, choice])

        var stray = exported[0]
        stray.instances = [instance, instance, InstanceRecord(questionID: "elsewhere", values: ["a": 1e13], prompt: "?")]
        #expect(stray.outOfRange == [
            "`instances[1].questionID` repeats an earlier instance's question",
            "`instances[2].questionID` names a question the attempt did not draw",
            "`instances[2].values` gives `a` 10000000000000, beyond ±1000000000000",
        ])
    }
}
