import AttestTestSupport
import Foundation
import LineEditor
import Testing

/// Readers share process-wide state (termination signal deferral, terminal timing), so their
/// suites run one test at a time, nested here.
@Suite(.serialized) enum ReaderTests {}

/// A `readLine` running on a background thread, so the test can type while it waits.
final class BackgroundRead: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var value: LineReadResult?
    let started = ContinuousClock.now
    private(set) var finished: ContinuousClock.Instant?

    init(_ reader: any LineReader & Sendable, _ options: ReadOptions) {
        let thread = Thread { [self] in
            let result = reader.readLine(options)
            lock.withLock {
                value = result
                finished = .now
            }
            done.signal()
        }
        thread.start()
    }

    /// The result, or nil if the read did not finish within `timeout`.
    func result(timeout: Double = 5) -> LineReadResult? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        done.signal()
        return lock.withLock { value }
    }

    /// How long the read took (after `result` returned non-nil).
    var elapsed: Duration? { lock.withLock { finished.map { started.duration(to: $0) } } }
}
