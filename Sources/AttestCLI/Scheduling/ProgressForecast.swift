import AttestCore
import AttestScheduling
import Foundation

/// The lines `progress` adds under a pack: questions due today and, while a plan exists, its forecast.
/// Computed only when `progress` runs: a count over the store's memory cache.
struct ProgressForecast {
    let context: AppContext

    func lines(for pack: Pack) throws -> [String] {
        let store = try context.store()
        let scheduling = LearnerScheduling(store: store, learner: context.learner)
        let now = context.clock.now()
        let endOfDay = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / FSRSScheduler.day).rounded(.down) * FSRSScheduler.day + FSRSScheduler.day)
        let due = try store.memoryDueCount(
            learner: context.learner, packID: pack.id, at: endOfDay, scheduler: try scheduling.scheduler(), keying: LearnerScheduling.keying)
        var lines = ["  Due today: \(due)" + (due > 0 ? " — 'practice \(TerminalText.sanitize(pack.id))' asks them first." : ".")]
        if let text = try store.setting(StudyPlan.forecastKey(learner: context.learner, packID: pack.id)),
           let forecast = try? JSONDecoder().decode(StudyPlan.Forecast.self, from: Data(text.utf8)),
           forecast.by >= DateText.day(now) {
            let skills = forecast.readiness.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { skill, value in
                "\(TerminalText.sanitize(pack.skill(skill)?.name ?? skill)) \(Int((value * 100).rounded())) %"
            }
            lines.append("  Plan to \(TerminalText.sanitize(forecast.examID)) on \(TerminalText.sanitize(forecast.by)) (\(forecast.minutesPerDay) min a day): "
                + "predicted exam score \(Int((forecast.score * 100).rounded())) %; " + skills.joined(separator: ", ") + ".")
        }
        return lines
    }
}
