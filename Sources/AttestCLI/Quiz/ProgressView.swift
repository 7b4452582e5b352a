import AttestCore
import Foundation

/// Draws competency estimates: one row per skill, weakest first, with a bar for the
/// estimate, the 90% interval, the evidence it rests on, the level and a trend sparkline.
struct ProgressView {
    let console: Console

    /// `vouched`: skills a valid credential vouches for above their level (see `CredentialShortfall`).
    func render(pack: Pack, report: CompetencyReport, attempts: Int, vouched: Set<String> = []) -> [String] {
        var lines = ["", console.styled(TerminalText.sanitize(pack.title, keepNewlines: false), .bold)
            + console.styled("  \(pack.id) · " + Plural.count(attempts, "attempt"), .dim)]
        let skills = ProgressView.weakestFirst(report.skills)
        let nameWidth = max(5, min(26, skills.map { DisplayWidth.of($0.name) }.max() ?? 0))
        let columns: [(String, Int)] = [("skill", nameWidth + 2), ("estimate", 19), ("90% interval", 16), ("evidence", 9), ("level", 12)]
        let header: String = "  " + columns.map { DisplayWidth.pad($0.0, to: $0.1) }.joined() + "trend"
        lines.append(console.styled(header, .dim))
        for skill in skills {
            let name = DisplayWidth.pad(
                DisplayWidth.truncate(TerminalText.sanitize(skill.name, keepNewlines: false), to: nameWidth), to: nameWidth)
            guard let estimate = skill.estimate, let lower = skill.lower, let upper = skill.upper, let level = skill.level
            else {
                lines.append("  \(name)  " + console.styled("not enough evidence yet", .dim)
                    + console.styled(" (evidence \(format(skill.evidence)) of \(format(3)) needed)", .dim))
                continue
            }
            let interval = "\(percent(estimate)) [\(percent(lower, .down))–\(percent(upper, .up))]"
            let practice = skill.includesPractice ? "*" : " "
            let bar: String = Bar.render(estimate, width: 16, style: ProgressView.style(of: level), console: console)
            let evidence: String = DisplayWidth.pad(format(skill.evidence) + practice, to: 9)
            let levelText: String = DisplayWidth.pad(styled(level), to: 11)
            let row: String = "  \(name)  \(bar) \(DisplayWidth.pad(interval, to: 15)) \(evidence)\(levelText) "
            lines.append(row + Bar.sparkline(skill.trend))
        }
        if let suggestion = ProgressView.worthSuggesting(report, vouched: vouched), let skill = pack.skill(suggestion.skillID) {
            var text = "Next: practise " + TerminalText.sanitize(skill.name, keepNewlines: false)
            if let quiz = suggestion.quizID { text += " — 'take \(quiz)'" }
            text += " or 'practice \(pack.id)/\(skill.id)'."
            lines.append(console.styled("  " + text, .cyan))
        }
        lines += ProgressView.legend(pack.levels).map { console.styled("  " + $0, .dim) }
        if skills.contains(where: { $0.includesPractice && $0.hasEnoughEvidence }) {
            lines.append(console.styled("  * includes practice answers; credentials count exams only (--exams-only).", .dim))
        }
        return lines
    }

    /// What the evidence figure and the levels mean, with this pack's thresholds.
    static func legend(_ levels: MasteryLevels) -> [String] {
        func pct(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
        return [
            "evidence: answers weighted by difficulty and age (3.0 needed for an estimate).",
            "level, by the interval's lower end: novice <\(pct(levels.developing)) ≤ developing <\(pct(levels.proficient)) "
                + "≤ proficient <\(pct(levels.expert)) ≤ expert. See docs/scoring.md.",
        ]
    }

    /// The report's suggestion, only when its skill has something to improve: a level below proficient
    /// or a latest attempt without full marks. After a perfect exam there is nothing to nag about, and a level
    /// below proficient does not count for a skill in `vouched` (a valid credential's exam decided it proficient:
    /// suggesting that exam again would only repeat it).
    static func worthSuggesting(_ report: CompetencyReport, vouched: Set<String> = []) -> PracticeSuggestion? {
        guard let suggestion = report.suggestion, let skill = report.skill(suggestion.skillID) else { return nil }
        let latestImperfect = skill.trend.last.map { $0 < 1 - 1e-9 } ?? true
        let belowProficient = !vouched.contains(suggestion.skillID) && (skill.level.map { $0 < .proficient } ?? false)
        return latestImperfect || belowProficient ? suggestion : nil
    }

    /// The colour of a level, used for its bar too: red and yellow below proficient, green from there.
    static func style(of level: MasteryLevel) -> Style {
        switch level {
        case .novice: .red
        case .developing: .yellow
        case .proficient, .expert: .green
        }
    }

    /// Lowest lower bound first; skills without enough evidence lead, since they need work most.
    static func weakestFirst(_ skills: [SkillEstimate]) -> [SkillEstimate] {
        skills.enumerated().sorted { a, b in
            let (x, y) = (a.element.lower ?? -1, b.element.lower ?? -1)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    static func json(pack: Pack, report: CompetencyReport, attempts: Int, vouched: Set<String> = []) -> [String: Any] {
        var object: [String: Any] = [
            "packId": pack.id, "packVersion": pack.version.description, "attempts": attempts,
            "skills": weakestFirst(report.skills).map { skill -> [String: Any] in
                var entry: [String: Any] = [
                    "id": skill.skillID, "name": skill.name, "evidence": skill.evidence,
                    "includesPractice": skill.includesPractice, "trend": skill.trend,
                    "enoughEvidence": skill.hasEnoughEvidence,
                ]
                if let estimate = skill.estimate { entry["estimate"] = estimate }
                if let lower = skill.lower { entry["lower"] = lower }
                if let upper = skill.upper { entry["upper"] = upper }
                if let level = skill.level { entry["level"] = level.rawValue }
                return entry
            },
        ]
        if let suggestion = worthSuggesting(report, vouched: vouched) {
            object["suggestion"] = ["skillId": suggestion.skillID, "quizId": suggestion.quizID as Any]
        }
        return object
    }

    private func styled(_ level: MasteryLevel) -> String {
        level == .expert ? console.styled(level.rawValue, .bold, .green) : console.styled(level.rawValue, ProgressView.style(of: level))
    }

    /// The lower bound is rounded down and the upper up, so a shown "70%" lower bound really reaches 0.70.
    private func percent(_ value: Double, _ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> String {
        "\(Int((value * 100).rounded(rule)))%"
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
