/// One row of the credential listing, read straight from SQLite while `AttestDatabase.forEachCredentialListingRow` runs.
///
/// Listing 100,000 credentials is dominated by turning columns into values; this view lets the
/// caller take only what it prints, as UTF-8 bytes in SQLite's own buffer, with no allocation per column.
/// It is only valid inside the closure it is handed to.
public struct CredentialListingRow {
    /// The text columns a listing shows.
    public enum TextColumn: Int32, Sendable {
        case id = 1, name, packID
    }

    /// The date columns a listing shows.
    public enum DateColumn: Int32, Sendable {
        case awardedAt = 4, expiresAt, revokedAt
    }

    /// Every column `credential_log` covers, so SQLite reads the index alone, in awarded order without a sort.
    static let selectSQL = """
        SELECT rowid, id, name, packID, awardedAt, expiresAt, revokedAt
        FROM credential WHERE learner = ? ORDER BY awardedAt DESC
        """

    private let columns: SQLiteColumns

    init(statement: OpaquePointer) {
        columns = SQLiteColumns(statement: statement)
    }

    /// The row's position in the log: a credential logged later has a larger one.
    public var rowID: Int64 {
        columns.integer(0)
    }

    /// The column's text as UTF-8 bytes (empty for NULL), valid until the closure returns.
    public func utf8(_ column: TextColumn) -> UnsafeBufferPointer<UInt8> {
        columns.utf8(column.rawValue)
    }

    /// The column's text ("" for NULL); invalid UTF-8 is repaired.
    public func text(_ column: TextColumn) -> String {
        columns.text(column.rawValue)
    }

    /// A date column as seconds since 1970, or nil for NULL.
    public func seconds(_ column: DateColumn) -> Double? {
        columns.isNull(column.rawValue) ? nil : columns.double(column.rawValue)
    }
}
