import AttestStore
import Foundation
import Testing

@Suite("AttemptLock")
struct AttemptLockTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attempt-lock-" + UUID().uuidString).path
    var storePath: String { folder + "/attest.sqlite" }

    @Test func aHeldAttemptNamesItsProcessAndIsFreeOnceReleased() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(AttemptLock.holder(of: "a1", storePath: storePath) == nil)
        guard case let .acquired(lock) = try AttemptLock.acquire(attemptID: "a1", storePath: storePath) else {
            Issue.record("the first lock must be acquired")
            return
        }
        #expect(AttemptLock.holder(of: "a1", storePath: storePath) == getpid())
        guard case let .heldElsewhere(pid) = try AttemptLock.acquire(attemptID: "a1", storePath: storePath) else {
            Issue.record("a second lock on the same attempt must be refused")
            return
        }
        #expect(pid == getpid())
        guard case .acquired = try AttemptLock.acquire(attemptID: "a2", storePath: storePath) else {
            Issue.record("another attempt is not locked")
            return
        }
        lock.release()
        #expect(AttemptLock.holder(of: "a1", storePath: storePath) == nil)
        guard case .acquired = try AttemptLock.acquire(attemptID: "a1", storePath: storePath) else {
            Issue.record("a released attempt can be locked again")
            return
        }
    }

    @Test func aStaleLockFileLeftByAKilledProcessDoesNotBlock() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: AttemptLock.directory(storePath: storePath), withIntermediateDirectories: true)
        let file = AttemptLock.directory(storePath: storePath) + "/a1"
        // A stale file left by a killed holder (its pid written, no lock held) does not block anyone.
        try Data("999999\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(AttemptLock.holder(of: "a1", storePath: storePath) == nil)
        guard case .acquired = try AttemptLock.acquire(attemptID: "a1", storePath: storePath) else {
            Issue.record("a stale lock file must not block")
            return
        }
    }
}
