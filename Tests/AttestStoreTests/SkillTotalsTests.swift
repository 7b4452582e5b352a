import AttestCore
@testable import AttestStore
import AttestTestSupport
import Foundation
import GRDB
import Testing

@Suite("SkillTotals")
struct SkillTotalsTests {
    let pack = SamplePack.make()
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let packIDs = ["sample", "other"]
    let learners = ["ada", "grace"]
    let estimators = [
        CompetencyEstimator(), CompetencyEstimator.forCredentials, CompetencyEstimator(trendLength: 3),
        CompetencyEstimator(halfLifeDays: 7, includePractice: true, trendLength: 0),
    ]

    /// Attempts by two learners at two packs through the real write API: every status, both modes, positions
    /// answered again, attempts interrupted then resumed (and answered again) then ended, attempts left in
    /// progress or interrupted, ended attempts without answers, skill lists with unknown skills, zero,
    /// fractional and repeated weights, scores outside 0...1, and end dates in the past, the future and tied.
    func fillRandomly(_ store: AttestDatabase, seed: UInt64, attempts: Int = 60) throws {
        var generator = StoreFixtures.Generator(state: seed)
        let skillLists = StoreFixtures.skillLists
        let ends: [AttemptStatus] = [.completed, .completed, .timedOut, .abandoned, .interrupted, .inProgress]
        let scores = [0, 1, 1, 0.5, 0.25, -0.2, 1.3]
        var clock = 0.0
        for index in 0..<attempts {
            // Twenty start days over a year (some in the future), so attempts often end at the same moment.
            let started = now.addingTimeInterval(Double(generator.next(20) * 20 - 370) * 86_400)
            let attempt = AttemptRecord(
                id: "s\(seed)-a\(index)", learner: learners[generator.next(2)], packID: packIDs[generator.next(2)],
                packVersion: "1.0.0", packHash: "h", quizID: "mixed-exam",
                mode: generator.next(2) == 0 ? .exam : .practice, seed: UInt64(index), questionIDs: ["q"],
                startedAt: started)
            try store.startAttempt(attempt)
            func answer(_ count: Int) throws {
                for _ in 0..<count {
                    let position = generator.next(8)
                    let score = scores[generator.next(scores.count)]
                    let maxPoints = Double(1 + generator.next(3))
                    clock += 1
                    try store.recordResponse(ResponseRecord(
                        attemptID: attempt.id, position: position, questionID: "q\(position)", outcome: .answered,
                        given: "x", selection: nil, score: score, points: max(0, min(1, score)) * maxPoints,
                        maxPoints: maxPoints, skills: skillLists[generator.next(skillLists.count)],
                        difficulty: Difficulty.allCases[generator.next(3)], shownAt: started,
                        answeredAt: started.addingTimeInterval(clock)))
                }
            }
            try answer(generator.next(12))
            // Ties in the trend order (the end, then the attempt id) are exercised too.
            let end = started.addingTimeInterval(Double(60 * (index % 3)))
            if generator.next(3) == 0 {
                try store.finishAttempt(id: attempt.id, status: .interrupted, endedAt: end)
                guard generator.next(3) > 0 else { continue }
                try store.resumeAttempt(id: attempt.id)
                try answer(1 + generator.next(6))
            }
            let status = ends[generator.next(ends.count)]
            if status != .inProgress { try store.finishAttempt(id: attempt.id, status: status, endedAt: end) }
        }
    }

    /// Today's computation over the raw journal: every attempt with every row it journaled, superseded ones
    /// included, as `Evidence` (the last row per position of ended attempts), estimated response by response.
    func referenceReport(
        _ store: AttestDatabase, learner: String, packID: String, estimator: CompetencyEstimator
    ) throws -> CompetencyReport {
        let evidence = try store.attempts(learner: learner, packID: packID).reversed().flatMap { attempt in
            Evidence.of(attempt: attempt, responses: try store.responseJournal(attemptID: attempt.id))
        }
        return estimator.estimate(pack: pack, evidence: evidence, now: now)
    }

