import AttestCore
import AttestScheduling
import Foundation

/// Practice chosen by the learner's memory: due questions first, then new ones of the weakest skills
/// (`practice PACK`), only due ones (`--due`), or the likeliest forgotten (`--cram`).
struct ScheduledPractice {
    let context: AppContext
    let mode: ReviewPicker.Mode

    /// The quiz to run, or nil when nothing fits (the reason is printed).
    func quiz(pack: Pack, skill: String?, count: Int) throws -> Quiz? {
        let scheduling = LearnerScheduling(store: try context.store(), learner: context.learner)
        let scheduler = try scheduling.scheduler()
        let ledger = try scheduling.ledger(scheduler)
        let now = context.clock.now()
        let report = try LearnerEvidence(pack: pack, store: try context.store(), learner: context.learner)
            .report(CompetencyEstimator(), now: now)
        var strength: [String: Double] = [:]
        for estimate in report.skills { strength[estimate.skillID] = estimate.estimate }
        let ids = ReviewPicker(scheduler: scheduler, ledger: ledger).pick(
            LearnerScheduling.candidates(pack, skill: skill), mode: mode, count: count, now: now, skillStrength: strength)
        let scope = TerminalText.sanitize(skill.map { "\(pack.id)/\($0)" } ?? pack.id)
        guard !ids.isEmpty else {
            let next = ledger.nextDue(packID: pack.id, after: now).map { " Next review: \(Self.when($0, now: now))." } ?? ""
            switch mode {
            case .due:
                context.console.line("Nothing is due in \(scope).\(next) 'practice --cram \(scope)' reviews what you are likeliest to have forgotten.")
            case .cram:
                context.console.line("Nothing to cram in \(scope) yet: answer some of its questions first ('practice \(scope)').")
            case .scheduled:
                context.console.line("Nothing is due in \(scope) and you have answered every question.\(next) "
                    + "'practice --cram \(scope)' reviews anyway; '--random' draws at random.")
            }
            return nil
        }
        let due = ledger.due(packID: pack.id, at: now).count
        let title: String
        switch mode {
        case .due: title = "Due reviews"
        case .cram: title = "Cram"
        case .scheduled: title = "Practice"
        }
        return Quiz(
            id: Quiz.practicePrefix + "\(mode)", title: "\(title): \(skill.flatMap { pack.skill($0)?.name } ?? pack.title)",
            description: due == 0 ? "" : "\(due) due", mode: .practice,
            sections: [QuizSection(pool: .questions(ids))], shuffleQuestions: false, allowBack: true)
    }

    /// The line that ends a session: when the next review of the pack is due and how many are due now.
    func nextReviewLine(pack: Pack) throws -> String {
        let scheduling = LearnerScheduling(store: try context.store(), learner: context.learner)
        let ledger = try scheduling.ledger(try scheduling.scheduler())
        let now = context.clock.now()
        let due = ledger.due(packID: pack.id, at: now).count
        let next = ledger.nextDue(packID: pack.id, after: now).map { "next review due \(Self.when($0, now: now))" }
        if due > 0 { return "\(due) question\(due == 1 ? "" : "s") due now" + (next.map { "; " + $0 } ?? "") + "." }
        return next.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." } ?? "Nothing scheduled yet."
    }

    /// `2026-12-08 14:02 UTC (in 3 days)`.
    static func when(_ date: Date, now: Date) -> String {
        let seconds = date.timeIntervalSince(now)
        let span: String
        if seconds < 3_600 {
            span = "\(max(1, Int((seconds / 60).rounded(.up)))) min"
        } else if seconds < 86_400 {
            span = "\(Int((seconds / 3_600).rounded())) h"
        } else {
            let days = Int((seconds / 86_400).rounded())
            span = "\(days) day\(days == 1 ? "" : "s")"
        }
        return DateText.minute(date) + " (in \(span))"
    }
}
