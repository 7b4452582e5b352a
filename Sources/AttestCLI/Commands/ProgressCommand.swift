import ArgumentParser
import AttestCore
import AttestStore
import Foundation

/// `progress [PACK]`: competency per skill with its uncertainty, evidence, level and trend.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show competency per skill: estimate, 90% interval, evidence, level and trend.",
        discussion: """
            Estimates count exams and practice (practice is marked *), recent answers more than old ones \
            (90-day half-life). Credentials count exams only and are judged on the interval's lower bound. \
            See docs/scoring.md.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Only this pack.", valueName: "pack"))
    var pack: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(name: .customLong("exams-only"), help: "Count exam answers only (what credentials are judged on).")
    var examsOnly = false

    @Option(name: .customLong("half-life"), help: "Days after which an answer counts half as much (credentials always use 90).")
    var halfLife: Double = 90

    func validate() throws {
        if !(halfLife > 0 && halfLife.isFinite) { throw ValidationError("--half-life must be a positive number of days.") }
    }

    func run() throws {
        let context = global.context()
        let store = try context.store()
        let packs: [Pack]
        if let id = pack {
            guard let found = context.library.pack(id) else {
                throw CommandFailure.unknown("pack", id, among: context.library.newestPacks.map(\.id), otherwise: "'attest packs' lists them.")
            }
            packs = [found]
        } else {
            packs = context.library.newestPacks
        }
        let estimator = CompetencyEstimator(halfLifeDays: halfLife, includePractice: !examsOnly)
        let now = context.clock.now()
        var reports: [(Pack, CompetencyReport, Int)] = []
        for pack in packs {
            // Summed in SQL per skill from the totals each attempt filed when it ended: fast with a million answers.
            let evidence = LearnerEvidence(pack: pack, store: store, learner: context.learner)
            let attempts = try evidence.attemptCount(examsOnly: examsOnly)
            guard pack.id == self.pack || attempts > 0 else { continue }
            reports.append((pack, try evidence.report(estimator, now: now), attempts))
        }
        if json {
            context.console.line(try JSONOutput.string(reports.map { ProgressView.json(pack: $0.0, report: $0.1, attempts: $0.2) }))
            return
        }
        guard !reports.isEmpty else {
            context.console.line("No attempts recorded for \(TerminalText.quoted(context.learner)) yet. "
                + "Start with 'practice PACK' or 'take QUIZ'; 'packs' lists them.")
            return
        }
        let view = ProgressView(console: context.console)
        for (pack, report, attempts) in reports {
            view.render(pack: pack, report: report, attempts: attempts).forEach { context.console.line($0) }
            try ProgressForecast(context: context).lines(for: pack).forEach { context.console.line($0) }
        }
    }
}
