@testable import AttestCore
import Testing

@Suite("RecentStringSlots")
struct RecentStringSlotsTests {
    @Test func answersLikeTheTableItFronts() {
        var table: [String: Int] = [:]
        var recent = RecentStringSlots()
        let keys = (0..<200).map { "key-\($0)" } + ["", "é", "a-much-longer-key-than-fifteen-bytes"]
        for (slot, key) in keys.enumerated() { table[key] = slot }
        for _ in 0..<3 {
            for key in keys.shuffled() {
                #expect(recent.slot(of: key, in: table) == table[key])
            }
        }
        #expect(recent.slot(of: "missing", in: table) == nil)
    }
}
