import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestStore

/// Status list allocations (migration v14): a credential keeps its entry, an index is never handed out twice in
/// a list, and the list's bits follow revocation.
@Suite("AttestDatabaseStatusList")
struct AttestDatabaseStatusListTests {
    static let url = "https://example.org/status.json"

    static func award(_ id: String) -> CredentialAward {
        CredentialAward(
            id: id, learner: "ada", packID: "p", packVersion: "1", packHash: "h", credentialID: "c", name: "C",
            description: "", achievementType: "MicroCredential", criteria: "", awardedAt: Date(timeIntervalSince1970: 100),
            expiresAt: nil, evidence: CredentialEvidence())
    }

    @Test func anEntryIsAllocatedOnceAndIndexesAreNeverReused() throws {
        let now = Date(timeIntervalSince1970: 1_000)
        let store = try AttestDatabase.inMemory()
        try store.awardCredential(Self.award("urn:uuid:1"))
        try store.awardCredential(Self.award("urn:uuid:2"))
        let first = try store.allocateStatusListEntry(credentialID: "urn:uuid:1", listURL: Self.url, at: now) { taken in
            #expect(taken.isEmpty)
            return 7
        }
        let same = try store.allocateStatusListEntry(credentialID: "urn:uuid:1", listURL: Self.url, at: now) { _ in
            Issue.record("an existing entry is never re-allocated")
            return 8
        }
        #expect(same == first && first.index == 7)
        let second = try store.allocateStatusListEntry(credentialID: "urn:uuid:2", listURL: Self.url, at: now) { taken in
            #expect(taken == [7])
            return 9
        }
        #expect(second.index == 9)
        #expect(throws: (any Error).self) {
            try store.allocateStatusListEntry(credentialID: "urn:uuid:3", listURL: Self.url, at: now) { _ in 7 }
        }
        try store.revokeCredential(id: "urn:uuid:2", reason: "x", at: now)
        #expect(try store.statusListBits(listURL: Self.url).map { "\($0.index)\($0.revoked)" } == ["7false", "9true"])
        #expect(try store.statusListEntry(credentialID: "urn:uuid:2")?.listURL == Self.url)
    }
}
