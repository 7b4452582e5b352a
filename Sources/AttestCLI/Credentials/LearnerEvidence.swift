import AttestCore
import AttestStore
import Foundation

/// A learner's recorded evidence for one pack, turned into what the core judges:
/// competency estimates (summed in SQL, so a long history stays fast) and the exam quizzes passed.
struct LearnerEvidence {
    let pack: Pack
    private let store: AttestDatabase
    private let learner: String

    init(pack: Pack, store: AttestDatabase, learner: String) {
        self.pack = pack
        self.store = store
        self.learner = learner
    }

    /// How many attempts the learner has made at the pack, in any state (exams only with `examsOnly`).
    func attemptCount(examsOnly: Bool = false) throws -> Int {
        try store.attemptCount(learner: learner, packID: pack.id, mode: examsOnly ? .exam : nil)
    }

    /// Competency per skill from every ended attempt at the pack, summed by the store per skill; with
    /// `ownAttemptsOnly`, attempts imported from another store are left out (they never award credentials).
    func report(_ estimator: CompetencyEstimator, now: Date, ownAttemptsOnly: Bool = false) throws -> CompetencyReport {
        let skills = try store.skillEvidence(
            learner: learner, packID: pack.id, estimator: estimator, now: now, ownAttemptsOnly: ownAttemptsOnly)
        return estimator.estimate(pack: pack, skills: skills)
    }

    /// Exam attempts that ran to the end (completed or timed out), with their results.
    /// Attempts of a pack version whose questions are gone cannot be rebuilt and are left out, and so,
    /// with `ownAttemptsOnly`, are attempts imported from another store.
    func finishedExams(ownAttemptsOnly: Bool = false) throws -> [FinishedExam] {
        let imported = ownAttemptsOnly ? try store.importedAttemptIDs(learner: learner) : []
        return try store.attempts(learner: learner, packID: pack.id, mode: .exam).compactMap { record in
            guard record.status == .completed || record.status == .timedOut, !imported.contains(record.id),
                  let quiz = pack.quiz(record.quizID), quiz.mode == .exam,
                  let plan = try? QuizPlan(rebuilding: record, pack: pack, quiz: quiz)
            else { return nil }
            let result = QuizResult(
                pack: pack, quiz: quiz, plan: plan, responses: try store.responses(attemptID: record.id),
                startedAt: record.startedAt, endedAt: record.endedAt ?? record.startedAt, status: record.status)
            return FinishedExam(
                record: record, result: result, quiz: quiz, timeMultiplier: try store.timeMultiplier(attemptID: record.id))
        }
    }
}

/// An exam attempt that ran to the end, with its result.
struct FinishedExam {
    let record: AttemptRecord
    let result: QuizResult
    let quiz: Quiz
    /// The extended time the exam was taken with (1 for standard time).
    let timeMultiplier: Double
}
