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
        let pools = ExamPoolReport(pack: pack).rows
        let coverage = pack.blueprint?.coverage(in: pack) ?? []
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
                "examPools": pools.map { row -> [String: Any] in
                    [
                        "quizId": row.quizID, "skill": row.skillID, "countsForCredential": row.countsForCredential,
                        "examPool": row.examPool, "examDraw": row.examDraw, "practicePool": row.practicePool,
                        "overlap": row.overlap.count, "sittingShare": (row.sittingShare * 1000).rounded() / 1000,
                    ]
                },
                "blueprint": coverage.map { domain -> [String: Any] in
                    [
                        "domain": domain.domainID, "weightShare": (domain.weightShare * 1000).rounded() / 1000,
                        "questions": domain.questions, "questionShare": (domain.questionShare * 1000).rounded() / 1000,
                        "under": domain.isUnder,
                    ]
                },
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
        if !pools.isEmpty {
            console.line(console.styled("Exam pools", .bold) + " (per skill: pool, draw, practice pool, overlap, share one sitting sees)")
            for row in pools {
                let line = "  \(row.quizID) / \(row.skillID): \(row.examPool), \(CorrectAnswer.format(row.examDraw)), "
                    + "\(row.practicePool), \(row.overlap.count), \(Int((row.sittingShare * 100).rounded())) %"
                console.line(console.safe(line) + (row.countsForCredential && !row.overlap.isEmpty ? console.styled("  practice shows exam questions", .red) : ""))
            }
        }
        if !coverage.isEmpty {
            console.line(console.styled("Blueprint", .bold) + " (share of questions against weight)")
            for domain in coverage {
                let line = "  \(domain.domainID): \(domain.questions) questions, \(Int((domain.questionShare * 100).rounded())) % "
                    + "against \(Int((domain.weightShare * 100).rounded())) %"
                console.line(console.safe(line) + (domain.isUnder ? console.styled("  under-covered", .yellow) : ""))
            }
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
