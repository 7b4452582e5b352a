import AttestCore
import AttestTestSupport
import Foundation
import Testing

@Suite("CompetencyEstimator")
struct CompetencyEstimatorTests {
    let pack = SamplePack.make()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func response(
        _ attempt: String = "a1", position: Int, skills: [SkillWeight] = [SkillWeight(skill: "sql")], score: Double,
        difficulty: Difficulty = .medium, points: Double = 1
    ) -> ResponseRecord {
        ResponseRecord(
            attemptID: attempt, position: position, questionID: "q\(position)", outcome: .answered, given: "x",
            selection: nil, score: score, points: score * points, maxPoints: points, skills: skills,
            difficulty: difficulty, shownAt: now, answeredAt: now)
    }

    func evidence(_ response: ResponseRecord, mode: Quiz.Mode = .exam, daysAgo: Double = 0) -> Evidence {
        Evidence(response: response, mode: mode, finishedAt: now.addingTimeInterval(-daysAgo * 86_400))
    }

    @Test func tenCorrectMediumAnswersGiveAKnownPosterior() throws {
        let items = (0..<10).map { evidence(response(position: $0, score: 1)) }
        let sql = try #require(CompetencyEstimator().estimate(pack: pack, evidence: items, now: now).skill("sql"))
        #expect(sql.posterior == BetaDistribution(alpha: 11, beta: 1))
        #expect(abs(sql.estimate! - 11.0 / 12) < 1e-12)
        #expect(abs(sql.lower! - pow(0.05, 1.0 / 11)) < 1e-9)
        #expect(sql.upper! > 0.99)
        #expect(sql.evidence == 10)
        #expect(sql.level == .proficient)  // lower bound 0.7616, not the mean 0.917
        #expect(sql.evidenceSkill?.level == .proficient)
    }

    @Test func evidenceComesFromSubmittedAttemptsOnly() {
        var attempt = AttemptRecord(
            id: "a1", learner: "ada", packID: "sample", packVersion: "1.0.0", packHash: "", quizID: "mixed-exam",
            mode: .exam, seed: 1, questionIDs: ["q0", "q1"], startedAt: now, endedAt: now.addingTimeInterval(60),
            status: .completed)
        let responses = [
            response(position: 0, score: 0), response(position: 1, score: 1), response(position: 0, score: 1),
            response("other", position: 0, score: 0),
        ]
        let items = Evidence.of(attempt: attempt, responses: responses)
        #expect(items.map(\.response.position) == [0, 1])
        #expect(items.allSatisfy { $0.response.score == 1 && $0.mode == .exam && $0.finishedAt == attempt.endedAt })
        attempt.status = .abandoned
        #expect(Evidence.of(attempt: attempt, responses: responses).count == 2)
        attempt.status = .interrupted
        #expect(Evidence.of(attempt: attempt, responses: responses).isEmpty)
        attempt.status = .inProgress
        #expect(Evidence.of(attempt: attempt, responses: responses).isEmpty)
        attempt.status = .timedOut
        #expect(Evidence.of(attempt: attempt, responses: responses).count == 2)
    }

    @Test func notEnoughEvidenceYet() throws {
        let items = [evidence(response(position: 0, score: 1)), evidence(response(position: 1, score: 1))]
        let report = CompetencyEstimator().estimate(pack: pack, evidence: items, now: now)
        let sql = try #require(report.skill("sql"))
        #expect(sql.estimate == nil && sql.lower == nil && sql.level == nil && !sql.hasEnoughEvidence)
        #expect(sql.evidence == 2)
        #expect(sql.evidenceSkill == nil)
        #expect(report.skill("stats")?.evidence == 0)
    }

    @Test func weightsCombineShareDifficultyAndRecency() {
        let estimator = CompetencyEstimator()
        let shared = response(position: 0, skills: [SkillWeight(skill: "sql", weight: 2), SkillWeight(skill: "stats")],
                              score: 1, difficulty: .hard)
        #expect(abs(estimator.weight(of: shared, skill: "sql", finishedAt: now, now: now) - 2.0 / 3 * 1.25) < 1e-12)
        #expect(abs(estimator.weight(of: shared, skill: "stats", finishedAt: now, now: now) - 1.0 / 3 * 1.25) < 1e-12)
        #expect(estimator.weight(of: shared, skill: "other", finishedAt: now, now: now) == 0)
        let old = now.addingTimeInterval(-90 * 86_400)
        #expect(abs(estimator.recencyFactor(finishedAt: old, now: now) - 0.5) < 1e-12)
        #expect(abs(estimator.recencyFactor(finishedAt: now.addingTimeInterval(-180 * 86_400), now: now) - 0.25) < 1e-12)
        #expect(estimator.recencyFactor(finishedAt: now.addingTimeInterval(3600), now: now) == 1)
        #expect(abs(CompetencyEstimator(halfLifeDays: 30).recencyFactor(finishedAt: old, now: now) - 0.125) < 1e-12)
    }

    @Test func partialScoresSplitIntoSuccessesAndFailures() throws {
        let items = (0..<4).map { evidence(response(position: $0, score: 0.25, difficulty: .easy)) }
        let sql = try #require(CompetencyEstimator().estimate(pack: pack, evidence: items, now: now).skill("sql"))
        #expect(abs(sql.posterior.alpha - (1 + 4 * 0.25 * 0.8)) < 1e-12)
        #expect(abs(sql.posterior.beta - (1 + 4 * 0.75 * 0.8)) < 1e-12)
        #expect(abs(sql.evidence - 3.2) < 1e-12)
    }

