import AttestCore
import GRDB
import GRDBSQLite

/// Reads attempts and their effective responses for `recordedAttempts` (stats, exports, competency evidence)
/// column by index from SQLite's own buffers.
///
/// Over a class's 125,000 responses, reading columns by name and decoding each row's JSON columns with a
/// `JSONDecoder` cost far more than SQLite's query. Here every column is taken by position, the compact JSON
/// arrays the store writes are read by `CompactJSONArray`, and `response.skills` (a handful of distinct
/// documents repeated on every row) is decoded once per distinct text. The values are exactly those
/// `AttemptRecord(row:)` and `ResponseRecord(row:)` make.
struct RecordedAttemptReader {
    private let statement: OpaquePointer
    private var skillsByText: [String: [SkillWeight]] = [:]

    private init(statement: OpaquePointer) {
        self.statement = statement
    }

    /// Attempts chosen by `filter` (on alias `a`), oldest first, each with its effective responses by position.
    static func read(_ db: Database, filter: String, arguments: StatementArguments) throws -> [RecordedAttempt] {
        let attemptStatement = try db.makeStatement(sql: """
            SELECT a.id, a.learner, a.packID, a.packVersion, a.packHash, a.quizID, a.mode, a.seed, a.questionIDs,
                   a.startedAt, a.endedAt, a.status
            FROM attempt a WHERE \(filter) ORDER BY a.startedAt, a.rowid
            """)
        var attempts: [RecordedAttempt] = []
        var indexByID: [String: Int] = [:]
        let attemptRows = try Row.fetchCursor(attemptStatement, arguments: arguments)
        let attemptReader = RecordedAttemptReader(statement: attemptStatement.sqliteStatement)
        while try attemptRows.next() != nil {
            let attempt = try attemptReader.attempt()
            indexByID[attempt.id] = attempts.count
            attempts.append(RecordedAttempt(attempt: attempt, responses: []))
        }
        // Attempts first, then each one's rows: no sort of the responses in SQL. Every attempt's rows come
        // together, and sorted by position as the index holds them; the check below only guards that order.
        let responseStatement = try db.makeStatement(sql: """
            SELECT r.attemptID, r.position, r.questionID, r.outcome, r.given, r.selection, r.score, r.points,
                   r.maxPoints, r.skills, r.difficulty, r.shownAt, r.answeredAt
            FROM attempt a CROSS JOIN response r ON r.attemptID = a.id
            WHERE \(filter) AND r.superseded = 0
            """)
        let responseRows = try Row.fetchCursor(responseStatement, arguments: arguments)
        var responseReader = RecordedAttemptReader(statement: responseStatement.sqliteStatement)
        var current: (id: String, index: Int?) = ("", nil)
        while try responseRows.next() != nil {
            let response = try responseReader.response()
            if response.attemptID != current.id || current.index == nil {
                current = (response.attemptID, indexByID[response.attemptID])
            }
            guard let index = current.index else { continue }
            attempts[index].responses.append(response)
        }
        for index in attempts.indices where !attempts[index].responses.isInPositionOrder {
            attempts[index].responses.sort { $0.position < $1.position }
        }
        return attempts
    }

    // MARK: - Columns

    private func text(_ column: Int32) -> String {
        String(decoding: utf8(column), as: UTF8.self)
    }

    private func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    private func utf8(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        // Text first, then its length: asking for the text may convert the value and change the length.
        guard let bytes = sqlite3_column_text(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    private func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    private func double(_ column: Int32) -> Double {
        sqlite3_column_double(statement, column)
    }

    private func integer(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    // MARK: - Records

    private func attempt() throws -> AttemptRecord {
        let questionIDs = try CompactJSONArray.strings(utf8(8))
            ?? StoreCoding.decode([String].self, json: text(8), column: "attempt.questionIDs")
        return AttemptRecord(
            id: text(0), learner: text(1), packID: text(2), packVersion: text(3), packHash: text(4), quizID: text(5),
            mode: try StoreCoding.enumValue(Quiz.Mode.self, text(6), column: "attempt.mode"),
            seed: UInt64(bitPattern: integer(7)), questionIDs: questionIDs, startedAt: StoreCoding.date(double(9)),
            endedAt: isNull(10) ? nil : StoreCoding.date(double(10)),
            status: try StoreCoding.enumValue(AttemptStatus.self, text(11), column: "attempt.status"))
    }

    private mutating func response() throws -> ResponseRecord {
        var selection: [Int]?
        if !isNull(5) {
            selection = try CompactJSONArray.integers(utf8(5))
                ?? StoreCoding.decode([Int].self, json: text(5), column: "response.selection")
        }
        return ResponseRecord(
            attemptID: text(0), position: Int(integer(1)), questionID: text(2),
            outcome: try StoreCoding.enumValue(ResponseOutcome.self, text(3), column: "response.outcome"),
            given: optionalText(4), selection: selection, score: double(6), points: double(7), maxPoints: double(8),
            skills: try skills(), difficulty: try StoreCoding.enumValue(Difficulty.self, text(10), column: "response.difficulty"),
            shownAt: StoreCoding.date(double(11)), answeredAt: StoreCoding.date(double(12)))
    }

    /// `response.skills`, decoded once per distinct document.
    private mutating func skills() throws -> [SkillWeight] {
        let json = text(9)
        if let known = skillsByText[json] { return known }
        let decoded = try StoreCoding.decode([SkillWeight].self, json: json, column: "response.skills")
        skillsByText[json] = decoded
        return decoded
    }
}

private extension Array where Element == ResponseRecord {
    var isInPositionOrder: Bool {
        zip(self, dropFirst()).allSatisfy { $0.position <= $1.position }
    }
}
