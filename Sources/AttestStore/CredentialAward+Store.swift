import AttestCore
import Foundation
import GRDB

extension CredentialAward {
    static let insertSQL = """
        INSERT INTO credential (id, learner, packID, packVersion, packHash, credentialID, name, description,
                                achievementType, criteria, awardedAt, expiresAt, evidence, revokedAt, revocationReason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    func insertArguments() throws -> StatementArguments {
        [
            id, learner, packID, packVersion, packHash, credentialID, name, description, achievementType, criteria,
            StoreCoding.seconds(awardedAt), expiresAt.map(StoreCoding.seconds), try StoreCoding.json(evidence),
            revokedAt.map(StoreCoding.seconds), revocationReason,
        ]
    }

    init(row: Row) throws {
        self.init(
            id: row["id"], learner: row["learner"], packID: row["packID"], packVersion: row["packVersion"],
            packHash: row["packHash"], credentialID: row["credentialID"], name: row["name"],
            description: row["description"], achievementType: row["achievementType"], criteria: row["criteria"],
            awardedAt: StoreCoding.date(row["awardedAt"]),
            expiresAt: (row["expiresAt"] as Double?).map(StoreCoding.date),
            evidence: try StoreCoding.decode(CredentialEvidence.self, json: row["evidence"], column: "credential.evidence"),
            revokedAt: (row["revokedAt"] as Double?).map(StoreCoding.date),
            revocationReason: row["revocationReason"]
        )
    }
}
