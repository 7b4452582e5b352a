import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// One row of the credential log, read straight from SQLite while `AttestDatabase.forEachCredentialLogRow` runs.
///
/// Listing 100,000 credentials is dominated by turning columns into values; this view lets the
/// caller take only what it prints, as UTF-8 bytes in SQLite's own buffer, with no allocation per column.
/// It is only valid inside the closure it is handed to.
public struct CredentialLogRow {
    /// The columns, in the order of the SELECT.
    public enum Column: Int32, CaseIterable, Sendable {
        case id, learner, packID, packVersion, credentialID, name, achievementType, awardedAt, expiresAt, revokedAt
        case revocationReason
    }

    static let selectSQL = """
        SELECT id, learner, packID, packVersion, credentialID, name, achievementType, awardedAt, expiresAt,
               revokedAt, revocationReason
        FROM credential WHERE learner = ? ORDER BY awardedAt DESC, rowid DESC
        """

    private let statement: OpaquePointer

    init(statement: OpaquePointer) {
        self.statement = statement
    }

    /// The column's text as UTF-8 bytes (empty for NULL), valid until the closure returns.
    public func utf8(_ column: Column) -> UnsafeBufferPointer<UInt8> {
        // Text first, then its length: asking for the text may convert the value and change the length.
        guard let bytes = sqlite3_column_text(statement, column.rawValue) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column.rawValue)))
    }

    /// The column's text ("" for NULL); invalid UTF-8 is repaired.
    public func text(_ column: Column) -> String {
        String(decoding: utf8(column), as: UTF8.self)
    }

    /// The column's text, or nil for NULL.
    public func optionalText(_ column: Column) -> String? {
        isNull(column) ? nil : text(column)
    }

    /// A date column as seconds since 1970, or nil for NULL.
    public func seconds(_ column: Column) -> Double? {
        isNull(column) ? nil : sqlite3_column_double(statement, column.rawValue)
    }

    private func isNull(_ column: Column) -> Bool {
        sqlite3_column_type(statement, column.rawValue) == SQLITE_NULL
    }
}
