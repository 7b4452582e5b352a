import AttestCore
import AttestTestSupport
import Foundation
import Testing

@Suite("Accommodation")
struct AccommodationTests {
    static func pack(accommodations: String) -> String {
        """
        {
          "format": 1, "id": "timing", "version": "1.0.0", "title": "Timing",
          "skills": [{ "id": "time", "name": "Timekeeping" }],
          "questions": [
            { "id": "q1", "type": "true-false", "skill": "time", "prompt": "Noon is 12:00.", "answer": true, "timeLimit": 30 },
            { "id": "q2", "type": "true-false", "skill": "time", "prompt": "A day has 25 hours.", "answer": false }
          ],
          "quizzes": [
            { "id": "timing-exam", "title": "Timing exam", "mode": "exam", "timeLimit": 600, "questionTimeLimit": 60,
              "shuffleQuestions": false, "sections": [{ "from": { "skills": ["time"] } }]\(accommodations) }
          ]
        }
        """
    }

    static func decode(_ accommodations: String) -> PackLoadResult {
        PackDecoder().decode(bytes: Array(pack(accommodations: accommodations).utf8), file: "timing.json")
    }

    @Test func aPackListsTheMultipliersAQuizGrants() throws {
        let pack = try #require(Self.decode(#", "timeAccommodations": [2, 1.5]"#).pack)
        #expect(pack.quizzes[0].timeAccommodations == [1.5, 2])
        #expect(try #require(Self.decode("").pack).quizzes[0].timeAccommodations == [])
    }

    @Test(arguments: [
        (#"[1]"#, "must be above 1 and at most 4, found 1 [/quizzes/0/timeAccommodations/0]"),
        (#"[0.5]"#, "must be above 1 and at most 4, found 0.5 [/quizzes/0/timeAccommodations/0]"),
        (#"[1.5, 5]"#, "must be above 1 and at most 4, found 5 [/quizzes/0/timeAccommodations/1]"),
        (#"[1.5, 1.5]"#, "time accommodation 1.5 is listed twice [/quizzes/0/timeAccommodations/1]"),
        (#"["2x"]"#, "a time accommodation must be a number such as 1.5, found a string [/quizzes/0/timeAccommodations/0]"),
        (#"2"#, "`timeAccommodations` must be an array, found a number [/quizzes/0/timeAccommodations]"),
    ])
    func badMultipliersAreLocatedErrors(_ value: String, _ message: String) {
        let result = Self.decode(#", "timeAccommodations": "# + value)
        #expect(result.pack == nil)
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.hasPrefix("timing.json:") && $0.hasSuffix(message) }, "\(errors)")
    }

    @Test func theGrantIsTheLargestAllowedMultiplierNotAboveTheRequest() {
        let quiz = Quiz(id: "q", title: "Q", mode: .exam, sections: [], timeLimit: 600, timeAccommodations: [1.5, 2])
        #expect(Accommodation.grant(nil, on: quiz) == .standard)
        #expect(Accommodation.grant(1, on: quiz) == .standard)
        #expect(Accommodation.grant(1.5, on: quiz) == .extended(1.5))
        #expect(Accommodation.grant(3, on: quiz) == .extended(2))
        #expect(Accommodation.grant(1.25, on: quiz) == .notAllowed(requested: 1.25, allowed: [1.5, 2]))
        let strict = Quiz(id: "s", title: "S", mode: .exam, sections: [], timeLimit: 600)
        #expect(Accommodation.grant(2, on: strict) == .notAllowed(requested: 2, allowed: []))
        #expect(Accommodation.grant(2, on: strict).multiplier == 1)
    }

    @Test func theEngineStretchesEveryLimitAndRecordsTheMultiplier() throws {
        let pack = try #require(Self.decode(#", "timeAccommodations": [1.5]"#).pack)
        let quiz = pack.quizzes[0]
        let clock = TestClock()
        var engine = QuizEngine(
            pack: pack, quiz: quiz, plan: try QuizPlan(pack: pack, quiz: quiz, seed: 1), attemptID: "a", clock: clock,
            timeMultiplier: 1.5)
        #expect(engine.timeLimit == 900)
        #expect(engine.current?.timeLimit == 45, "the question's own 30 s becomes 45 s")
        clock.advance(by: 40)
        #expect(engine.checkTime().isEmpty, "40 s is within the extended 45 s")
        clock.advance(by: 6)
        #expect(engine.checkTime().contains { if case .questionTimedOut = $0 { true } else { false } })
        #expect(engine.current?.timeLimit == 90, "the quiz's 60 s per question becomes 90 s")
        #expect(abs((engine.remainingQuizTime ?? 0) - (900 - 46)) < 0.001, "the whole quiz has 1.5 × 600 s")
        #expect(engine.attemptRecord(learner: "ada").startedAt == engine.startedAt)
    }

    @Test func thresholdsAreTheNextWarningOrEnd() {
        #expect(TimeThresholds.untilNext(question: 45, questionLimit: 60, quiz: 500, quizLimit: 600) == 35)
        #expect(TimeThresholds.untilNext(question: 8, questionLimit: 60, quiz: 500, quizLimit: 600) == 8)
        #expect(TimeThresholds.untilNext(question: nil, questionLimit: nil, quiz: 100, quizLimit: 600) == 40)
        #expect(TimeThresholds.untilNext(question: nil, questionLimit: nil, quiz: 30, quizLimit: 600) == 20)
        #expect(TimeThresholds.untilNext(question: nil, questionLimit: nil, quiz: 30, quizLimit: 40) == 20,
                "a quiz of 40 s has no one-minute warning")
        #expect(TimeThresholds.untilNext(question: 1, questionLimit: 1, quiz: nil, quizLimit: nil) == 1,
                "a question of 1 s has no warning of its own")
    }

    /// An organisation re-checking a submission allows the time the attempt was granted, and only a grant the quiz lists.
    @Test func aSubmissionIsCheckedAgainstItsGrantedTime() throws {
        let pack = try #require(Self.decode(#", "timeAccommodations": [1.5]"#).pack)
        let start = Date(timeIntervalSince1970: 1_000_000)
        let record = AttemptRecord(
            id: "a1", learner: "ada", packID: pack.id, packVersion: pack.version.description, packHash: pack.contentHash,
            quizID: "timing-exam", mode: .exam, seed: 1, questionIDs: ["q1", "q2"], startedAt: start,
            endedAt: start.addingTimeInterval(800), status: .completed)
        let late = "it ended after the quiz's time limit"
        #expect(SubmissionCheck.problems(record: record, responses: [], jumps: [], pack: pack).contains(late))
        #expect(SubmissionCheck.problems(record: record, responses: [], jumps: [], pack: pack, timeMultiplier: 1.5).isEmpty)
        let claimed = SubmissionCheck.problems(record: record, responses: [], jumps: [], pack: pack, timeMultiplier: 2)
        #expect(claimed.contains("it claims extended time 2×, which the quiz does not grant"))
    }
}
