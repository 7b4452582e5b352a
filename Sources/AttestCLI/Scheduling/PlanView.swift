import AttestCore
import AttestScheduling
import Foundation

/// The text of `attest plan`: the days, the forecast and the assumptions.
struct PlanView {
    let console: Console
    let pack: Pack
    let exam: Quiz

    func render(_ plan: ExamPlanner.Plan, study: StudyPlan, by: String, minutesPerDay: Int, fitted: Bool) -> [String] {
        let name = { (skill: String) in TerminalText.sanitize(pack.skill(skill)?.name ?? skill) }
        var lines = [
            console.styled("Plan to \(TerminalText.sanitize(exam.title)) on \(by)", .bold)
                + " · \(minutesPerDay) min a day · \(plan.days.count) session\(plan.days.count == 1 ? "" : "s")",
            "",
            "  day         min  questions  new  skills",
        ]
        let items = Dictionary(study.items.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
        for day in plan.days {
            var perSkill: [String: Int] = [:]
            for item in day.reviews { for skill in items[item]?.skills ?? [] { perSkill[skill, default: 0] += 1 } }
            let skills = perSkill.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\(name($0.key)) \($0.value)" }.joined(separator: ", ")
            lines.append("  " + DateText.day(day.date) + pad(String(Int((day.seconds / 60).rounded())), 5) + pad(String(day.reviews.count), 11)
                + pad(String(day.new), 5) + "  " + (day.reviews.isEmpty ? "rest: nothing gains enough today" : skills))
        }
        lines += ["", "  Predicted chance of a right answer on exam day (now → with the plan):"]
        let skills = plan.readiness.keys.sorted { (plan.readiness[$0] ?? 0, $0) < (plan.readiness[$1] ?? 0, $1) }
        let width = max(10, skills.map { DisplayWidth.of(name($0)) }.max() ?? 0)
        for skill in skills {
            lines.append("    " + name(skill) + String(repeating: " ", count: width - DisplayWidth.of(name(skill)))
                + "  " + percent(plan.readinessNow[skill] ?? 0) + " → " + percent(plan.readiness[skill] ?? 0))
        }
        lines.append("    " + "Exam score".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + percent(plan.scoreNow) + " → "
            + console.styled(percent(plan.score), .bold) + "   (pass mark \(percent(exam.passThreshold)))")
        let timing = study.timedCount == 0
            ? "\(Int(StudyPlan.untimedSeconds)) s a question (you have not answered any of these yet)"
            : "your measured answer times, at least \(Int(StudyPlan.minimumSeconds)) s each (mean \(Int(study.meanSeconds.rounded())) s over \(study.timedCount) question\(study.timedCount == 1 ? "" : "s"); that mean for the others)"
        lines += [
            "",
            "  Assumes: one session a day at this time of day, up to the exam; \(timing); a question never answered is right "
                + "25 % of the time; your memory follows the FSRS model (\(fitted ? "fitted to your answers" : "default weights")); "
                + "the exam draws evenly from its pools. Each session's questions are the plan's best guess: 'practice \(TerminalText.sanitize(pack.id))' "
                + "asks what is due first.",
        ]
        return lines
    }

    private func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded())) %"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(1, width - text.count)) + text
    }
}
