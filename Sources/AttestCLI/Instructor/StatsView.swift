import AttestCore
import Foundation

/// Renders an `ItemAnalysis` as a table with flags and distractors, as CSV, or as JSON.
///
/// Figures the analysis left nil are never shown as numbers: the table says "few" (too few
/// attempts for that figure) or "n/a" (not defined, e.g. everyone scored the same).
struct StatsView {
    let console: Console
    let pack: Pack
    let quiz: Quiz?
    let analysis: ItemAnalysis

    /// The `--json` document.
    struct JSONReport: Encodable {
        var packID: String
        var quizID: String?
        var pick: AttemptPick
        var test: TestStatistics
        var questions: [QuestionStatistics]

        init(_ analysis: ItemAnalysis) {
            packID = analysis.packID
            quizID = analysis.quizID
            pick = analysis.pick
            test = analysis.test
            questions = analysis.questions
        }
    }

    func render() -> [String] {
        let subject = quiz.map { "quiz \(console.safe($0.title, .bold)) (\($0.id)) of \(console.safe(pack.title))" }
            ?? "every quiz of \(console.safe(pack.title, .bold)) (\(pack.id))"
        var lines = ["Item analysis of \(subject), \(pickText) per learner."]
        let test = analysis.test
        guard test.attempts > 0 else {
            lines.append("No submitted attempts yet. Collect a class's results with 'attest attempts import FILE...', "
                + "or pass --from FILE.")
            return lines
        }
        lines.append("Attempts analysed: \(test.attempts) (of \(test.submittedAttempts) submitted).")
        lines.append("")
        lines.append(console.styled("Test", .bold))
        lines += testLines(test)
        lines.append("")
        lines += questionTable()
        let flagged = analysis.questions.filter { !$0.flags.isEmpty }
        if !flagged.isEmpty {
            lines.append("")
            lines.append(console.styled("Flags", .bold))
            for stat in flagged {
                for flag in stat.flags {
                    lines.append("  " + console.styled("!", .yellow, .bold) + " " + console.safe(stat.questionID, .bold) + ": "
                        + console.safe(flag.message))
                }
            }
        }
        let choice = analysis.questions.filter { !$0.options.isEmpty }
        if !choice.isEmpty {
            lines.append("")
            lines.append(console.styled("Distractors", .bold) + " (share choosing each option, in pack order; * marks the key)")
            for stat in choice { lines += distractorLines(stat) }
        }
        return lines
    }

    private var pickText: String {
        switch analysis.pick {
        case .first: "first attempt"
        case .last: "last attempt"
        case .best: "best attempt"
        }
    }

    private func testLines(_ test: TestStatistics) -> [String] {
        let n = test.attempts
        func few(_ minimum: Int) -> String { "too few attempts (needs \(minimum))" }
        func spread(_ value: Double?, minimum: Int, format: (Double) -> String) -> String {
            if let value { return format(value) }
            return n < minimum ? few(minimum) : "n/a: every attempt scored the same"
        }
        var alphaReason: String {
            if !test.sameQuestions { return "n/a: attempts drew different questions" }
            if analysis.questions.count < ItemAnalysisMinimum.alphaQuestions { return "n/a: needs at least 2 questions" }
            if n < ItemAnalysisMinimum.standardDeviation { return few(ItemAnalysisMinimum.standardDeviation) }
            return "n/a: every attempt scored the same"
        }
        let rows: [(String, String)] = [
            ("Mean", test.mean.map(percentText) ?? few(1)),
            ("Median", test.median.map(percentText) ?? few(1)),
            ("Standard deviation", spread(test.standardDeviation, minimum: ItemAnalysisMinimum.standardDeviation, format: percentText)),
            ("Skewness", spread(test.skewness, minimum: ItemAnalysisMinimum.skewness, format: decimal)),
            ("Kurtosis", spread(test.kurtosis, minimum: ItemAnalysisMinimum.kurtosis, format: decimal)),
            ("Alpha (internal consistency)", test.alpha.map { percentText($0 * 100) } ?? alphaReason),
            ("Error ratio", test.errorRatio.map { percentText($0 * 100) } ?? alphaReason),
            ("Standard error", test.standardError.map(percentText) ?? alphaReason),
        ]
        return rows.map { "  " + DisplayWidth.pad($0.0, to: 30) + $0.1 }
    }

