import AttestCore

/// Announces newly earned credentials after a quiz.
struct AwardView {
    let console: Console

    func announce(_ outcome: CredentialAwarder.Outcome) {
        for evaluation in outcome.pending {
            let missing = evaluation.outcomes.filter { !$0.held }.map(\.text)
            console.line(console.styled("Not yet: ", .bold) + console.safe(evaluation.definition.name)
                + " — still to do: " + console.safe(missing.joined(separator: "; ")) + ".")
        }
        if !outcome.pending.isEmpty {
            console.line(console.styled("  Skill levels are judged on the lower end of the 90% interval: more exam "
                + "evidence narrows it. 'progress --exams-only' shows where you stand.", .dim))
        }
        for award in outcome.awards {
            let expiry = award.expiresAt.map { " · valid until " + DateText.day($0) } ?? ""
            console.line(console.styled("🏅 Credential earned: ", .bold, .magenta) + console.safe(award.name, .bold)
                + console.styled(" (\(award.qualifiedID)\(expiry))", .dim))
            console.line(console.styled("   'attest creds show \(award.id)' for the evidence; "
                + "'attest creds export \(award.id) --format png' for a signed badge.", .dim))
        }
    }
}
