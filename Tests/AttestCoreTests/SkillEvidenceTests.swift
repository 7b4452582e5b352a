import AttestCore
import AttestTestSupport
import Foundation
import Testing

@Suite("SkillEvidence")
struct SkillEvidenceTests {
    let pack = SamplePack.make()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func response(_ attempt: String, position: Int, score: Double, points: Double) -> ResponseRecord {
        ResponseRecord(
            attemptID: attempt, position: position, questionID: "q\(position)", outcome: .answered, given: "x",
            selection: nil, score: score, points: score * points, maxPoints: points,
            skills: [SkillWeight(skill: "sql", weight: 3), SkillWeight(skill: "stats")], difficulty: .hard,
            shownAt: now, answeredAt: now)
    }

    @Test func anAttemptWithNothingPossibleScoresZero() {
        #expect(SkillEvidence.AttemptPoints(earned: 0, possible: 0).fraction == 0)
        #expect(SkillEvidence.AttemptPoints(earned: 1.5, possible: 2).fraction == 0.75)
    }

    @Test func noEvidenceGivesThePriorForEverySkill() {
        let estimator = CompetencyEstimator()
        #expect(estimator.estimate(pack: pack, skills: []) == estimator.estimate(pack: pack, evidence: [], now: now))
    }

    /// Sums written by hand for three exam attempts give what the estimator computes from their responses.
    @Test func summedEvidenceGivesTheSameReportAsTheResponses() throws {
        let estimator = CompetencyEstimator(trendLength: 2)
        let days = [30.0, 10, 0]
        let scores = [0.0, 1, 1]
        let evidence = days.indices.map { index in
            Evidence(
                response: response("a\(index)", position: 0, score: scores[index], points: 4), mode: .exam,
                finishedAt: now.addingTimeInterval(-days[index] * 86_400))
        }
        func sums(_ skill: String, share: Double) -> SkillEvidence {
            var result = SkillEvidence(
                skillID: skill, successes: 0, failures: 0, total: 0, includesPractice: false, recentAttempts: [])
            for index in days.indices {
                let w = share * 1.25 * pow(0.5, days[index] / 90)
                result.successes += scores[index] * w
                result.failures += (1 - scores[index]) * w
                result.total += w
                result.recentAttempts.append(.init(earned: share * scores[index] * 4, possible: share * 4))
            }
            return result
        }
        // An unknown skill is ignored; each skill keeps only its last two attempts in the trend.
        let summed = estimator.estimate(
            pack: pack, skills: [sums("stats", share: 0.25), sums("gone", share: 1), sums("sql", share: 0.75)])
        let expected = estimator.estimate(pack: pack, evidence: evidence, now: now)
        #expect(summed.skills.map(\.trend) == [[1, 1], [1, 1]])
        for (a, b) in zip(summed.skills, expected.skills) {
            #expect(a.skillID == b.skillID && a.level == b.level && a.trend == b.trend)
            #expect(abs(a.posterior.alpha - b.posterior.alpha) < 1e-12 && abs(a.posterior.beta - b.posterior.beta) < 1e-12)
            #expect(abs(a.evidence - b.evidence) < 1e-12)
        }
        #expect(summed.suggestion == expected.suggestion)
    }
}
