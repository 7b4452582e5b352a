import AttestCore
import Foundation

/// Dates as Attest prints them: ISO 8601 in UTC, the same on every machine.
///
/// Computed with integer calendar arithmetic (proleptic Gregorian, UTC) rather than a
/// `DateFormatter`, whose creation costs more than printing a whole line of a long list.
enum DateText {
    /// `2026-11-29`.
    static func day(_ date: Date) -> String {
        let civil = CivilDate(date)
        return "\(CivilDate.padded(civil.year, 4))-\(CivilDate.padded(civil.month, 2))-\(CivilDate.padded(civil.day, 2))"
    }

    /// `2026-11-29 14:03 UTC`.
    static func minute(_ date: Date) -> String {
        let minutes = CivilDate(date).secondOfDay / 60
        return day(date) + " \(CivilDate.padded(minutes / 60, 2)):\(CivilDate.padded(minutes % 60, 2)) UTC"
    }
}
