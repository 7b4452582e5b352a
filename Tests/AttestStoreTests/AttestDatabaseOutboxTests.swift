import AttestStore
import Foundation
import Testing

/// The registry outbox (v15): an attempt is queued once per registry and, once sent, never pending again.
@Suite("AttestDatabaseOutbox")
struct AttestDatabaseOutboxTests {
    @Test func anAttemptIsQueuedOnceAndLeavesThePendingListWhenSent() throws {
        let store = try AttestDatabase.inMemory()
        let registry = "https://registry.example.edu"
        let queuedAt = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try store.enqueueSubmission(registry: registry, attemptID: "a1", learner: "ada", bundle: "x.y.z", at: queuedAt))
        #expect(try !store.enqueueSubmission(registry: registry, attemptID: "a1", learner: "ada", bundle: "other", at: queuedAt))
        #expect(try store.enqueueSubmission(registry: "https://elsewhere.example", attemptID: "a1", learner: "ada", bundle: "x", at: queuedAt))
        let pending = try store.outbox(registry: registry)
        #expect(pending.map(\.bundle) == ["x.y.z"], "the first bundle is kept, byte for byte")
        let entry = try #require(pending.first)
        try store.recordOutboxFailure(id: entry.id, error: "connection refused")
        #expect(try store.outbox(registry: registry).first?.tries == 1)
        #expect(try store.outbox(registry: registry).first?.lastError == "connection refused")
        try store.markOutboxSent(id: entry.id, response: "{}", at: queuedAt.addingTimeInterval(60))
        try store.markOutboxSent(id: entry.id, response: "{\"second\":true}", at: queuedAt.addingTimeInterval(120))
        #expect(try store.outbox(registry: registry).isEmpty)
        let sent = try #require(try store.outbox(registry: registry, all: true).first)
        #expect(sent.response == "{}" && sent.tries == 2 && sent.lastError == nil)
        #expect(try store.outboxAttemptIDs(registry: registry) == ["a1"])
    }
}
