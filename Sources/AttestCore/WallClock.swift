import Foundation

/// The source of "now" for everything in the core that depends on time.
///
/// The core never reads the system clock itself: the executable passes
/// `SystemClock` (in AttestCLI), tests pass a clock they advance by hand. Wall-clock time (not a
/// monotonic clock) is used on purpose: an exam's time is measured from its
/// recorded start, so a crash and a resume cannot buy extra time.
public protocol WallClock: Sendable {
    func now() -> Date
}
