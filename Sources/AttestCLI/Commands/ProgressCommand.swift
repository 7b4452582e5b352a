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
            (90-day half-life); the level is read from the interval's lower end. Credentials are decided by \
            exams: an exam's decision rule settles each skill with known error rates, and a credential that asks \
            for skill levels judges them on exam answers only (90-day half-life), on the lower end. Under each \
            pack, progress lists the credentials you hold from it (valid, expired or revoked) and how each was \
            decided, and says so when a skill's level reads below what a valid one vouches for. \
            See docs/scoring.md.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Only this pack.", valueName: "pack"))
    var pack: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(name: .customLong("exams-only"), help: "Count exam answers only (what credentials' skill levels are judged on).")
    var examsOnly = false

    @Option(name: .customLong("half-life"), help: "Days after which an answer counts half as much (credentials' skill levels always use 90).")
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
        let awards = Dictionary(grouping: try store.credentials(learner: context.learner), by: \.packID)
        var reports: [(Pack, CompetencyReport, Int)] = []
        for pack in packs {
            // Summed in SQL per skill from the totals each attempt filed when it ended: fast with a million answers.
            let evidence = LearnerEvidence(pack: pack, store: store, learner: context.learner)
            let attempts = try evidence.attemptCount(examsOnly: examsOnly)
            guard pack.id == self.pack || attempts > 0 else { continue }
            reports.append((pack, try evidence.report(estimator, now: now), attempts))
        }
        if json {
            let issuers = try CredentialIssuers(store: store, learner: context.learner)
            let objects = try reports.map { pack, report, attempts in
                try ProgressView.json(
                    pack: pack, report: report, attempts: attempts,
                    vouched: Self.vouched(pack: pack, awards: awards[pack.id] ?? [], report: report, now: now)
                ).merging(
                    HeldCredentialsView.json(
                        pack: pack, awards: awards[pack.id] ?? [], issuers: issuers, report: report, now: now)
                ) { old, _ in old }
            }
            context.console.line(try JSONOutput.string(objects))
            return
        }
        guard !reports.isEmpty else {
            context.console.line("No attempts recorded for \(TerminalText.quoted(context.learner)) yet. "
                + "Start with 'practice PACK' or 'take QUIZ'; 'packs' lists them.")
            return
        }
        let view = ProgressView(console: context.console)
        let credentials = HeldCredentialsView(console: context.console, now: now)
        for (pack, report, attempts) in reports {
            let vouched = Self.vouched(pack: pack, awards: awards[pack.id] ?? [], report: report, now: now)
            view.render(pack: pack, report: report, attempts: attempts, vouched: vouched).forEach { context.console.line($0) }
            credentials.render(pack: pack, awards: awards[pack.id] ?? [], report: report).forEach { context.console.line($0) }
            try ProgressForecast(context: context).lines(for: pack).forEach { context.console.line($0) }
        }
    }

    /// The skills a valid credential from `awards` vouches for above their level in `report`.
    static func vouched(pack: Pack, awards: [CredentialAward], report: CompetencyReport, now: Date) -> Set<String> {
        Set(CredentialShortfall.find(awards: awards, pack: pack, report: report, at: now).map(\.skillID))
    }
}
