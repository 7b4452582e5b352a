import AttestCore
import Foundation

/// The machine's clock: the one `WallClock` that reads real time, kept out of the pure core.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
