import ArgumentParser
import AttestCore
import Foundation

/// `pack stats PATH|ID`: what a pack covers and where it is thin.
struct PackStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Questions per skill, type and difficulty; estimated time; coverage gaps."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A pack file or the id of an available pack.", valueName: "pack"))
    var pack: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let context = global.context()
        let pack = try PackArgument(context: context).load(self.pack)
        let stats = PackStatistics(pack: pack)
        let console = context.console
        if json {
            func counts(_ list: [PackStatistics.Count]) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0.count) })
            }
            console.line(try JSONOutput.string([
                "packId": pack.id, "version": pack.version.description, "questions": stats.questionCount,
                "perSkill": counts(stats.questionsPerSkill), "perType": counts(stats.questionsPerType),
                "perDifficulty": counts(stats.questionsPerDifficulty), "estimatedSeconds": stats.estimatedSeconds,
                "quizzes": pack.quizzes.map { ["id": $0.id, "estimatedSeconds": PackStatistics.estimatedSeconds(for: $0, in: pack)] },
                "gaps": [
                    "skillsWithFewQuestions": stats.skillsWithFewQuestions, "unusedTypes": stats.unusedTypes,
                    "skillsNoQuizDraws": stats.skillsNoQuizDraws, "skillsWithoutHardQuestions": stats.skillsWithoutHardQuestions,
                ],
            ] as [String: Any]))
            return
        }
        console.line(console.styled(TerminalText.sanitize(pack.title, keepNewlines: false), .bold)
            + " \(pack.id) \(pack.version) — \(stats.questionCount) questions, about "
            + DurationText.minutes(stats.estimatedSeconds) + " to answer them all")
        table("Per skill", stats.questionsPerSkill.map { ($0.name, pack.skill($0.name)?.name ?? $0.name, $0.count) }, console)
        table("Per type", stats.questionsPerType.map { ($0.name, "", $0.count) }, console)
        table("Per difficulty", stats.questionsPerDifficulty.map { ($0.name, "", $0.count) }, console)
        console.line(console.styled("Quizzes", .bold))
        for quiz in pack.quizzes {
            console.line("  \(quiz.id)  \(quiz.mode.rawValue), about "
                + DurationText.minutes(PackStatistics.estimatedSeconds(for: quiz, in: pack)))
        }
        let gaps: [(String, [String])] = [
            ("skills with fewer than \(PackStatistics.minimumQuestionsPerSkill) questions", stats.skillsWithFewQuestions),
            ("question types not used", stats.unusedTypes), ("skills no quiz draws from", stats.skillsNoQuizDraws),
            ("skills without a hard question", stats.skillsWithoutHardQuestions),
        ]
        let found = gaps.filter { !$0.1.isEmpty }
        console.line(console.styled("Coverage gaps", .bold) + (found.isEmpty ? ": none" : ""))
        for (what, items) in found {
            console.line("  " + console.styled(what, .yellow) + ": " + console.safe(items.joined(separator: ", ")))
        }
    }

    private func table(_ title: String, _ rows: [(String, String, Int)], _ console: Console) {
        console.line(console.styled(title, .bold))
        let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        let most = max(1, rows.map(\.2).max() ?? 1)
        for (name, detail, count) in rows {
            let bar = String(repeating: "█", count: max(count > 0 ? 1 : 0, count * 24 / most))
            console.line("  " + DisplayWidth.pad(console.safe(name), to: width) + "  " + String(count).leftPadded(to: 4)
                + "  " + console.styled(bar, .cyan) + (detail.isEmpty || detail == name ? "" : "  " + console.safe(detail)))
        }
    }
}
