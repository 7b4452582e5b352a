import ArgumentParser
import AttestCore
import AttestScheduling
import Foundation

/// `plan PACK --by DATE`: a day-by-day review plan to the pack's credential exam within a daily time budget,
/// with the predicted readiness per skill on exam day and what the prediction assumes.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan daily practice to a pack's credential exam by a date, within minutes a day.",
        discussion: """
            Each day's questions are those that raise your predicted exam-day score the most for the minutes they \
            take (your measured answer times). The plan shows the predicted chance of a right answer per skill on \
            exam day, now and with the plan, and is kept so 'progress' shows the forecast. It never changes how \
            credentials are judged. See docs/scoring.md.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The pack whose credential exam you are preparing for.", valueName: "pack"))
    var pack: String

    @Option(help: ArgumentHelp("The exam date, YYYY-MM-DD (UTC).", valueName: "date"))
    var by: String

    @Option(name: .customLong("minutes-per-day"), help: "Minutes of practice a day (default 20).")
    var minutesPerDay = 20

    /// Days since 1970 of `by`, when it is a real date.
    private var examDay: Int64? {
        let parts = by.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let days = CivilDate.days(fromYear: year, month: month, day: day)
        let civil = CivilDate(Date(timeIntervalSince1970: Double(days) * FSRSScheduler.day))
        return civil.month == month && civil.day == day ? days : nil
    }

    func validate() throws {
        if examDay == nil { throw ValidationError("--by must be a date written YYYY-MM-DD, e.g. 2026-12-20.") }
        if !(5...600).contains(minutesPerDay) { throw ValidationError("--minutes-per-day must be between 5 and 600.") }
    }

    func run() throws {
        let context = global.context()
        guard let pack = context.library.pack(self.pack) else {
            let hint = Suggestion.closest(to: self.pack, in: context.library.newestPacks.map(\.id))
            throw ValidationError("No pack '\(self.pack)'." + (hint.map { " Did you mean '\($0)'?" } ?? " 'attest packs' lists them."))
        }
        let now = context.clock.now()
        let examDate = Date(timeIntervalSince1970: Double(examDay!) * FSRSScheduler.day)
        guard examDate > now else { throw PlanError.dateNotAhead(by) }
        guard let exam = StudyPlan.exam(of: pack) else { throw PlanError.noExam(pack.id) }
        let scheduling = LearnerScheduling(store: try context.store(), learner: context.learner)
        let scheduler = try scheduling.scheduler()
        let ledger = try scheduling.ledger(scheduler)
        let study = StudyPlan(pack: pack, exam: exam, ledger: ledger)
        let planner = ExamPlanner(scheduler: scheduler)
        let plan = planner.plan(
            study.items, states: ledger.items.mapValues(\.state), start: now, exam: examDate,
            secondsPerDay: Double(minutesPerDay) * 60)
        let fitted = try scheduling.fittedWeights() != nil
        PlanView(console: context.console, pack: pack, exam: exam).render(plan, study: study, by: by, minutesPerDay: minutesPerDay,
            fitted: fitted).forEach { context.console.line($0) }
        let forecast = StudyPlan.Forecast(examID: exam.id, by: by, minutesPerDay: minutesPerDay, score: plan.score, readiness: plan.readiness)
        try context.store().setSetting(
            StudyPlan.forecastKey(learner: context.learner, packID: pack.id),
            to: String(decoding: try JSONEncoder().encode(forecast), as: UTF8.self))
    }
}

/// Why a plan cannot be made.
enum PlanError: LocalizedError {
    case dateNotAhead(String)
    case noExam(String)

    var errorDescription: String? {
        switch self {
        case let .dateNotAhead(date):
            "\(date) is not after today (UTC): give the date of an exam still ahead."
        case let .noExam(pack):
            "Pack \(TerminalText.sanitize(pack)) has no exam quiz to plan for; 'practice \(TerminalText.sanitize(pack))' reviews what is due."
        }
    }
}
