import AttestCore

/// A wall clock whose seconds may pass faster than real ones, such as a test fast-forwarding an exam:
/// a quiz session divides the time until its next warning by `rate` to know how long to wait.
public protocol PacedClock: WallClock {
    /// Clock seconds per real second (1 for the machine's clock).
    var rate: Double { get }
}
