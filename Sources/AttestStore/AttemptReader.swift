import AttestCore
import GRDB

/// Reads attempts with their effective responses column by index from SQLite's own buffers: what
/// `recordedAttempts` (exports, competency evidence) and `analysisSittings` (stats) return.
///
/// Over a class's 125,000 responses, reading columns by name and decoding each row's JSON columns with a
/// `JSONDecoder` cost far more than SQLite's query. Here every column is taken by position, the compact JSON
/// arrays the store writes are read by `CompactJSONArray`, `response.skills` (a handful of distinct documents
/// repeated on every row) is decoded once per distinct text, and a response's attempt id is compared in place
/// rather than made into a String per row. The values are exactly those `AttemptRecord(row:)` and
/// `ResponseRecord(row:)` make.
struct AttemptReader {
    private let columns: SQLiteColumns
    private var skillsByText: [String: [SkillWeight]] = [:]

    private init(statement: OpaquePointer) {
        columns = SQLiteColumns(statement: statement)
    }

    /// Every column of a response, for `RecordedAttempt`.
    static let recordColumns = """
        r.attemptID, r.position, r.questionID, r.outcome, r.given, r.selection, r.score, r.points, r.maxPoints,
        r.skills, r.difficulty, r.shownAt, r.answeredAt
        """

    /// The columns `AnalysisResponse` needs, all in `response_analysis` (v6), so SQLite reads that index alone.
    static let analysisColumns = """
        r.attemptID, r.position, r.outcome, r.selection, r.score, r.points, r.maxPoints, r.shownAt, r.answeredAt
        """

    /// Attempts chosen by `filter` (on alias `a`), oldest first, each with its effective responses by position;
    /// `columns` (attempt id and position first) are handed to `response` one row at a time.
    static func read<Response>(
        _ db: Database, filter: String, arguments: StatementArguments, columns: String,
        response: (inout AttemptReader) throws -> Response, position: (Response) -> Int
    ) throws -> [(attempt: AttemptRecord, responses: [Response])] {
        let attemptStatement = try db.makeStatement(sql: """
            SELECT a.id, a.learner, a.packID, a.packVersion, a.packHash, a.quizID, a.mode, a.seed, a.questionIDs,
                   a.startedAt, a.endedAt, a.status
            FROM attempt a WHERE \(filter) ORDER BY a.startedAt, a.rowid
            """)
        var attempts: [(attempt: AttemptRecord, responses: [Response])] = []
        var indexByID: [String: Int] = [:]
        let attemptRows = try Row.fetchCursor(attemptStatement, arguments: arguments)
        let attemptReader = AttemptReader(statement: attemptStatement.sqliteStatement)
        while try attemptRows.next() != nil {
            let attempt = try attemptReader.attempt()
            indexByID[attempt.id] = attempts.count
            var responses: [Response] = []
            responses.reserveCapacity(attempt.questionIDs.count)
            attempts.append((attempt, responses))
        }
        // Attempt by attempt, with no sort in SQL: each attempt's rows come together, in position order when
        // the index SQLite picks holds them so; the check at the end puts any other order right.
        let responseStatement = try db.makeStatement(sql: """
            SELECT \(columns) FROM attempt a CROSS JOIN response r ON r.attemptID = a.id
            WHERE \(filter) AND r.superseded = 0
            """)
        let responseRows = try Row.fetchCursor(responseStatement, arguments: arguments)
        var reader = AttemptReader(statement: responseStatement.sqliteStatement)
        var current: (id: String, index: Int?)?
        while try responseRows.next() != nil {
            if current.map({ !reader.utf8(0).elementsEqual($0.id.utf8) }) ?? true {
                let id = reader.text(0)
                current = (id, indexByID[id])
            }
            let value = try response(&reader)
            if let index = current?.index { attempts[index].responses.append(value) }
        }
        for index in attempts.indices
        where !zip(attempts[index].responses, attempts[index].responses.dropFirst()).allSatisfy({ position($0) <= position($1) }) {
            attempts[index].responses.sort { position($0) < position($1) }
        }
        return attempts
    }

    // MARK: - Columns

    func text(_ column: Int32) -> String { columns.text(column) }

    func utf8(_ column: Int32) -> UnsafeBufferPointer<UInt8> { columns.utf8(column) }

    private func optionalText(_ column: Int32) -> String? {
        columns.isNull(column) ? nil : columns.text(column)
    }

    private func isNull(_ column: Int32) -> Bool { columns.isNull(column) }

    private func double(_ column: Int32) -> Double { columns.double(column) }

    private func integer(_ column: Int32) -> Int64 { columns.integer(column) }

    private func selection(_ column: Int32) throws -> [Int]? {
        guard !isNull(column) else { return nil }
        return try CompactJSONArray.integers(utf8(column))
            ?? StoreCoding.decode([Int].self, json: text(column), column: "response.selection")
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

    /// A row of `recordColumns`.
    mutating func record() throws -> ResponseRecord {
        ResponseRecord(
            attemptID: text(0), position: Int(integer(1)), questionID: text(2),
            outcome: try StoreCoding.enumValue(ResponseOutcome.self, text(3), column: "response.outcome"),
            given: optionalText(4), selection: try selection(5), score: double(6), points: double(7),
            maxPoints: double(8), skills: try skills(9),
            difficulty: try StoreCoding.enumValue(Difficulty.self, text(10), column: "response.difficulty"),
            shownAt: StoreCoding.date(double(11)), answeredAt: StoreCoding.date(double(12)))
    }

    /// A row of `analysisColumns`; the duration is worked out from the two dates as `ResponseRecord.duration` does.
    func analysisResponse() throws -> AnalysisResponse {
        AnalysisResponse(
            position: Int(integer(1)),
            outcome: try StoreCoding.enumValue(ResponseOutcome.self, text(2), column: "response.outcome"),
            selection: try selection(3), score: double(4), points: double(5), maxPoints: double(6),
            duration: StoreCoding.date(double(8)).timeIntervalSince(StoreCoding.date(double(7))))
    }

    /// `response.skills`, decoded once per distinct document.
    private mutating func skills(_ column: Int32) throws -> [SkillWeight] {
        let json = text(column)
        if let known = skillsByText[json] { return known }
        let decoded = try StoreCoding.decode([SkillWeight].self, json: json, column: "response.skills")
        skillsByText[json] = decoded
        return decoded
    }
}
