import ArgumentParser
import AttestCore
import AttestStore
import Foundation

/// `stats PACK|QUIZ`: item analysis of a class's attempts, from the local store and/or exported files.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Item analysis of a quiz or pack: facility, discrimination, reliability, distractors and flags.",
        discussion: """
            Reads every learner's attempts in the local store plus any --from files (an attempt in both counts once). \
            One submitted attempt per learner is analysed (--pick). docs/instructor-guide.md explains each figure.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A pack id, a quiz id, or packId/quizId.", valueName: "pack-or-quiz"))
    var target: String

    @Option(name: .customLong("from"), parsing: .upToNextOption,
            help: ArgumentHelp("JSON Lines files from 'attempts export' (repeatable).", valueName: "file"))
    var from: [String] = []

    @Flag(name: .customLong("no-store"), help: "Use only the --from files, not the local store.")
    var noStore = false

    @Option(help: "Which attempt stands for a learner who sat the quiz more than once.")
    var pick: AttemptPick = .first

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Print one CSV row per question instead of a table.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("Choose one of --json and --csv.") }
        if noStore && from.isEmpty { throw ValidationError("--no-store needs at least one --from file.") }
    }

    func run() throws {
        let context = global.context()
        let (pack, quiz) = try resolve(context)
        var sittings: [AnalysisSitting] = []
        var seen: Set<String> = []
        func add(_ list: [AnalysisSitting]) {
            for item in list where item.attempt.packID == pack.id && seen.insert(item.attempt.id).inserted {
                sittings.append(item)
            }
        }
        if !noStore { add(try context.store().analysisSittings(packID: pack.id)) }
        var failed = false
        for file in from {
            do throws(InstructorFileError) {
                add(try AttemptsFile.read(path: file).map {
                    AnalysisSitting(AnalysisAttempt(attempt: $0.attempt, responses: $0.responses))
                })
            } catch {
                context.console.error(TerminalText.sanitize(error.errorDescription ?? ""))
                failed = true
            }
        }
        if failed { throw ExitCode(65) }
        let analysis = ItemAnalysis(pack: pack, quizID: quiz?.id, sittings: sittings, pick: pick)
        let view = StatsView(console: context.console, pack: pack, quiz: quiz, analysis: analysis)
        if json {
            context.console.line(try JSONOutput.string(encoding: StatsView.JSONReport(analysis)))
        } else if csv {
            context.console.write(view.csv())
        } else {
            view.render().forEach { context.console.line($0) }
        }
    }

    /// A pack id first, then a quiz (`quizId` or `packId/quizId`).
    func resolve(_ context: AppContext) throws -> (Pack, Quiz?) {
        if let pack = context.library.pack(target) { return (pack, nil) }
        if let (pack, quiz) = context.library.quiz(target) { return (pack, quiz) }
        let names = context.library.newestPacks.flatMap { pack in [pack.id] + pack.quizzes.map(\.id) }
        throw CommandFailure.unknown("pack or quiz", target, among: names, otherwise: "'attest packs' lists them.")
    }
}

extension AttemptPick: ExpressibleByArgument {}
