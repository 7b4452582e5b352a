import AttestCore
import AttestStore
import Foundation
import Testing

@Suite("AttestDatabase+Credentials")
struct AttestDatabaseCredentialsTests {
    private typealias F = StoreFixtures

    @Test func awardsRoundTripExactlyNewestFirst() throws {
        let store = try AttestDatabase.inMemory()
        let older = F.award("urn:uuid:1", at: 0, expiresAfter: 86_400)
        let newer = F.award("urn:uuid:2", at: 500)
        let bobs = F.award("urn:uuid:3", learner: "bob", at: 900)
        for award in [older, newer, bobs] { try store.awardCredential(award) }
        #expect(try store.credentials(learner: "ada") == [newer, older])
        #expect(try store.credential("urn:uuid:1") == older)
        #expect(try store.credential("urn:uuid:9") == nil)
        #expect(throws: StoreError.duplicateCredential("urn:uuid:1")) { try store.awardCredential(older) }
    }

    @Test func revocationKeepsTheRowAndCannotHappenTwice() throws {
        let store = try AttestDatabase.inMemory()
        try store.awardCredential(F.award("urn:uuid:1", at: 0))
        #expect(try store.isRevoked("urn:uuid:1") == false)
        let revokedAt = F.start.addingTimeInterval(3600)
        let revoked = try store.revokeCredential(id: "urn:uuid:1", reason: "awarded in error", at: revokedAt)
        #expect(revoked.revokedAt == revokedAt)
        #expect(try store.credential("urn:uuid:1") == revoked)
        #expect(try store.credential("urn:uuid:1")?.revocationReason == "awarded in error")
        #expect(try store.isRevoked("urn:uuid:1"))
        let error = #expect(throws: StoreError.self) {
            try store.revokeCredential(id: "urn:uuid:1", reason: "again", at: revokedAt.addingTimeInterval(5))
        }
        #expect(error == .alreadyRevoked(id: "urn:uuid:1", at: revokedAt))
        #expect(error?.errorDescription?.contains("already revoked") == true)
        #expect(try store.credential("urn:uuid:1")?.revocationReason == "awarded in error")
        #expect(throws: StoreError.unknownCredential("urn:uuid:x")) {
            try store.revokeCredential(id: "urn:uuid:x", reason: "r", at: revokedAt)
        }
        #expect(throws: StoreError.unknownCredential("urn:uuid:x")) { try store.isRevoked("urn:uuid:x") }
    }

    @Test func credentialCountLeavesOutRevokedAndExpired() throws {
        let store = try AttestDatabase.inMemory()
        try store.awardCredential(F.award("urn:uuid:1", at: 0, expiresAfter: 100))
        try store.awardCredential(F.award("urn:uuid:2", at: 10))
        try store.awardCredential(F.award("urn:uuid:3", at: 20))
        try store.revokeCredential(id: "urn:uuid:3", reason: "cheating", at: F.start.addingTimeInterval(30))
        #expect(try store.credentialCount(learner: "ada") == 2)
        #expect(try store.credentialCount(learner: "ada", validAt: F.start.addingTimeInterval(50)) == 2)
        #expect(try store.credentialCount(learner: "ada", validAt: F.start.addingTimeInterval(100)) == 1)
        #expect(try store.credentialCount(learner: "bob") == 0)
    }
}
