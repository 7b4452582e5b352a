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
        let missing = outcome.pending.flatMap { $0.outcomes.filter { !$0.held }.map(\.part) }
        if missing.contains(where: { if case .exam = $0 { true } else { false } }) {
            console.line(console.styled("  An exam with a decision rule is passed when the rule settles every skill "
                + "proficient, with known error rates (docs/scoring.md).", .dim))
        }
        if missing.contains(where: { if case .skill = $0 { true } else { false } }) {
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
