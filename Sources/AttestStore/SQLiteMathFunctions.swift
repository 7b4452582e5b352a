import Foundation
import GRDB

/// The SQL math functions the store's queries use, for a SQLite built without its own.
///
/// `progress` weighs each attempt by recency with `pow` inside SQL. SQLite has `pow` only when
/// compiled with `SQLITE_ENABLE_MATH_FUNCTIONS` (Debian's library is); anywhere else every
/// connection gets the same function from Swift, so `progress` never fails with "no such function".
enum SQLiteMathFunctions {
    /// `pow(x, y)`: NULL when either argument is NULL or not a number, like SQLite's own.
    static let pow = DatabaseFunction("pow", argumentCount: 2, pure: true) { values in
        guard let base = Double.fromDatabaseValue(values[0]), let exponent = Double.fromDatabaseValue(values[1]) else {
            return nil
        }
        return Foundation.pow(base, exponent)
    }

    /// Adds the Swift functions the connection's SQLite lacks (checked once per connection).
    static func addMissing(to db: Database) {
        guard (try? Double.fetchOne(db, sql: "SELECT pow(2.0, 3.0)")) == nil else { return }
        db.add(function: pow)
    }
}
