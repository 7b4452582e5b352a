import AttestCore
import AttestScheduling
import Foundation

/// `practice --optimize`: fits the learner's FSRS weights to their own answers and keeps them only when they
/// predict the newest fifth of those answers better than the defaults; otherwise the defaults are used.
struct PracticeOptimization {
    let context: AppContext

    func run() throws {
        let scheduling = LearnerScheduling(store: try context.store(), learner: context.learner)
        let answers = try context.store().journalAnswers(learner: context.learner)
        guard answers.count >= FSRSOptimizer.minimumReviews else {
            throw PracticeOptimizationError.tooFewReviews(answers.count)
        }
        let reviews = answers.map { answer in
            TimedReview(
                key: answer.packID + "/" + LearnerScheduling.keying.key(answer.packID, answer.questionID),
                grade: answer.grade, date: answer.answeredAt)
        }
        let report = FSRSOptimizer().fit(reviews)
        let before = String(format: "%.4f", report.heldOutLossBefore), after = String(format: "%.4f", report.heldOutLossAfter)
        context.console.line(
            "Fitted on \(report.trainingReviews) answers; judged on the newest \(report.heldOutReviews) (a day or more after the one before).")
        try scheduling.setFittedWeights(report.improved ? report.parameters : nil)
        if report.improved {
            context.console.line("Log-loss on the held-out answers: \(before) with the default model, \(after) with yours (lower is better). Your model is now used.")
        } else {
            context.console.line("Log-loss on the held-out answers: \(before) with the default model; fitting did not improve it, "
                + "so the default model is used.")
        }
    }
}

/// Why fitting could not run.
enum PracticeOptimizationError: LocalizedError {
    case tooFewReviews(Int)

    var errorDescription: String? {
        switch self {
        case let .tooFewReviews(count):
            "Fitting needs at least \(FSRSOptimizer.minimumReviews) answers and you have \(count): keep practising; the default model serves until then."
        }
    }
}
