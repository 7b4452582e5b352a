import AttestCore
import AttestScheduling
import Foundation
import Testing

/// FSRSScheduler against the reference implementation (PyPI `fsrs`) on randomised review logs.
struct FSRSSchedulerTests {
    /// The reference version scripts/test installs; the replay must run against exactly this one.
    static let pinnedVersion = "6.3.2"

    struct Review {
        var card: Int
        var grade: Grade
        var seconds: Int
    }

    /// `count` reviews of `cards` questions at random gaps (minutes, hours, days, weeks) graded from `grades`.
    static func randomLog(seed: UInt64, cards: Int, count: Int, grades: [Grade]) -> [Review] {
        var random = SeededGenerator(seed: seed)
        var clock = 1_780_000_000
        var log: [Review] = []
        for _ in 0..<count {
            let gap: Int
            switch random.nextInt(below: 4) {
            case 0: gap = 30 + random.nextInt(below: 3_600)
            case 1: gap = 3_600 + random.nextInt(below: 20 * 3_600)
            case 2: gap = 86_400 + random.nextInt(below: 9 * 86_400)
            default: gap = 10 * 86_400 + random.nextInt(below: 60 * 86_400)
            }
            clock += gap / 8
            log.append(Review(card: random.nextInt(below: cards), grade: grades[random.nextInt(below: grades.count)], seconds: clock))
        }
        return log
    }

    struct ReferenceOutput: Decodable {
        var version: String
        var parameter_count: Int
        var defaults: [Double]
        var steps: [[Double]]
    }

    static func reference(_ log: [Review], weights: [Double], retention: Double) throws -> ReferenceOutput? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fsrs_replay.py")
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import fsrs"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch {
            print("SKIP FSRSScheduler reference replay: python3 cannot be started; ./scripts/test installs python3 and fsrs \(pinnedVersion)")
            return nil
        }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            print("SKIP FSRSScheduler reference replay: the Python package fsrs is not installed; ./scripts/test installs fsrs==\(pinnedVersion)")
            return nil
        }
        let request: [String: Any] = [
            "parameters": weights, "desired_retention": retention,
            "reviews": log.map { [$0.card, $0.grade.rawValue, $0.seconds] },
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let output = Pipe(), input = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: request))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: message, as: UTF8.self))")
        return try JSONDecoder().decode(ReferenceOutput.self, from: data)
    }

    static func replay(_ log: [Review], weights: [Double], retention: Double) throws {
        guard let reference = try reference(log, weights: weights, retention: retention) else { return }
        #expect(reference.version == pinnedVersion)
        #expect(reference.parameter_count == 21)
        #expect(reference.defaults == FSRSParameters.defaults.weights)
        try #require(reference.steps.count == log.count)
        let scheduler = FSRSScheduler(parameters: try FSRSParameters(weights: weights), desiredRetention: retention)
        var states: [Int: MemoryState] = [:]
        var worst = 0.0
        for (index, review) in log.enumerated() {
            let date = Date(timeIntervalSince1970: Double(review.seconds))
            let state = states[review.card] ?? .new(at: date)
            let before = scheduler.retrievability(state, at: date)
            let after = scheduler.review(state, grade: review.grade, at: date)
            states[review.card] = after
            let ours = [before, after.stability!, after.difficulty!, after.due.timeIntervalSince1970, scheduler.retrievability(after, at: after.due)]
            for (mine, theirs) in zip(ours, reference.steps[index]) {
                let difference = abs(mine - theirs) / max(1, abs(theirs))
                worst = max(worst, difference)
                if difference > 1e-6 {
                    Issue.record("review \(index) of card \(review.card) (\(review.grade)): ours \(ours) reference \(reference.steps[index])")
                    return
                }
            }
        }
        print("FSRSScheduler: \(log.count) reviews match fsrs \(reference.version); largest relative difference \(worst)")
    }

    @Test func rightWrongLogsMatchTheReference() throws {
        try Self.replay(Self.randomLog(seed: 18, cards: 80, count: 4_000, grades: [.again, .good]), weights: FSRSParameters.defaults.weights, retention: 0.9)
    }

    @Test func allGradesOtherRetentionAndFittedWeightsMatchTheReference() throws {
        var random = SeededGenerator(seed: 6)
        let weights = zip(FSRSParameters.lowerBounds, FSRSParameters.upperBounds).map { low, high in
            low + (min(high, low + 5) - low) * Double(random.nextInt(below: 1_000)) / 1_000
        }
        try Self.replay(Self.randomLog(seed: 7, cards: 40, count: 2_000, grades: Grade.allCases), weights: weights, retention: 0.82)
    }

    @Test func retrievabilityIsNinetyPercentAfterOneStability() {
        let scheduler = FSRSScheduler()
        #expect(abs(scheduler.retrievability(elapsedDays: 7, stability: 7) - 0.9) < 1e-12)
        #expect(scheduler.retrievability(.new(at: Date()), at: Date()) == 0)
    }

    @Test func outOfBoundsWeightsAreRefused() {
        var weights = FSRSParameters.defaults.weights
        weights[20] = 0.9
        #expect(throws: FSRSParameters.Problem.outOfBounds(index: 20, value: 0.9)) { try FSRSParameters(weights: weights) }
        #expect(throws: FSRSParameters.Problem.count(3)) { try FSRSParameters(weights: [1, 2, 3]) }
    }

    @Test func partialScoresMapToGrades() {
        #expect(Grade(score: 1) == .good)
        #expect(Grade(score: 0.5) == .hard)
        #expect(Grade(score: 0.49) == .again)
        #expect(Grade(score: 0) == .again)
    }
}
