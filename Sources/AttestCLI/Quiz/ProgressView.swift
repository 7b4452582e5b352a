import AttestCore
import Foundation

/// Draws competency estimates: one row per skill, weakest first, with a bar for the
/// estimate, the 90% interval, the evidence it rests on, the level and a trend sparkline.
struct ProgressView {
    let console: Console

    func render(pack: Pack, report: CompetencyReport, attempts: Int) -> [String] {
        var lines = ["", console.styled(TerminalText.sanitize(pack.title, keepNewlines: false), .bold)
            + console.styled("  \(pack.id) · \(attempts) attempt\(attempts == 1 ? "" : "s")", .dim)]
        let skills = ProgressView.weakestFirst(report.skills)
        let nameWidth = min(26, skills.map { DisplayWidth.of($0.name) }.max() ?? 0)
        for skill in skills {
            let name = DisplayWidth.pad(
                DisplayWidth.truncate(TerminalText.sanitize(skill.name, keepNewlines: false), to: nameWidth), to: nameWidth)
            guard let estimate = skill.estimate, let lower = skill.lower, let upper = skill.upper, let level = skill.level
            else {
                lines.append("  \(name)  " + console.styled("not enough evidence yet", .dim)
                    + console.styled(" (\(format(skill.evidence)) of \(format(3)) needed)", .dim))
                continue
            }
            let interval = "\(percent(estimate)) [\(percent(lower, .down))–\(percent(upper, .up))]"
            let practice = skill.includesPractice ? "*" : " "
            lines.append("  \(name)  " + Bar.render(estimate, width: 16, console: console) + " "
                + DisplayWidth.pad(interval, to: 15) + " n=" + DisplayWidth.pad(format(skill.evidence) + practice, to: 6)
                + DisplayWidth.pad(styled(level), to: 11) + " " + Bar.sparkline(skill.trend))
        }
        if let suggestion = report.suggestion, let skill = pack.skill(suggestion.skillID) {
            var text = "Next: practise " + TerminalText.sanitize(skill.name, keepNewlines: false)
            if let quiz = suggestion.quizID { text += " — 'take \(quiz)'" }
            text += " or 'practice \(pack.id)/\(skill.id)'."
            lines.append(console.styled("  " + text, .cyan))
        }
        if skills.contains(where: \.includesPractice) {
            lines.append(console.styled("  * includes practice answers; credentials count exams only.", .dim))
        }
        return lines
    }

    /// Lowest lower bound first; skills without enough evidence lead, since they need work most.
    static func weakestFirst(_ skills: [SkillEstimate]) -> [SkillEstimate] {
        skills.enumerated().sorted { a, b in
            let (x, y) = (a.element.lower ?? -1, b.element.lower ?? -1)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    static func json(pack: Pack, report: CompetencyReport, attempts: Int) -> [String: Any] {
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
        if let suggestion = report.suggestion {
            object["suggestion"] = ["skillId": suggestion.skillID, "quizId": suggestion.quizID as Any]
        }
        return object
    }

    private func styled(_ level: MasteryLevel) -> String {
        switch level {
        case .novice: console.styled("novice", .red)
        case .developing: console.styled("developing", .yellow)
        case .proficient: console.styled("proficient", .green)
        case .expert: console.styled("expert", .bold, .green)
        }
    }

    /// The lower bound is rounded down and the upper up, so a shown "70%" lower bound really reaches 0.70.
    private func percent(_ value: Double, _ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> String {
        "\(Int((value * 100).rounded(rule)))%"
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
