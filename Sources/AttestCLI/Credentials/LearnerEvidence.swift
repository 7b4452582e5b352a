import AttestCore
import AttestStore
import Foundation

/// A learner's recorded evidence for one pack, turned into what the core judges:
/// competency estimates and the exam quizzes passed.
struct LearnerEvidence {
    let pack: Pack
    let attempts: [RecordedAttempt]

    init(pack: Pack, store: AttestDatabase, learner: String) throws {
        self.pack = pack
        attempts = try store.evidence(learner: learner, packID: pack.id)
    }

    /// Responses of attempts that have ended, with their mode and date.
    var evidence: [Evidence] {
        attempts.flatMap { Evidence.of(attempt: $0.attempt, responses: $0.responses) }
    }

    func report(_ estimator: CompetencyEstimator, now: Date) -> CompetencyReport {
        estimator.estimate(pack: pack, evidence: evidence, now: now)
    }

    /// Exam attempts that ran to the end (completed or timed out), with their results.
    /// Attempts of a pack version whose questions are gone cannot be rebuilt and are left out.
    func finishedExams() -> [(record: AttemptRecord, result: QuizResult, quiz: Quiz)] {
        attempts.compactMap { recorded in
            let record = recorded.attempt
            guard record.mode == .exam, record.status == .completed || record.status == .timedOut,
                  let quiz = pack.quiz(record.quizID), quiz.mode == .exam,
                  let plan = try? QuizPlan(rebuilding: record, pack: pack, quiz: quiz)
            else { return nil }
            let result = QuizResult(
                pack: pack, quiz: quiz, plan: plan, responses: recorded.responses, startedAt: record.startedAt,
                endedAt: record.endedAt ?? record.startedAt, status: record.status)
            return (record, result, quiz)
        }
    }
}
