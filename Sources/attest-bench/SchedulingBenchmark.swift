import AttestScheduling
import Foundation

/// Times fitting FSRS weights to 10,000 reviews of a simulated learner, and measures the plan against random
/// practice of equal minutes on seeded simulated learners.
///
/// `practice --optimize` runs the fit in the foreground, so its time is what a learner waits; the plan
/// figures are the ones docs/scoring.md quotes.
struct SchedulingBenchmark {
    /// Why the benchmark could not run.
    enum Failure: LocalizedError {
        case badArguments(String)

        var errorDescription: String? {
            switch self {
            case let .badArguments(text): "scheduling: \(text)"
            }
        }
    }

    var reviews = 10_000
    var learners = 20

    init(arguments: [String]) throws(Failure) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard let value = remaining.popFirst(), let number = Int(value), number > 0 else {
                throw .badArguments("bad value near \(argument)")
            }
            switch argument {
            case "--reviews": reviews = number
            case "--learners": learners = number
            default: throw .badArguments("unknown option \(argument)")
            }
        }
    }

    /// Prints: fitting milliseconds (wall clock, then processor time), held-out log-loss with the defaults and after fitting, the reviews fitted,
    /// then the mean predicted exam score with the plan and with random practice, and the learners it won for.
    func run() {
        var learner = SimulatedLearner(weights: SimulatedLearner.weights(seed: 2026), seed: 2026)
        let history = Array(learner.history(
            keys: (0..<2_000).map { "q\($0)" }, days: 400, newPerDay: 12, start: Date(timeIntervalSince1970: 1_780_000_000)
        ).prefix(reviews))
        let clock = ContinuousClock()
        var report: FittingReport?
        let cpuBefore = Glibc.clock()
        let elapsed = clock.measure { report = FSRSOptimizer().fit(history) }
        let cpuMilliseconds = Double(Glibc.clock() - cpuBefore) * 1_000 / Double(CLOCKS_PER_SEC)
        let fit = report!
        var planned = 0.0, random = 0.0, wins = 0
        for seed in 1...UInt64(learners) {
            let trial = PlanTrial().run(seed: seed)
            planned += trial.planned
            random += trial.random
            if trial.planned > trial.random { wins += 1 }
        }
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        print(milliseconds, cpuMilliseconds, fit.heldOutLossBefore, fit.heldOutLossAfter, history.count,
              planned / Double(learners), random / Double(learners), wins, learners)
    }
}
