import AttestCore
import AttestStore
import Foundation

/// Times journaling one answer durably, the cost a learner pays between two questions.
///
/// Every answer is committed (`synchronous = FULL`, WAL) before the next question appears, so
/// its latency is bounded below by the disk's flush. The peer figure is that floor measured
/// directly: a 4 KiB append and `fdatasync` on a file in the same folder.
struct JournalBenchmark {
    /// Why the benchmark could not run.
    enum Failure: LocalizedError {
        case badArguments(String)
        case syncFailed(Int32)

        var errorDescription: String? {
            switch self {
            case let .badArguments(text): "journal: \(text)"
            case let .syncFailed(code): "journal: fdatasync failed (errno \(code))"
            }
        }
    }

    var directory = FileManager.default.temporaryDirectory.path
    var count = 500

    init(arguments: [String]) throws(Failure) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--dir":
                guard let value = remaining.popFirst() else { throw .badArguments("--dir needs a folder") }
                directory = value
            case "--count":
                guard let value = remaining.popFirst(), let number = Int(value), number > 1 else {
                    throw .badArguments("--count needs a number above 1")
                }
                count = number
            default:
                throw .badArguments("unknown option \(argument)")
            }
        }
    }

    /// Prints `p50 p99` in microseconds for the store, then for raw fdatasync.
    func run() throws {
        let folder = (directory as NSString).appendingPathComponent("attest-journal-\(getpid())")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try AttestDatabase.open(path: folder + "/journal.sqlite")
        let started = Date()
        let attempt = AttemptRecord(
            id: "journal-bench", learner: "bench", packID: "bench-pack", packVersion: "1.0.0", packHash: "0",
            quizID: "exam", mode: .exam, seed: 1, questionIDs: (0..<count).map { "q-\($0)" }, startedAt: started)
        try store.startAttempt(attempt)
        let clock = ContinuousClock()
        var storeSamples: [Double] = []
        for position in 0..<count {
            let response = ResponseRecord(
                attemptID: attempt.id, position: position, questionID: "q-\(position)", outcome: .answered, given: "b",
                selection: [1], score: 1, points: 1, maxPoints: 1, skills: [SkillWeight(skill: "skill-\(position % 5)")],
                difficulty: .medium, shownAt: started, answeredAt: started)
            let start = clock.now
            try store.recordResponse(response)
            storeSamples.append(Self.microseconds(clock.now - start))
        }
        try store.close()
        let raw = try rawSync(folder: folder, clock: clock)
        print(Self.percentile(storeSamples, 0.5), Self.percentile(storeSamples, 0.99),
              Self.percentile(raw, 0.5), Self.percentile(raw, 0.99))
    }

    private func rawSync(folder: String, clock: ContinuousClock) throws -> [Double] {
        let descriptor = open(folder + "/raw", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { throw Failure.syncFailed(errno) }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0x41, count: 4096)
        var samples: [Double] = []
        for _ in 0..<count {
            let start = clock.now
            guard write(descriptor, block, block.count) == block.count, fdatasync(descriptor) == 0 else {
                throw Failure.syncFailed(errno)
            }
            samples.append(Self.microseconds(clock.now - start))
        }
        return samples
    }

    static func microseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    }

    /// The nearest-rank percentile.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
