import AttestCore
import Foundation

/// The machine's clocks, kept out of the pure core: the wall clock, and a monotonic clock that counts
/// sleep too (`CLOCK_BOOTTIME`), which exams measure their time with.
public struct SystemClock: WallClock, MonotonicClock {
    public init() {}
    public func now() -> Date { Date() }

    public func uptime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_BOOTTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The kernel's id of this boot: `CLOCK_BOOTTIME` starts again from zero under a new one.
    public func boot() -> String? {
        (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
