import AttestCore
import AttestScheduling
import Foundation
import GRDB
import Testing

@testable import AttestStore

/// The v10 memory cache: always equal to a fold of the whole journal.
struct AttestDatabaseMemoryTests {
    let scheduler = FSRSScheduler()

    /// The ledger a fold of the learner's whole journal gives, without the cache.
    func fromScratch(_ store: AttestDatabase, learner: String = "ada") throws -> MemoryLedger {
        try store.read { db in
            MemoryLedger.rebuilt(
                from: try AttestDatabase.journalAnswers(db, learner: learner, after: 0), scheduler: scheduler, keying: .perQuestion)
        }
    }

    func expectCacheMatchesJournal(_ store: AttestDatabase) throws {
        let cached = try store.memoryLedger(learner: "ada", scheduler: scheduler, keying: .perQuestion)
        #expect(cached.items == (try fromScratch(store)).items)
        let reread = try store.read { db in try AttestDatabase.cachedLedger(db, learner: "ada", throughSeq: 0) }
        #expect(reread.items == cached.items)
    }

    @Test func answersAreFoldedInAsTheyArriveAndEqualAFullRebuild() throws {
        let store = try AttestDatabase.inMemory()
        var random = SeededGenerator(seed: 10)
        var offset = 0.0
        for attempt in 0..<12 {
            let id = "a\(attempt)"
            try store.startAttempt(StoreFixtures.attempt(id, mode: attempt % 3 == 0 ? .exam : .practice, at: offset))
            for position in 0..<8 {
                offset += Double(30 + random.nextInt(below: 3 * 86_400))
                let score = [0, 1, 1, 0.5][random.nextInt(below: 4)]
                try store.recordResponse(StoreFixtures.response(id, position: position, questionID: "q\(random.nextInt(below: 6))", score: score, at: offset))
            }
            try store.finishAttempt(id: id, status: .completed, endedAt: StoreFixtures.start.addingTimeInterval(offset))
            try expectCacheMatchesJournal(store)
        }
        let ledger = try store.memoryLedger(learner: "ada", scheduler: scheduler, keying: .perQuestion)
        #expect(ledger.items.count == 6)
        #expect(ledger.items.values.map(\.state.reviews).reduce(0, +) == 96)
        #expect(ledger.items.values.allSatisfy { abs($0.seconds - 12.25 * Double($0.state.reviews)) < 1e-6 })
    }

    @Test func aReplacedAnswerAndAnOlderImportRebuildTheCache() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(StoreFixtures.attempt("a1", mode: .practice))
        try store.recordResponse(StoreFixtures.response("a1", position: 0, questionID: "q1", score: 0, at: 10))
        try store.recordResponse(StoreFixtures.response("a1", position: 1, questionID: "q2", score: 1, at: 20))
        try expectCacheMatchesJournal(store)
        try store.recordResponse(StoreFixtures.response("a1", position: 0, questionID: "q1", score: 1, at: 30))
        try expectCacheMatchesJournal(store)
        let q1 = try store.memoryLedger(learner: "ada", scheduler: scheduler, keying: .perQuestion).items[MemoryItem(packID: "swift-basics", key: "q1")]
        #expect(q1?.state.reviews == 1)
        #expect(q1?.state.lapses == 0)
        try store.startAttempt(StoreFixtures.attempt("old", mode: .exam, at: -86_400 * 5))
        try store.recordResponse(StoreFixtures.response("old", position: 0, questionID: "q2", score: 0, at: -86_400 * 5))
        try expectCacheMatchesJournal(store)
    }

    @Test func anotherRetentionOrLearnerGetsItsOwnStates() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(StoreFixtures.attempt("a1", mode: .practice))
        for (position, offset) in ([10, 1_000, 5 * 86_400] as [Double]).enumerated() {
            try store.recordResponse(StoreFixtures.response("a1", position: position, questionID: "q1", score: 1, at: offset))
        }
        try store.startAttempt(StoreFixtures.attempt("b1", learner: "bob", mode: .practice))
        try store.recordResponse(StoreFixtures.response("b1", position: 0, questionID: "q9", score: 1, at: 10))
        let item = MemoryItem(packID: "swift-basics", key: "q1")
        let usual = try store.memoryLedger(learner: "ada", scheduler: scheduler, keying: .perQuestion)
        var strict = scheduler
        strict.desiredRetention = 0.97
        let stricter = try store.memoryLedger(learner: "ada", scheduler: strict, keying: .perQuestion)
        #expect(try #require(stricter.items[item]).state.due < (try #require(usual.items[item])).state.due)
        #expect(Set(try store.memoryLedger(learner: "bob", scheduler: scheduler, keying: .perQuestion).items.keys.map(\.key)) == ["q9"])
        #expect(try store.memoryLedger(learner: "nobody", scheduler: scheduler, keying: .perQuestion).items.isEmpty)
    }

    @Test func aKeyingFoldsTemplateInstancesIntoOneMemory() throws {
        let store = try AttestDatabase.inMemory()
        try store.startAttempt(StoreFixtures.attempt("a1", mode: .practice))
        try store.recordResponse(StoreFixtures.response("a1", position: 0, questionID: "t1#1", score: 1, at: 10))
        try store.recordResponse(StoreFixtures.response("a1", position: 1, questionID: "t1#2", score: 0, at: 20))
        let byTemplate = MemoryKeying(name: "template") { _, id in String(id.prefix { $0 != "#" }) }
        let ledger = try store.memoryLedger(learner: "ada", scheduler: scheduler, keying: byTemplate)
        #expect(ledger.items.count == 1)
        #expect(ledger.items[MemoryItem(packID: "swift-basics", key: "t1")]?.state.reviews == 2)
    }
}
