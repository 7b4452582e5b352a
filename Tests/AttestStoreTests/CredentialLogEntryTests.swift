import AttestCore
import AttestStore
import Foundation
import Testing

@Suite("CredentialLogEntry")
struct CredentialLogEntryTests {
    @Test func theLogListsWhatTheFullAwardsHoldInTheSameOrder() throws {
        let store = try AttestDatabase.inMemory()
        let awards = [
            StoreFixtures.award("urn:uuid:1", at: 10, expiresAfter: 50),
            StoreFixtures.award("urn:uuid:2", at: 30),
            StoreFixtures.award("urn:uuid:3", at: 30, expiresAfter: 1),
            StoreFixtures.award("urn:uuid:4", learner: "grace", at: 20),
        ]
        for award in awards { try store.awardCredential(award) }
        try store.revokeCredential(id: "urn:uuid:2", reason: "issued in error", at: StoreFixtures.start.addingTimeInterval(40))
        let full = try store.credentials(learner: "ada")
        let log = try store.credentialLog(learner: "ada")
        #expect(log.map(\.id) == full.map(\.id))
        let now = StoreFixtures.start.addingTimeInterval(45)
        for (entry, award) in zip(log, full) {
            #expect(entry == CredentialLogEntry(
                id: award.id, learner: award.learner, packID: award.packID, packVersion: award.packVersion,
                credentialID: award.credentialID, name: award.name, achievementType: award.achievementType,
                awardedAt: award.awardedAt, expiresAt: award.expiresAt, revokedAt: award.revokedAt,
                revocationReason: award.revocationReason))
            #expect(entry.status(at: now) == award.status(at: now))
        }
        #expect(log.map { $0.status(at: now) } == [.expired, .revoked, .valid])
        #expect(try store.credentialLog(learner: "nobody").isEmpty)
    }
}
