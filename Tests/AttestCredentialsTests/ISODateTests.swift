import AttestCredentials
import Foundation
import Testing

@Suite("ISODate")
struct ISODateTests {
    @Test func formatsUTCAtWholeSeconds() {
        #expect(ISODate.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(ISODate.format(Date(timeIntervalSince1970: 1_790_000_000.9)) == "2026-09-21T14:13:20Z")
        #expect(ISODate.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(ISODate.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }

    @Test func parsesZuluOffsetsAndFractions() {
        #expect(ISODate.parse("2026-09-21T14:13:20Z") == Date(timeIntervalSince1970: 1_790_000_000))
        #expect(ISODate.parse("2026-09-21T16:13:20+02:00") == Date(timeIntervalSince1970: 1_790_000_000))
        #expect(ISODate.parse("2026-09-21T14:13:20.5Z") == Date(timeIntervalSince1970: 1_790_000_000.5))
        #expect(ISODate.parse("2026-02-30T00:00:00Z") == nil)
        #expect(ISODate.parse("2026-09-21T14:13:20") == nil)
        #expect(ISODate.parse("2026-09-21 14:13:20Z") == nil)
    }
}
