import AttestCredentials
import ArgumentParser
import AttestCore
import Foundation

/// `creds show ID`: everything about one credential, the evidence included.
struct CredentialsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one credential with its criteria and evidence."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The credential id, or the first characters of it.", valueName: "id"))
    var id: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let context = global.context()
        let award = try CredentialLookup(context: context).find(id)
        let now = context.clock.now()
        let console = context.console
        let issuers = try CredentialIssuers(store: context.store(), learner: award.learner)
        if json {
            console.line(try CredentialLog.json([award], issuers: issuers, now: now))
            return
        }
        func row(_ label: String, _ value: String) {
            console.line(console.styled(DisplayWidth.pad(label, to: 12), .dim) + console.safe(value))
        }
        console.line(console.safe(award.name, .bold) + "  " + console.safe(award.achievementType, .magenta))
        row("id", award.id)
        row("credential", award.qualifiedID + " (pack \(award.packVersion), sha256 \(award.packHash.prefix(12))…)")
        row("learner", award.learner)
        let issuer = issuers.issuer(of: award.id)
        let signer = issuer.did.map { ", signed by " + UntrustedText.quoted($0, limit: 80) } ?? ""
        switch issuer.trust {
        case .ownKey: row("issuer", "self-assessed: " + issuer.claimedName + signer + " (this store's key)")
        case let .trusted(name): row("issuer", name + " (trusted)" + signer)
        case .unknown: row("issuer", UntrustedText.quoted(issuer.claimedName) + " (unknown issuer: only the credential's claim)" + signer)
        }
        row("earned", DateText.minute(award.awardedAt))
        row("expires", award.expiresAt.map(DateText.minute) ?? "never")
        switch award.status(at: now) {
        case .valid: row("status", "valid")
        case .expired: row("status", "expired — pass the exam again to renew it (a new credential)")
        case .revoked:
            row("status", "revoked " + (award.revokedAt.map(DateText.minute) ?? "") + ": " + (award.revocationReason ?? ""))
        }
        MarkdownRenderer(width: console.width, useColor: console.useColor, indent: String(repeating: " ", count: 12))
            .render(award.description).enumerated().forEach { index, line in
                console.line(index == 0 ? console.styled("description ", .dim) + line.dropFirst(12) : line)
            }
        MarkdownRenderer(width: console.width, useColor: console.useColor, indent: String(repeating: " ", count: 12))
            .render(award.criteria).enumerated().forEach { index, line in
                console.line(index == 0 ? console.styled("criteria    ", .dim) + line.dropFirst(12) : line)
            }
        console.line(console.styled("Evidence", .bold))
        for attempt in award.evidence.attempts {
            console.line("  exam " + console.safe(attempt.quizTitle) + " — \(Int((attempt.score * 100).rounded()))%"
                + (attempt.passed ? " passed" : " not passed") + " on " + DateText.minute(attempt.finishedAt)
                + (attempt.timeMultiplier.map { ", extended time " + Accommodation.describe($0) } ?? "")
                + console.safe("  attempt \(attempt.attemptID.prefix(8))", .dim))
            for decision in attempt.decisions ?? [] {
                console.line("  skill " + console.safe(decision.skillName) + " — "
                    + (decision.proficient ? "proficient" : "not yet proficient")
                    + " after \(decision.items) question\(decision.items == 1 ? "" : "s"), decided by the exam's rule")
            }
        }
        for skill in award.evidence.skills {
            console.line("  skill " + console.safe(skill.skillName) + " — " + skill.level.rawValue
                + String(format: ", estimate %.0f%% [%.0f%%–%.0f%%] on %.1f evidence", skill.estimate * 100,
                         (skill.lower * 100).rounded(.down), (skill.upper * 100).rounded(.up), skill.evidence))
        }
        for prerequisite in award.evidence.prerequisites {
            console.line("  held " + console.safe(prerequisite))
        }
    }
}
