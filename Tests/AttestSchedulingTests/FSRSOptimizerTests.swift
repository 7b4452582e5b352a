import AttestScheduling
import Foundation
import Testing

/// FSRSOptimizer on simulated learners whose true weights are known.
struct FSRSOptimizerTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static func history(seed: UInt64, days: Int = 120) -> [TimedReview] {
        var learner = SimulatedLearner(weights: SimulatedLearner.weights(seed: seed), seed: seed)
        return learner.history(keys: (0..<400).map { "q\($0)" }, days: days, newPerDay: 8, start: start)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func heldOutLossIsAtOrBelowTheDefaults(seed: UInt64) {
        let reviews = Self.history(seed: seed)
        #expect(reviews.count >= FSRSOptimizer.minimumReviews)
        let report = FSRSOptimizer(seed: seed).fit(reviews)
        print("FSRSOptimizer seed \(seed): \(reviews.count) reviews, held-out log-loss \(report.heldOutLossBefore) -> \(report.heldOutLossAfter) (\(report.heldOutReviews) held out)")
        #expect(report.heldOutReviews > 100)
        #expect(report.heldOutLossAfter <= report.heldOutLossBefore)
        let recomputed = FSRSOptimizer.logLoss(report.parameters, reviews, from: nil)
        #expect(recomputed.count > 0)
    }

    @Test func fittingLowersTheTrainingLoss() {
        let reviews = Self.history(seed: 9)
        let fitted = FSRSOptimizer(seed: 9).train(reviews)
        #expect(FSRSOptimizer.logLoss(fitted, reviews).loss < FSRSOptimizer.logLoss(.defaults, reviews).loss)
        #expect(fitted != .defaults)
    }

    @Test func tooFewReviewsKeepTheStartingWeights() {
        let reviews = Array(Self.history(seed: 4, days: 10).prefix(200))
        #expect(FSRSOptimizer().train(reviews) == .defaults)
    }

    @Test func dualGradientsMatchFiniteDifferences() {
        let reviews = Self.history(seed: 5, days: 40)
        var weights = FSRSParameters.defaults.weights
        let analytic = FSRSOptimizer.lossGradient(FSRSParameters.defaults, reviews)
        for index in [0, 4, 8, 11, 17, 20] {
            let h = 1e-6
            weights[index] += h
            let up = FSRSOptimizer.logLoss(.clamped(weights), reviews).loss
            weights[index] -= 2 * h
            let down = FSRSOptimizer.logLoss(.clamped(weights), reviews).loss
            weights[index] += h
            let numeric = (up - down) / (2 * h)
            #expect(abs(numeric - analytic[index]) < 1e-4 * max(1, abs(numeric)), "weight \(index): \(numeric) vs \(analytic[index])")
        }
    }
}
