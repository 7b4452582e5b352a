import AttestCore
import Testing

@Suite("Pack")
struct PackTests {
    @Test func semanticVersionsOrderByPrecedence() {
        let versions = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0", "1.2.0", "10.0.0"]
            .map { SemanticVersion($0)! }
        #expect(versions == versions.sorted())
        #expect(SemanticVersion("01.0.0") == nil)
        #expect(SemanticVersion("1.0") == nil)
        #expect(SemanticVersion("1.0.0-") == nil)
        #expect(SemanticVersion("1.2.3")?.description == "1.2.3")
    }

    @Test func masteryLevelsFollowThresholds() {
        let levels = MasteryLevels.default
        #expect(levels.level(for: 0.2) == .novice)
        #expect(levels.level(for: 0.4) == .developing)
        #expect(levels.level(for: 0.75) == .proficient)
        #expect(levels.level(for: 0.95) == .expert)
        #expect(MasteryLevel.developing < .expert)
    }
}