    private func questionTable() -> [String] {
        let longest = analysis.questions.map { DisplayWidth.of(TerminalText.sanitize($0.questionID, keepNewlines: false)) }.max() ?? 0
        let idWidth = min(24, max(10, longest + 2))
        let headers = ["N", "Facil", "SD", "Guess", "IntW", "EffW", "Discr", "Effic"]
        var lines = [console.styled(DisplayWidth.pad("Question", to: idWidth) + headers.map { pad($0, 7) }.joined(), .bold)]
        for stat in analysis.questions {
            let n = stat.attempts
            func cell(_ value: Double?, minimum: Int) -> String {
                if let value { return String(format: "%.1f", value * 100) }
                return n < minimum ? "few" : "n/a"
            }
            let cells = [
                String(n),
                cell(stat.facility, minimum: ItemAnalysisMinimum.mean),
                cell(stat.standardDeviation, minimum: ItemAnalysisMinimum.standardDeviation),
                cell(stat.randomGuessScore, minimum: 0),
                cell(stat.intendedWeight, minimum: ItemAnalysisMinimum.mean),
                cell(stat.effectiveWeight, minimum: ItemAnalysisMinimum.standardDeviation),
                cell(stat.discrimination, minimum: ItemAnalysisMinimum.discrimination),
                cell(stat.discriminativeEfficiency, minimum: ItemAnalysisMinimum.discrimination),
            ]
            let id = DisplayWidth.truncate(TerminalText.sanitize(stat.questionID, keepNewlines: false), to: idWidth - 1)
            let marker = stat.flags.isEmpty ? "" : console.styled(" !", .yellow, .bold)
            lines.append(DisplayWidth.pad(id, to: idWidth) + cells.map { pad($0, 7) }.joined() + marker)
        }
        lines.append(console.styled(
            "Figures except N are percentages. few: too few attempts (SD and effective weight need "
                + "\(ItemAnalysisMinimum.standardDeviation), discrimination and efficiency \(ItemAnalysisMinimum.discrimination)); "
                + "n/a: not defined (no spread in scores, or a negative covariance with the total).", .dim))
        return lines
    }

    private func distractorLines(_ stat: QuestionStatistics) -> [String] {
        var lines = ["  " + console.safe(stat.questionID, .bold) + " (\(stat.type), \(stat.attempts) attempts)"]
        lines.append(console.styled(
            "         " + DisplayWidth.pad("option", to: 32) + pad("chosen", 7) + pad("top ⅓", 8) + pad("bottom ⅓", 10), .dim))
        for option in stat.options {
            let key = option.correct ? "*" : " "
            let text = DisplayWidth.truncate(TerminalText.sanitize(option.text, keepNewlines: false), to: 30)
            let top = option.topThird.map { String(format: "%.0f%%", $0 * 100) } ?? "few"
            let bottom = option.bottomThird.map { String(format: "%.0f%%", $0 * 100) } ?? "few"
            lines.append("    \(pad(String(option.index + 1), 2)) \(key) " + DisplayWidth.pad(text, to: 32)
                + pad(String(format: "%.0f%%", option.fraction * 100), 7) + pad(top, 8) + pad(bottom, 10))
        }
        return lines
    }

    /// One row per question; fractions as plain numbers, empty cells for figures that are not available.
    func csv() -> String {
        let header = [
            "question", "type", "attempts", "facility", "standard_deviation", "random_guess_score", "intended_weight",
            "effective_weight", "discrimination", "discriminative_efficiency", "median_seconds", "flags",
        ]
        var rows = [header.joined(separator: ",")]
        for stat in analysis.questions {
            let numbers = [
                stat.facility, stat.standardDeviation, stat.randomGuessScore, stat.intendedWeight, stat.effectiveWeight,
                stat.discrimination, stat.discriminativeEfficiency, stat.medianDuration,
            ].map { $0.map { String($0) } ?? "" }
            let fields = [stat.questionID, stat.type, String(stat.attempts)] + numbers
                + [stat.flags.map(\.kind.rawValue).joined(separator: ";")]
            rows.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when needed and made safe for a terminal.
    static func csvField(_ text: String) -> String {
        let safe = TerminalText.sanitize(text, keepNewlines: false)
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func percentText(_ value: Double) -> String { String(format: "%.1f%%", value) }
    private func decimal(_ value: Double) -> String { String(format: "%.2f", value) }
    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }
}
