import AttestCore
import Foundation

/// The credentials a learner holds from one pack, drawn under that pack's `progress` table: each with its status
/// and how it was decided (its criteria, its exam and the decision rule's verdict per skill), and, once, why a
/// skill's level may read lower than a credential vouches for. Without it `progress` would say "developing" under
/// a credential just earned for the same skill, two verdicts with no word on why they differ.
struct HeldCredentialsView {
    let console: Console
    let now: Date

    /// The lines for `awards` (this pack's, newest first) over `report`; none when the learner holds none.
    func render(pack: Pack, awards: [CredentialAward], report: CompetencyReport) -> [String] {
        guard !awards.isEmpty else { return [] }
        var lines = [console.styled("  Credentials from this pack", .bold)]
        for award in awards {
            lines.append("    " + console.safe(award.name, .bold) + "  " + status(award)
                + console.styled(" · earned " + DateText.day(award.awardedAt), .dim))
            lines.append(console.styled("      criteria: ", .dim) + console.safe(award.criteria))
            for attempt in award.evidence.attempts { lines += decided(attempt) }
            if !award.evidence.prerequisites.isEmpty {
                lines.append(console.styled("      held: ", .dim) + console.safe(award.evidence.prerequisites.joined(separator: ", ")))
            }
        }
        return lines + explanation(pack: pack, awards: awards, report: report)
    }

    /// Only the lines saying which skills read below what a valid credential of `awards` vouches for, and why:
    /// what the competency shown after an exam needs, above the credential it has just earned.
    func explanation(pack: Pack, awards: [CredentialAward], report: CompetencyReport) -> [String] {
        explain(CredentialShortfall.find(awards: awards, pack: pack, report: report, at: now))
    }

    /// This pack's credentials for `progress --json`: every field of the award (as `creds list --json` gives it)
    /// with its status, and the skills whose level is below what a valid one vouches for.
    static func json(
        pack: Pack, awards: [CredentialAward], issuers: CredentialIssuers, report: CompetencyReport, now: Date
    ) throws -> [String: Any] {
        let shortfalls = CredentialShortfall.find(awards: awards, pack: pack, report: report, at: now)
        var object: [String: Any] = [
            "credentials": try CredentialLog.objects(awards, issuers: issuers, now: now),
            "belowCredentials": shortfalls.map { shortfall -> [String: Any] in
                var entry: [String: Any] = [
                    "skillId": shortfall.skillID, "vouchedLevel": shortfall.vouched.rawValue,
                    "credentialId": shortfall.awardID, "credentialName": shortfall.credentialName,
                    "decidedBy": shortfall.decidedByRule ? "decisionRule" : "skillCriteria",
                ]
                entry["level"] = shortfall.level?.rawValue ?? NSNull()
                return entry
            },
        ]
        if !shortfalls.isEmpty { object["belowCredentialsNote"] = note(shortfalls).joined(separator: " ") }
        return object
    }

    private func status(_ award: CredentialAward) -> String {
        switch award.status(at: now) {
        case .valid:
            return console.styled("valid", .green) + (award.expiresAt.map { console.styled(" until " + DateText.day($0), .dim) } ?? "")
        case .expired:
            return console.styled("expired", .yellow) + console.styled(" " + (award.expiresAt.map(DateText.day) ?? ""), .dim)
        case .revoked:
            return console.styled("revoked", .red) + console.styled(" " + (award.revokedAt.map(DateText.day) ?? ""), .dim)
                + (award.revocationReason.map { ": " + console.safe($0) } ?? "")
        }
    }

    /// "exam Data Analytics Exam, 2026-12-06: decided by its rule —" and one line per skill, or the score.
    private func decided(_ attempt: EvidenceAttempt) -> [String] {
        let head = console.styled("      exam ", .dim) + console.safe(attempt.quizTitle)
            + console.styled(", " + DateText.day(attempt.finishedAt), .dim)
        guard let decisions = attempt.decisions, let rule = decisions.first?.rule else {
            return [head + ": \(attempt.passed ? "passed" : "not passed") with \(Int((attempt.score * 100).rounded()))%"]
        }
        // Spelled out rather than α and β, which have no stand-in where the terminal cannot show them.
        return [head + ": decided by its rule (sequential probability ratio test \(rule.lower) vs \(rule.upper), "
            + "alpha \(rule.alpha), beta \(rule.beta), \(rule.minItems)–\(rule.maxItems) questions)"]
            + decisions.map { decision in
                "        " + console.safe(decision.skillName) + " " + (decision.proficient ? "proficient" : "not yet proficient")
                    + " after " + Plural.count(decision.items, "question")
            }
    }

    private func explain(_ shortfalls: [CredentialShortfall]) -> [String] {
        guard !shortfalls.isEmpty else { return [] }
        var groups: [(shortfall: CredentialShortfall, skills: [String])] = []
        for shortfall in shortfalls {
            let skill = console.safe(shortfall.skillName) + " (" + (shortfall.level?.rawValue ?? "not enough evidence") + ")"
            if let index = groups.firstIndex(where: { $0.shortfall.awardID == shortfall.awardID && $0.shortfall.vouched == shortfall.vouched }) {
                groups[index].skills.append(skill)
            } else {
                groups.append((shortfall, [skill]))
            }
        }
        let skills = groups.map { group in
            "below what " + console.safe(group.shortfall.credentialName) + " vouches for (" + group.shortfall.vouched.rawValue
                + "): " + group.skills.joined(separator: ", ")
        }
        return [console.styled("  Level ", .cyan) + skills.joined(separator: "; ") + "."]
            + Self.note(shortfalls).map { console.styled("  " + $0, .cyan) }
    }

    /// The plain explanation, one entry per line: what the level column is and how the credential was decided.
    static func note(_ shortfalls: [CredentialShortfall]) -> [String] {
        var lines = ["The level column is the long-run estimate from every answer, read from the lower end of its 90% interval."]
        if shortfalls.contains(where: \.decidedByRule) {
            lines.append("A credential's exam decided each skill by its decision rule, on that exam's answers, with known error rates.")
        }
        if shortfalls.contains(where: { !$0.decidedByRule }) {
            lines.append("A credential's skill levels were judged on exam answers only, when it was awarded.")
        }
        lines.append("Both verdicts stand; more answers narrow the interval. See docs/scoring.md.")
        return lines
    }
}