    @Test func practiceCountsOnlyWhenIncluded() throws {
        let items = (0..<6).map { evidence(response(position: $0, score: 1), mode: .practice) }
        let progress = try #require(CompetencyEstimator().estimate(pack: pack, evidence: items, now: now).skill("sql"))
        #expect(progress.hasEnoughEvidence && progress.includesPractice)
        let credential = try #require(
            CompetencyEstimator.forCredentials.estimate(pack: pack, evidence: items, now: now).skill("sql"))
        #expect(credential.evidence == 0 && !credential.includesPractice)
    }

    @Test func onlyTheLastResponseForAPositionCounts() throws {
        let items = [evidence(response(position: 0, score: 0))] + (0..<4).map { evidence(response(position: $0, score: 1)) }
        let sql = try #require(CompetencyEstimator().estimate(pack: pack, evidence: items, now: now).skill("sql"))
        #expect(sql.posterior == BetaDistribution(alpha: 5, beta: 1))
    }

    @Test func trendIsPerAttemptOldestFirstAndCapped() throws {
        var items: [Evidence] = []
        for attempt in 0..<12 {
            for position in 0..<2 {
                items.append(evidence(
                    response("att\(attempt)", position: position, score: position == 0 || attempt % 2 == 0 ? 1 : 0,
                             points: 1),
                    daysAgo: Double(12 - attempt)))
            }
        }
        let sql = try #require(CompetencyEstimator().estimate(pack: pack, evidence: items, now: now).skill("sql"))
        #expect(sql.trend == [1, 0.5, 1, 0.5, 1, 0.5, 1, 0.5, 1, 0.5])
    }

    @Test func suggestionPicksTheWeakestSkillAndACoveringQuiz() throws {
        let strongSQL = (0..<10).map { evidence(response(position: $0, score: 1)) }
        let report = CompetencyEstimator().estimate(pack: pack, evidence: strongSQL, now: now)
        #expect(report.suggestion == PracticeSuggestion(skillID: "stats", quizID: "stats-practice"))
        let weakSQL = (0..<10).map { evidence(response(position: $0, score: 0)) }
            + (0..<10).map { evidence(response("a2", position: $0, skills: [SkillWeight(skill: "stats")], score: 1)) }
        let other = CompetencyEstimator().estimate(pack: pack, evidence: weakSQL, now: now)
        #expect(other.suggestion == PracticeSuggestion(skillID: "sql", quizID: "mixed-exam"))
    }

    @Test func untestedSkillsTieAndPackOrderDecides() throws {
        // Without evidence every skill is Beta(1, 1): equal lower bounds and equal widths.
        let report = CompetencyEstimator().estimate(pack: pack, evidence: [], now: now)
        #expect(report.suggestion?.skillID == "sql")
    }

    @Test func aCorrectAnswerNeverLowersAnEstimate() {
        var generator = SeededGenerator(seed: 2024)
        let estimator = CompetencyEstimator(minimumEvidence: 0)
        for round in 0..<300 {
            var items: [Evidence] = []
            for position in 0..<generator.nextInt(below: 12) {
                items.append(randomEvidence(round: round, position: position, using: &generator))
            }
            let before = estimator.estimate(pack: pack, evidence: items, now: now)
            var correct = randomEvidence(round: round, position: 99, using: &generator)
            correct.response.score = 1
            let after = estimator.estimate(pack: pack, evidence: items + [correct], now: now)
            for (x, y) in zip(before.skills, after.skills) {
                #expect(y.estimate! >= x.estimate! - 1e-12)
                #expect(y.lower! >= x.lower! - 1e-9)
                #expect(x.estimate! >= 0 && x.estimate! <= 1)
            }
        }
    }

    @Test func moreConsistentEvidenceNarrowsTheInterval() {
        var generator = SeededGenerator(seed: 77)
        for _ in 0..<200 {
            let score = Double(generator.nextInt(below: 5)) / 4
            let difficulty = Difficulty.allCases[generator.nextInt(below: 3)]
            let n = 3 + generator.nextInt(below: 20)
            func width(_ count: Int) -> Double {
                let items = (0..<count).map { evidence(response(position: $0, score: score, difficulty: difficulty)) }
                let sql = CompetencyEstimator(minimumEvidence: 0).estimate(pack: pack, evidence: items, now: now).skill("sql")!
                return sql.upper! - sql.lower!
            }
            #expect(width(2 * n) < width(n))
        }
    }

    @Test func responseOrderDoesNotMatter() {
        var generator = SeededGenerator(seed: 5150)
        for round in 0..<100 {
            let items = (0..<15).map { randomEvidence(round: round, position: $0, using: &generator) }
            let a = CompetencyEstimator().estimate(pack: pack, evidence: items, now: now)
            let b = CompetencyEstimator().estimate(pack: pack, evidence: items.seededShuffled(using: &generator), now: now)
            for (x, y) in zip(a.skills, b.skills) {
                #expect(abs(x.posterior.alpha - y.posterior.alpha) < 1e-9)
                #expect(abs(x.posterior.beta - y.posterior.beta) < 1e-9)
            }
        }
    }

    func randomEvidence(round: Int, position: Int, using generator: inout SeededGenerator) -> Evidence {
        let skillSets: [[SkillWeight]] = [
            [SkillWeight(skill: "sql")], [SkillWeight(skill: "stats")],
            [SkillWeight(skill: "sql", weight: 2), SkillWeight(skill: "stats")],
        ]
        let record = response(
            "r\(round)", position: position, skills: skillSets[generator.nextInt(below: 3)],
            score: Double(generator.nextInt(below: 5)) / 4, difficulty: Difficulty.allCases[generator.nextInt(below: 3)])
        return evidence(record, mode: generator.nextInt(below: 2) == 0 ? .exam : .practice,
                        daysAgo: Double(generator.nextInt(below: 400)))
    }
}
