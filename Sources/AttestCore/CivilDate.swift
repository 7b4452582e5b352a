import Foundation

/// A moment as a UTC calendar date and time of day, by integer arithmetic.
///
/// Dates are printed in lists of thousands and written into signed credentials; a
/// `DateFormatter` is slow to create and depends on the machine's settings, so both
/// use this (proleptic Gregorian calendar, Howard Hinnant's days-from-civil algorithms).
public struct CivilDate: Sendable, Hashable {
    public var year: Int64
    public var month: Int64
    public var day: Int64
    /// Seconds since midnight UTC, 0..<86,400.
    public var secondOfDay: Int64

    /// The earliest and latest moments shown as themselves (0000-01-01 and 9999-12-31T23:59:59Z, as
    /// seconds since 1970); others (and NaN) are clamped to them instead of trapping.
    public static let representable: ClosedRange<Double> = -62_167_219_200...253_402_300_799

    /// The UTC date and time of `date`, truncated to whole seconds (clamped to `representable`).
    public init(_ date: Date) {
        let raw = date.timeIntervalSince1970
        let clamped = raw.isNaN ? 0 : min(max(raw, Self.representable.lowerBound), Self.representable.upperBound)
        let seconds = Int64(clamped.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        secondOfDay = seconds - days * 86_400
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days from 1970-01-01 to the given calendar date.
    public static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `value` with leading zeros to `width` digits.
    public static func padded(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
