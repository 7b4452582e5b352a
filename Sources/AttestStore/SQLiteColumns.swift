import GRDBSQLite

/// The current row of a prepared statement, column by position, straight from SQLite's own buffers.
///
/// The store's hot readers (`creds list`, `stats`, exports) step GRDB statements themselves and take only
/// what they need from each row: text as UTF-8 bytes without a `String`, numbers without a
/// `DatabaseValue`. Values are valid until the statement steps again.
struct SQLiteColumns {
    let statement: OpaquePointer

    /// The column's text as UTF-8 bytes (empty for NULL).
    func utf8(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        // Text first, then its length: asking for the text may convert the value and change the length.
        guard let bytes = sqlite3_column_text(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    /// The column's text ("" for NULL); invalid UTF-8 is repaired.
    func text(_ column: Int32) -> String {
        String(decoding: utf8(column), as: UTF8.self)
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    func double(_ column: Int32) -> Double {
        sqlite3_column_double(statement, column)
    }

    func integer(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }
}
