import Foundation

/// The process's one background thread for writing compiled packs, so the first sight of a large pack
/// costs the learner only its reading and decoding: the quiz starts from the decoded pack while the
/// compiled form is written behind it, in short transactions, for the next run.
///
/// Jobs run one at a time, in the order given. Before the process ends normally it waits for them
/// (`finishPendingWork`): a compile was started for a reason. A process ended by a signal loses the one
/// in flight, which is safe (a compiled form counts only once complete) and is redone next time.
final class BackgroundPackCompiler: @unchecked Sendable {
    static let shared = BackgroundPackCompiler()

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var busy = false
    private var started = false

    /// Queues `job` for the background thread (started on first use) and returns at once.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        jobs.append(job)
        if !started {
            started = true
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "attest.pack-compiler"
            thread.qualityOfService = .utility
            thread.start()
        }
        condition.broadcast()
    }

    /// Blocks until every job submitted so far (and any they submitted) has finished, and what they
    /// held, such as the store, has been let go.
    func finishPendingWork() {
        condition.lock()
        defer { condition.unlock() }
        while busy || !jobs.isEmpty {
            condition.wait()
        }
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty {
                condition.wait()
            }
            var job: (@Sendable () -> Void)? = jobs.removeFirst()
            busy = true
            condition.unlock()
            job?()
            // Released here, not at some later point, so a waiter sees the job's store closed.
            job = nil
            condition.lock()
            busy = false
            condition.broadcast()
            condition.unlock()
        }
    }
}
