@testable import AttestCLI
import Foundation
import Testing

@Suite("DateText")
struct DateTextTests {
    func formatted(_ date: Date, _ format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter.string(from: date)
    }

    @Test func daysAndMinutesMatchAGregorianFormatterInUTC() {
        var state: UInt64 = 0x0DA7E
        var dates = [0, -1, 951_782_400, 951_868_799, 4_107_542_400, -2_208_988_800, 1_798_761_599.999].map {
            Date(timeIntervalSince1970: $0)
        }
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            dates.append(Date(timeIntervalSince1970: Double(Int64(state >> 30) % 8_000_000_000) - 2_000_000_000))
        }
        for date in dates {
            #expect(DateText.day(date) == formatted(date, "yyyy-MM-dd"), "\(date.timeIntervalSince1970)")
            #expect(DateText.minute(date) == formatted(date, "yyyy-MM-dd HH:mm") + " UTC", "\(date.timeIntervalSince1970)")
        }
    }
}
