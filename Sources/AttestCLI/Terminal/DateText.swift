import Foundation

/// Dates as Attest prints them: ISO 8601 in UTC, the same on every machine.
///
/// Computed with integer calendar arithmetic (proleptic Gregorian, UTC) rather than a
/// `DateFormatter`, whose creation costs more than printing a whole line of a long list.
enum DateText {
    /// `2026-11-29`.
    static func day(_ date: Date) -> String {
        let (year, month, day, _) = parts(date)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `2026-11-29 14:03 UTC`.
    static func minute(_ date: Date) -> String {
        let (year, month, day, minutes) = parts(date)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(minutes / 60, 2)):\(pad(minutes % 60, 2)) UTC"
    }

    /// Year, month, day and minute of the day in UTC (days from civil dates, after Howard Hinnant).
    private static func parts(_ date: Date) -> (Int, Int, Int, Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let minutes = (seconds - days * 86_400) / 60
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, minutes)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
