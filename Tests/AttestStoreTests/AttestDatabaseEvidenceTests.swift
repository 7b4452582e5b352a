import AttestCore
@testable import AttestStore
import AttestTestSupport
import Foundation
import GRDB
import Testing

@Suite("AttestDatabase+Evidence")
struct AttestDatabaseEvidenceTests {
    let pack = SamplePack.make()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Random attempts of every status and mode with superseded answers, skill lists (unknown skills and
    /// zero weights included), difficulties, out-of-range scores and end dates in the past and the future.
    func fillRandomly(_ store: AttestDatabase, seed: UInt64, learner: String = "ada") throws {
        var generator = StoreFixtures.Generator(state: seed)
        let skillLists = StoreFixtures.skillLists
        let statuses: [AttemptStatus] = [.completed, .completed, .timedOut, .abandoned, .interrupted, .inProgress]
        let scores = [0, 1, 1, 0.5, 0.25, -0.2, 1.3]
        for index in 0..<40 {
            let started = now.addingTimeInterval(Double(generator.next(400) - 380) * 86_400)
            let attempt = AttemptRecord(
                id: "\(learner)-a\(index)", learner: learner, packID: "sample", packVersion: "1.0.0", packHash: "h",
                quizID: "mixed-exam", mode: generator.next(2) == 0 ? .exam : .practice, seed: UInt64(index),
                questionIDs: ["q"], startedAt: started)
            try store.startAttempt(attempt)
            let answers = 1 + generator.next(12)
            for step in 0..<answers {
                let position = generator.next(max(1, answers - 2))  // some positions answered again
                let score = scores[generator.next(scores.count)]
                let maxPoints = Double(1 + generator.next(3))
                try store.recordResponse(ResponseRecord(
                    attemptID: attempt.id, position: position, questionID: "q\(position)", outcome: .answered,
                    given: "x", selection: nil, score: score, points: max(0, min(1, score)) * maxPoints,
                    maxPoints: maxPoints, skills: skillLists[generator.next(skillLists.count)],
                    difficulty: Difficulty.allCases[generator.next(3)], shownAt: started,
                    answeredAt: started.addingTimeInterval(Double(step))))
            }
            let status = statuses[generator.next(statuses.count)]
            if status != .inProgress {
                // Identical end dates for some attempts, so ties in the trend order are exercised too.
                try store.finishAttempt(
                    id: attempt.id, status: status, endedAt: started.addingTimeInterval(Double(60 * (index % 3))))
            }
        }
    }

    func expectSame(_ fast: CompetencyReport, _ slow: CompetencyReport) {
        func close(_ a: Double?, _ b: Double?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
        }
        #expect(fast.skills.map(\.skillID) == slow.skills.map(\.skillID))
        for (f, s) in zip(fast.skills, slow.skills) {
            #expect(close(f.posterior.alpha, s.posterior.alpha), "\(f.skillID) alpha")
            #expect(close(f.posterior.beta, s.posterior.beta), "\(f.skillID) beta")
            #expect(close(f.evidence, s.evidence), "\(f.skillID) evidence")
            #expect(close(f.estimate, s.estimate) && close(f.lower, s.lower) && close(f.upper, s.upper), "\(f.skillID)")
            #expect(f.level == s.level)
            #expect(f.includesPractice == s.includesPractice)
            #expect(f.trend.count == s.trend.count)
            #expect(zip(f.trend, s.trend).allSatisfy { close($0, $1) }, "\(f.skillID) trend \(f.trend) \(s.trend)")
        }
        #expect(fast.suggestion == slow.suggestion)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func groupsGiveTheSameEstimatesAsEveryResponse(seed: UInt64) throws {
        let store = try AttestDatabase.inMemory()
        try fillRandomly(store, seed: seed)
        try fillRandomly(store, seed: seed + 100, learner: "grace")  // another learner's answers never count
        let attempts = try store.evidence(learner: "ada", packID: "sample")
        let evidence = attempts.flatMap { Evidence.of(attempt: $0.attempt, responses: $0.responses) }
        let groups = try store.evidenceGroups(learner: "ada", packID: "sample")
        #expect(groups.reduce(0) { $0 + $1.count } == evidence.count)
        for estimator in [CompetencyEstimator(), CompetencyEstimator.forCredentials, CompetencyEstimator(trendLength: 3)] {
            expectSame(
                estimator.estimate(pack: pack, groups: groups, now: now),
                estimator.estimate(pack: pack, evidence: evidence, now: now))
        }
    }

    @Test func groupsSumTheLastAnswerPerPositionOfEndedAttemptsOnly() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(StoreFixtures.attempt("a1", packID: "sample"))
        try store.recordResponse(StoreFixtures.response("a1", position: 0, questionID: "q1", score: 0, at: 1))
        try store.recordResponse(StoreFixtures.response("a1", position: 1, questionID: "q2", score: 1, at: 2))
        try store.recordResponse(StoreFixtures.response("a1", position: 0, questionID: "q1", score: 0.5, at: 3))
        try store.startAttempt(StoreFixtures.attempt("a2", packID: "sample", at: 10))
        try store.recordResponse(StoreFixtures.response("a2", position: 0, questionID: "q1", score: 1, at: 11))
        #expect(try store.evidenceGroups(learner: "ada", packID: "sample").isEmpty)
        let end = StoreFixtures.start.addingTimeInterval(100)
        try store.finishAttempt(id: "a1", status: .completed, endedAt: end)
        let groups = try store.evidenceGroups(learner: "ada", packID: "sample")
        #expect(groups == [EvidenceGroup(
            attemptID: "a1", mode: .exam, finishedAt: end,
            skills: [SkillWeight(skill: "optionals", weight: 1), SkillWeight(skill: "closures", weight: 0.5)],
            difficulty: .hard, count: 2, scoreSum: 1.5, pointsSum: 3, maxPointsSum: 4)])
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
