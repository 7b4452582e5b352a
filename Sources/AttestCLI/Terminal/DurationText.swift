import Foundation

/// Human-readable durations: `90` → `1:30`, `1800` → `30 min`.
///
/// Never traps: validation bounds every duration a pack or file supplies, but a value that got
/// past it (NaN, 1e19) is shown clamped to 0…`longest` rather than crashing the screen showing it.
enum DurationText {
    /// Longer durations are shown as this many seconds (about 31,700 years).
    static let longest = 1e12

    /// Whole seconds of `seconds` rounded by `rule`, within 0…`longest` (NaN is 0).
    static func wholeSeconds(_ seconds: Double, _ rule: FloatingPointRoundingRule) -> Int {
        guard seconds > 0 else { return 0 }
        return Int(min(seconds, longest).rounded(rule))
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let total = wholeSeconds(seconds, .up)
        let (hours, minutes, secs) = (total / 3600, (total % 3600) / 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }

    /// `45 s`, `30 min`, `1 h 30 min`.
    static func minutes(_ seconds: Double) -> String {
        let total = wholeSeconds(seconds, .toNearestOrAwayFromZero)
        if total < 60 { return "\(total) s" }
        let minutes = total / 60
        if minutes < 60 { return total % 60 == 0 ? "\(minutes) min" : "\(minutes) min \(total % 60) s" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