    /// The per-skill sums written out longhand from the journal, one response at a time.
    func referenceEvidence(
        _ store: AttestDatabase, learner: String, packID: String, estimator: CompetencyEstimator
    ) throws -> [SkillEvidence] {
        var sums: [String: (successes: Double, failures: Double, total: Double, practice: Bool)] = [:]
        var trend: [String: [(finished: Date, id: String, points: SkillEvidence.AttemptPoints)]] = [:]
        for attempt in try store.attempts(learner: learner, packID: packID) {
            guard [.completed, .timedOut, .abandoned].contains(attempt.status),
                  estimator.includePractice || attempt.mode == .exam else { continue }
            let finished = attempt.endedAt ?? attempt.startedAt
            let recency = pow(0.5, max(0, now.timeIntervalSince(finished)) / 86_400 / estimator.halfLifeDays)
            var latest: [Int: ResponseRecord] = [:]
            for response in try store.responseJournal(attemptID: attempt.id) { latest[response.position] = response }
            var points: [String: SkillEvidence.AttemptPoints] = [:]
            for response in latest.values {
                let total = response.skills.reduce(0) { $0 + max(0, $1.weight) }
                for skill in Set(response.skills.map(\.skill)) {
                    let part = response.skills.filter { $0.skill == skill }.reduce(0) { $0 + max(0, $1.weight) }
                    guard total > 0, part > 0 else { continue }
                    let share = part / total
                    let w = share * Scoring.difficultyWeight(response.difficulty) * recency
                    let score = min(1, max(0, response.score))
                    var entry = sums[skill] ?? (0, 0, 0, false)
                    entry.successes += score * w
                    entry.failures += (1 - score) * w
                    entry.total += w
                    if attempt.mode == .practice { entry.practice = true }
                    sums[skill] = entry
                    var attemptPoints = points[skill] ?? SkillEvidence.AttemptPoints(earned: 0, possible: 0)
                    attemptPoints.earned += share * response.points
                    attemptPoints.possible += share * response.maxPoints
                    points[skill] = attemptPoints
                }
            }
            for (skill, value) in points { trend[skill, default: []].append((finished, attempt.id, value)) }
        }
        return sums.keys.sorted().map { skill in
            let entry = sums[skill]!
            let recent = trend[skill]!.sorted { ($0.finished, $0.id) < ($1.finished, $1.id) }
                .suffix(estimator.trendLength).map(\.points)
            return SkillEvidence(
                skillID: skill, successes: entry.successes, failures: entry.failures, total: entry.total,
                includesPractice: entry.practice, recentAttempts: Array(recent))
        }
    }

