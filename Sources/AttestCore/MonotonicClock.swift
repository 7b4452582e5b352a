import Foundation

/// A clock that only moves forward at the rate of real time, whatever is done to the wall clock.
///
/// The executable passes the system's boot-time clock (it keeps counting while the machine sleeps, so
/// time away still counts); tests pass a clock they advance by hand (`TestClock`), so they never sleep.
public protocol MonotonicClock: Sendable {
    /// Seconds since an arbitrary fixed origin; never decreases.
    func uptime() -> Double

    /// Names the origin `uptime()` counts from (the machine's boot), so a reading journaled by one process can be
    /// compared with one taken by another; nil when it cannot be told (readings then compare within a process only).
    func boot() -> String?
}

extension MonotonicClock {
    public func boot() -> String? { nil }
}

/// Where an exam's clock stood against the monotonic clock: the exam-clock moment `at` read at `uptime` since boot
/// `boot`. Journaled with the attempt, it lets a resume in the same boot — and `resume --list` — continue the exam's
/// time by monotonic time alone, so time away counts exactly and a changed wall clock neither adds nor removes any.
public struct ExamClockMark: Sendable, Hashable, Codable {
    public var boot: String
    public var uptime: Double
    public var at: Date

    public init(boot: String, uptime: Double, at: Date) {
        self.boot = boot
        self.uptime = uptime
        self.at = at
    }
}

/// A wall-clock jump an exam session noticed: since the previous jump (or the session's start) the wall
/// clock moved `wallChange` seconds while the monotonic clock moved `monotonicChange` (e.g. the date was
/// set back, or a shim froze it).
public struct ClockJump: Sendable, Hashable, Codable {
    /// When, on the exam clock.
    public var at: Date
    public var wallChange: Double
    public var monotonicChange: Double

    public init(at: Date, wallChange: Double, monotonicChange: Double) {
        self.at = at
        self.wallChange = wallChange
        self.monotonicChange = monotonicChange
    }

    /// Seconds the wall clock gained (positive) or lost (negative) against real time.
    public var skew: Double { wallChange - monotonicChange }
}

/// The clock an exam runs on: wall-clock time at the anchor, then advanced by the monotonic clock only.
///
/// Freezing or setting back the wall clock cannot stop an exam's time, and setting it forward cannot
/// take time away: elapsed time is measured monotonically from the anchor. Across a restart in the same boot
/// the anchor continues the journaled `ExamClockMark` by monotonic time, so time away counts exactly and the
/// wall clock plays no part; after a reboot (or without a mark) the anchor is the wall clock, never earlier than
/// the latest moment already journaled, so a clock set back while away gains nothing. Every jump of more than
/// `jumpTolerance` seconds between the wall and monotonic clocks is collected for the attempt's record.
public final class ExamClock: WallClock, @unchecked Sendable {
    public static let jumpTolerance = 2.0

    private let wall: any WallClock
    private let monotonic: any MonotonicClock
    private let anchorDate: Date
    private let anchorUptime: Double
    private let anchorBoot: String?
    private let lock = NSLock()
    private var lastWall: Date
    private var lastUptime: Double
    private var jumps: [ClockJump] = []

    /// An exam clock from now, never earlier than `notBefore` (the attempt's latest journaled moment). With a
    /// `continuing` mark from the same boot, now is that mark moved on by the monotonic time since it was taken.
    public init(wall: any WallClock, monotonic: any MonotonicClock, notBefore: Date? = nil, continuing mark: ExamClockMark? = nil) {
        self.wall = wall
        self.monotonic = monotonic
        let now = wall.now()
        anchorUptime = monotonic.uptime()
        anchorBoot = monotonic.boot()
        if let mark, mark.boot == anchorBoot, anchorUptime >= mark.uptime {
            let continued = mark.at.addingTimeInterval(anchorUptime - mark.uptime)
            anchorDate = max(continued, notBefore ?? continued)
        } else {
            anchorDate = max(now, notBefore ?? now)
        }
        lastWall = now
        lastUptime = anchorUptime
    }

    /// This clock's anchor against the monotonic clock, to journal with the attempt; nil when the boot is unknown.
    public var mark: ExamClockMark? {
        anchorBoot.map { ExamClockMark(boot: $0, uptime: anchorUptime, at: anchorDate) }
    }

    public func now() -> Date {
        let wallNow = wall.now()
        let uptime = monotonic.uptime()
        return lock.withLock {
            let examNow = anchorDate.addingTimeInterval(uptime - anchorUptime)
            let wallChange = wallNow.timeIntervalSince(lastWall), monotonicChange = uptime - lastUptime
            if abs(wallChange - monotonicChange) > Self.jumpTolerance {
                jumps.append(ClockJump(at: examNow, wallChange: wallChange, monotonicChange: monotonicChange))
                lastWall = wallNow
                lastUptime = uptime
            }
            return examNow
        }
    }

    /// The jumps noticed since the last call (each is handed out once, to be journaled).
    public func takeJumps() -> [ClockJump] {
        lock.withLock {
            defer { jumps = [] }
            return jumps
        }
    }
}
