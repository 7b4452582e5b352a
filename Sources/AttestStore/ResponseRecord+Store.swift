import AttestCore
import Foundation
import GRDB

extension ResponseRecord {
    static let insertSQL = """
        INSERT INTO response (attemptID, position, questionID, outcome, given, selection, score, points, maxPoints,
                              skills, difficulty, shownAt, answeredAt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The effective responses (latest `seq` per position) of the attempts chosen by `attemptFilter`,
    /// an SQL condition on the alias `a` for `attempt`.
    static func effectiveSQL(attemptFilter: String) -> String {
        """
        SELECT r.* FROM attempt a JOIN response r ON r.attemptID = a.id
        WHERE \(attemptFilter)
          AND r.seq = (SELECT MAX(l.seq) FROM response l WHERE l.attemptID = r.attemptID AND l.position = r.position)
        ORDER BY r.attemptID, r.position
        """
    }

    func insertArguments() throws -> StatementArguments {
        [
            attemptID, position, questionID, outcome.rawValue, given, try selection.map { try StoreCoding.json($0) },
            score, points, maxPoints, try StoreCoding.json(skills), difficulty.rawValue,
            StoreCoding.seconds(shownAt), StoreCoding.seconds(answeredAt),
        ]
    }

    init(row: Row) throws {
        let selectionJSON: String? = row["selection"]
        self.init(
            attemptID: row["attemptID"], position: row["position"], questionID: row["questionID"],
            outcome: try StoreCoding.enumValue(ResponseOutcome.self, row["outcome"], column: "response.outcome"),
            given: row["given"],
            selection: try selectionJSON.map { try StoreCoding.decode([Int].self, json: $0, column: "response.selection") },
            score: row["score"], points: row["points"], maxPoints: row["maxPoints"],
            skills: try StoreCoding.decode([SkillWeight].self, json: row["skills"], column: "response.skills"),
            difficulty: try StoreCoding.enumValue(Difficulty.self, row["difficulty"], column: "response.difficulty"),
            shownAt: StoreCoding.date(row["shownAt"]), answeredAt: StoreCoding.date(row["answeredAt"])
        )
    }
}
