import AttestCore
import Foundation

/// A wall clock and a monotonic clock that only move when a test says so: `advance(by:)` moves both,
/// `jumpWall(by:)` and `freezeWall()` only the wall clock (as a changed date or a clock shim would).
public final class TestClock: WallClock, MonotonicClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var elapsed = 0.0
    private var frozen = false

    public init(now: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        current = now
    }

    public func now() -> Date {
        lock.withLock { current }
    }

    public func uptime() -> Double {
        lock.withLock { elapsed }
    }

    /// One boot for the clock's whole life: readings journaled by one session compare with the next one's.
    public func boot() -> String? { "test-clock" }

    /// Real time passes: the monotonic clock moves by `seconds`, and so does the wall clock unless frozen.
    public func advance(by seconds: Double) {
        lock.withLock {
            elapsed += seconds
            if !frozen { current = current.addingTimeInterval(seconds) }
        }
    }

    /// The wall clock alone is set forward (or back, with a negative `seconds`).
    public func jumpWall(by seconds: Double) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    /// From now on the wall clock stands still while real time passes.
    public func freezeWall() {
        lock.withLock { frozen = true }
    }
}
