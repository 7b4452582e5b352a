import AttestCore
import Foundation
import GRDB

extension AttemptRecord {
    static let insertSQL = """
        INSERT INTO attempt (id, learner, packID, packVersion, packHash, quizID, mode, seed, questionIDs,
                             startedAt, endedAt, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The values for `insertSQL`; the UInt64 seed is stored as its signed bit pattern.
    func insertArguments() throws -> StatementArguments {
        [
            id, learner, packID, packVersion, packHash, quizID, mode.rawValue, Int64(bitPattern: seed),
            try StoreCoding.json(questionIDs), StoreCoding.seconds(startedAt), endedAt.map(StoreCoding.seconds),
            status.rawValue,
        ]
    }

    /// Reads an `attempt` row (its columns may be prefixed, e.g. by a join alias, through `Row` scopes).
    init(row: Row) throws {
        self.init(
            id: row["id"], learner: row["learner"], packID: row["packID"], packVersion: row["packVersion"],
            packHash: row["packHash"], quizID: row["quizID"],
            mode: try StoreCoding.enumValue(Quiz.Mode.self, row["mode"], column: "attempt.mode"),
            seed: UInt64(bitPattern: row["seed"] as Int64),
            questionIDs: try StoreCoding.decode([String].self, json: row["questionIDs"], column: "attempt.questionIDs"),
            startedAt: StoreCoding.date(row["startedAt"]),
            endedAt: (row["endedAt"] as Double?).map(StoreCoding.date),
            status: try StoreCoding.enumValue(AttemptStatus.self, row["status"], column: "attempt.status")
        )
    }
}
