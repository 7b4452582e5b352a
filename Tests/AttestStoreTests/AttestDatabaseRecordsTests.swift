import AttestStore
import Foundation
import Testing

/// Learners, packs seen, the pack cache and settings.
@Suite("AttestDatabase+Learners, +Packs, +Settings")
struct AttestDatabaseRecordsTests {
    private typealias F = StoreFixtures

    @Test func learnersAreEnsuredOnceAndUpdated() throws {
        let store = try AttestDatabase.inMemory()
        let ada = try store.ensureLearner("ada", at: F.start)
        #expect(ada == LearnerRecord(name: "ada", createdAt: F.start))
        #expect(try store.ensureLearner("ada", at: F.start.addingTimeInterval(100)) == ada)
        try store.updateLearner("ada", email: "ada@example.org", did: "did:example:ada")
        #expect(try store.learner("ada") == LearnerRecord(
            name: "ada", email: "ada@example.org", did: "did:example:ada", createdAt: F.start))
        try store.updateLearner("ada", email: nil, did: "did:example:ada")
        #expect(try store.learner("ada")?.email == nil)
        #expect(throws: StoreError.unknownLearner("zed")) { try store.updateLearner("zed", email: nil, did: nil) }
        try store.ensureLearner("bob", at: F.start)
        #expect(try store.learners().map(\.name) == ["ada", "bob"])
    }

    @Test func packSightingsKeepTheFirstAndCacheStoresBytes() throws {
        let store = try AttestDatabase.inMemory()
        try store.recordPackSeen(id: "swift-basics", version: "1.0.0", hash: "h1", title: "Swift", at: F.start)
        try store.recordPackSeen(id: "swift-basics", version: "1.0.0", hash: "h1", title: "Renamed", at: F.start + 9)
        try store.recordPackSeen(id: "swift-basics", version: "1.0.1", hash: "h2", title: "Swift 2", at: F.start + 5)
        #expect(try store.seenPacks() == [
            PackSeenRecord(id: "swift-basics", version: "1.0.0", contentHash: "h1", title: "Swift", firstSeenAt: F.start),
            PackSeenRecord(id: "swift-basics", version: "1.0.1", contentHash: "h2", title: "Swift 2", firstSeenAt: F.start + 5),
        ])
        #expect(try store.cachedPack(packID: "swift-basics", contentHash: "h1") == nil)
    }

    @Test func settingsSetReplaceAndRemove() throws {
        let store = try AttestDatabase.inMemory()
        #expect(try store.setting("theme") == nil)
        try store.setSetting("theme", to: "dark")
        try store.setSetting("theme", to: "light")
        #expect(try store.setting("theme") == "light")
        try store.setSetting("theme", to: nil)
        #expect(try store.setting("theme") == nil)
    }
}
