import AttestCore

/// Announces newly earned credentials after a quiz.
struct AwardView {
    let console: Console

    func announce(_ awards: [CredentialAward]) {
        for award in awards {
            let expiry = award.expiresAt.map { " · valid until " + DateText.day($0) } ?? ""
            console.line(console.styled("🏅 Credential earned: ", .bold, .magenta) + console.safe(award.name, .bold)
                + console.styled(" (\(award.qualifiedID)\(expiry))", .dim))
            console.line(console.styled("   'attest creds show \(award.id)' for the evidence; "
                + "'attest creds export \(award.id) --format png' for a signed badge.", .dim))
        }
    }
}
