@testable import AttestCLI
import Foundation
import Testing

/// An organisation's ledger, read from its audit log's entries: what a revocation takes down with it.
@Suite("IssuedLedger")
struct IssuedLedgerTests {
    static func issue(_ id: String, _ achievement: String, on prerequisites: [String] = [], subject: String = "did:key:ada",
                      at second: Int) -> [String: String] {
        var entry = ["action": "issue", "credential": "urn:uuid:\(id)", "achievement": achievement, "subject": subject,
                     "at": "2026-12-06T10:00:\(String(format: "%02d", second))Z"]
        if !prerequisites.isEmpty { entry["prerequisites"] = prerequisites.joined(separator: " ") }
        return entry
    }

    @Test func aRevocationFollowsAStackBuiltOnAStackToTheTop() {
        let base = Self.issue("a", "pack/base", at: 1)
        let entries = [
            base,
            Self.issue("b", "pack/middle", on: ["pack/base", "other/part"], at: 2),
            Self.issue("c", "pack/top", on: ["pack/middle"], at: 3),
            Self.issue("d", "pack/middle", on: ["pack/base"], subject: "did:key:grace", at: 4),
            Self.issue("e", "pack/unrelated", on: ["other/part"], at: 5),
        ]
        let fallen = IssuedLedger.stackedOn(base, in: entries)
        #expect(fallen.map { $0.entry["credential"] } == ["urn:uuid:b", "urn:uuid:c"])
        #expect(fallen.map(\.part) == ["pack/base", "pack/middle"])
    }

    @Test func prerequisitesThatNameEachOtherEndTheWalk() {
        let base = Self.issue("a", "pack/base", at: 1)
        let entries = [
            base,
            Self.issue("b", "pack/middle", on: ["pack/base", "pack/loop"], at: 2),
            Self.issue("c", "pack/top", on: ["pack/middle"], at: 3),
            Self.issue("x", "pack/loop", on: ["pack/top"], at: 4),
        ]
        let fallen = IssuedLedger.stackedOn(base, in: entries)
        #expect(fallen.map { $0.entry["credential"] } == ["urn:uuid:b", "urn:uuid:c", "urn:uuid:x"], "each falls once")
    }

    @Test func aStackRevokedBeforeIsPassedThroughAndOneIssuedBeforeItsPartStaysOut() {
        let base = Self.issue("a", "pack/base", at: 5)
        let entries = [
            Self.issue("old", "pack/middle", on: ["pack/base"], at: 1),
            base,
            Self.issue("b", "pack/middle", on: ["pack/base"], at: 6),
            ["action": "revoke", "credential": "urn:uuid:b"],
            Self.issue("c", "pack/top", on: ["pack/middle"], at: 7),
        ]
        let fallen = IssuedLedger.stackedOn(base, in: entries)
        #expect(fallen.map { $0.entry["credential"] } == ["urn:uuid:c"], "b is not revoked twice, but c on it falls: \(fallen)")
        #expect(fallen.map(\.part) == ["pack/middle"])
    }
}