    func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }

    func expectSame(_ fast: [SkillEvidence], _ slow: [SkillEvidence], _ label: String) {
        #expect(fast.map(\.skillID) == slow.map(\.skillID), "\(label)")
        for (f, s) in zip(fast, slow) {
            #expect(close(f.successes, s.successes) && close(f.failures, s.failures), "\(label) \(f.skillID)")
            #expect(close(f.total, s.total) && f.includesPractice == s.includesPractice, "\(label) \(f.skillID)")
            #expect(f.recentAttempts.count == s.recentAttempts.count, "\(label) \(f.skillID) trend")
            for (a, b) in zip(f.recentAttempts, s.recentAttempts) {
                #expect(close(a.earned, b.earned) && close(a.possible, b.possible), "\(label) \(f.skillID) trend")
            }
        }
    }

    func expectSame(_ fast: CompetencyReport, _ slow: CompetencyReport, _ label: String) {
        #expect(fast.skills.map(\.skillID) == slow.skills.map(\.skillID))
        for (f, s) in zip(fast.skills, slow.skills) {
            #expect(close(f.posterior.alpha, s.posterior.alpha) && close(f.posterior.beta, s.posterior.beta), "\(label)")
            #expect(close(f.evidence, s.evidence), "\(label) \(f.skillID) evidence")
            #expect(close(f.estimate, s.estimate) && close(f.lower, s.lower) && close(f.upper, s.upper), "\(label)")
            #expect(f.level == s.level && f.includesPractice == s.includesPractice, "\(label) \(f.skillID)")
            #expect(f.trend.count == s.trend.count && zip(f.trend, s.trend).allSatisfy { close($0, $1) }, "\(label)")
        }
        #expect(fast.suggestion == slow.suggestion, "\(label)")
    }

    /// Every learner, pack and estimator: the store's sums match the longhand ones, and the report built
    /// from them matches today's response-by-response estimate.
    func expectMatchesReference(_ store: AttestDatabase) throws {
        for learner in learners {
            for packID in packIDs {
                for (index, estimator) in estimators.enumerated() {
                    let label = "\(learner)/\(packID)/estimator \(index)"
                    let fast = try store.skillEvidence(learner: learner, packID: packID, estimator: estimator, now: now)
                    expectSame(fast, try referenceEvidence(store, learner: learner, packID: packID, estimator: estimator), label)
                    expectSame(
                        estimator.estimate(pack: pack, skills: fast),
                        try referenceReport(store, learner: learner, packID: packID, estimator: estimator), label)
                }
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func totalsGiveTodaysEstimates(seed: UInt64) throws {
        let store = try AttestDatabase.inMemory()
        try fillRandomly(store, seed: seed)
        try expectMatchesReference(store)
    }

    @Test func onlyEndedAttemptsFileTotalsAndAResumedOneCountsEveryAnswer() throws {
        let store = try AttestDatabase.inMemory()
        typealias F = StoreFixtures
        try store.startAttempt(F.attempt("a1", packID: "sample"))
        try store.recordResponse(F.response("a1", position: 0, questionID: "q1", score: 0, at: 1))
        func rows() throws -> Int { try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt_skill")! } }
        #expect(try rows() == 0)
        try store.finishAttempt(id: "a1", status: .interrupted, endedAt: F.start.addingTimeInterval(2))
        #expect(try rows() == 0)
        try store.resumeAttempt(id: "a1")
        try store.recordResponse(F.response("a1", position: 0, questionID: "q1", score: 1, at: 3))
        try store.recordResponse(F.response("a1", position: 1, questionID: "q2", score: 0.5, at: 4))
        try store.finishAttempt(id: "a1", status: .completed, endedAt: F.start.addingTimeInterval(5))
        let evidence = try store.skillEvidence(
            learner: "ada", packID: "sample", estimator: CompetencyEstimator(), now: F.start.addingTimeInterval(5))
        // Two answers (the re-answered position counts once, with its last score) of skills weighted 1 and 0.5.
        #expect(evidence.map(\.skillID) == ["closures", "optionals"])
        let hard = Scoring.difficultyWeight(.hard)
        #expect(close(evidence[1].total, 2 * hard * 2 / 3) && close(evidence[1].successes, 1.5 * hard * 2 / 3))
        let points = try #require(evidence[1].recentAttempts.first)
        #expect(evidence[1].recentAttempts.count == 1 && close(points.earned, 2) && close(points.possible, 8.0 / 3))
        #expect(evidence[0].includesPractice == false)
    }

    @Test func importedAttemptsFileTheirTotals() throws {
        let source = try AttestDatabase.inMemory()
        try fillRandomly(source, seed: 42)
        let target = try AttestDatabase.inMemory()
        try target.importAttempts(try source.exportAttempts())
        // Attempts imported unfinished file theirs when they end, as at home.
        for store in [source, target] {
            for learner in learners {
                for attempt in try store.unfinishedAttempts(learner: learner) {
                    try store.finishAttempt(id: attempt.id, status: .abandoned, endedAt: attempt.startedAt)
                }
            }
        }
        try expectMatchesReference(target)
        for learner in learners {
            for packID in packIDs {
                let estimator = CompetencyEstimator()
                expectSame(
                    try target.skillEvidence(learner: learner, packID: packID, estimator: estimator, now: now),
                    try source.skillEvidence(learner: learner, packID: packID, estimator: estimator, now: now),
                    "\(learner)/\(packID)")
            }
        }
    }

    @Test func migrationV3BackfillsAnExistingHistory() throws {
        let queue = try DatabaseQueue()
        let store = try AttestDatabase(queue)
        try fillRandomly(store, seed: 7, attempts: 120)
        let estimator = CompetencyEstimator()
        let before = try learners.flatMap { learner in
            try packIDs.map { try store.skillEvidence(learner: learner, packID: $0, estimator: estimator, now: now) }
        }
        // The same history as a v2 store held it: v3 only adds the table.
        try queue.write { db in
            try db.execute(sql: "DROP TABLE attempt_skill; DELETE FROM grdb_migrations WHERE identifier = 'v3'")
        }
        let upgraded = try AttestDatabase(queue)
        let after = try learners.flatMap { learner in
            try packIDs.map { try upgraded.skillEvidence(learner: learner, packID: $0, estimator: estimator, now: now) }
        }
        #expect(after == before)
        #expect(!after.joined().isEmpty)
        try expectMatchesReference(upgraded)
    }

    @Test func theBackfillSkipsAttemptsThatAlreadyHaveTotals() throws {
        let queue = try DatabaseQueue()
        let store = try AttestDatabase(queue)
        try fillRandomly(store, seed: 9)
        let count = "SELECT COUNT(*) FROM attempt_skill"
        let before = try queue.read { db in try Int.fetchOne(db, sql: count) }
        try queue.write { db in try SkillTotals.recordEndedAttempts(db) }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: count) } == before)
        try expectMatchesReference(store)
    }
}
