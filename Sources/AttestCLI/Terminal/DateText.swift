import Foundation

/// Dates as Attest prints them: ISO 8601 in UTC, the same on every machine.
enum DateText {
    /// `2026-11-29`.
    static func day(_ date: Date) -> String {
        formatter("yyyy-MM-dd").string(from: date)
    }

    /// `2026-11-29 14:03 UTC`.
    static func minute(_ date: Date) -> String {
        formatter("yyyy-MM-dd HH:mm").string(from: date) + " UTC"
    }

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }
}
