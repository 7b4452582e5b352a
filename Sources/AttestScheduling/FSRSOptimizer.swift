import AttestCore
import Foundation

/// One graded review of one question (or template), for fitting.
public struct TimedReview: Sendable, Hashable {
    public var key: String
    public var grade: Grade
    public var date: Date

    public init(key: String, grade: Grade, date: Date) {
        self.key = key
        self.grade = grade
        self.date = date
    }
}

/// What fitting found: the weights to use, and the log-loss of the defaults and of the fit on held-out reviews.
public struct FittingReport: Sendable, Hashable {
    /// The fitted weights when they predict the held-out reviews better than the defaults, else the defaults.
    public var parameters: FSRSParameters
    public var improved: Bool
    public var heldOutLossBefore: Double
    public var heldOutLossAfter: Double
    public var trainingReviews: Int
    public var heldOutReviews: Int
}

/// Fits a learner's FSRS weights by maximum likelihood on their own history, as FSRS's optimiser does: Adam
/// on the binary cross-entropy between predicted retrievability and recall (a review counts when it comes at
/// least a whole day after the previous one), mini-batches of 512, cosine-annealed learning rate, weights
/// clamped to their bounds after every step, the first 64 reviews of each question, the best epoch kept.
///
/// Why it exists: `practice --optimize`. The newest part of the history is held out, so the report says
/// honestly whether the fit predicts unseen reviews better; when it does not, the defaults stay.
public struct FSRSOptimizer: Sendable {
    public static let minimumReviews = 1_000
    public var epochs = 5
    public var batchSize = 512
    public var learningRate = 0.04
    public var maxSequence = 64
    /// The share of reviews (the newest) held out to judge the fit.
    public var heldOutFraction = 0.2
    /// Shuffles the order questions are visited in each epoch.
    public var seed: UInt64

    public init(seed: UInt64 = 42) {
        self.seed = seed
    }

    /// Reviews grouped per key, each group in time order, groups in order of their first review.
    static func histories(_ reviews: [TimedReview]) -> [[TimedReview]] {
        var groups: [String: [TimedReview]] = [:]
        for review in reviews { groups[review.key, default: []].append(review) }
        return groups.values
            .map { $0.sorted { $0.date < $1.date } }
            .sorted { ($0[0].date, $0[0].key) < ($1[0].date, $1[0].key) }
    }

    /// Mean log-loss of `parameters` over the reviews at or after `from` (all when nil), replaying every
    /// history whole, and how many reviews it counted.
    public static func logLoss(_ parameters: FSRSParameters, _ reviews: [TimedReview], from: Date? = nil) -> (loss: Double, count: Int) {
        var total = 0.0
        var count = 0
        for history in histories(reviews) {
            walk(parameters.weights, history) { predicted, recalled, date in
                guard from.map({ date >= $0 }) ?? true else { return }
                total += crossEntropy(predicted, recalled).value
                count += 1
            }
        }
        return (count == 0 ? 0 : total / Double(count), count)
    }

    /// The gradient of `logLoss` (over all reviews) with respect to each of the 21 weights.
    public static func lossGradient(_ parameters: FSRSParameters, _ reviews: [TimedReview]) -> [Double] {
        var gradient = SIMD32<Double>.zero
        var count = 0
        let w = Dual.variables(parameters.weights)
        for history in histories(reviews) {
            walk(w, history) { predicted, recalled, _ in
                gradient += crossEntropy(predicted, recalled).gradient
                count += 1
            }
        }
        return (0..<21).map { count == 0 ? 0 : gradient[$0] / Double(count) }
    }

    /// Replays one history under weights `w`, calling `body` with the predicted retrievability of each review
    /// that counts for the loss.
    static func walk<N: FSRSScalar>(_ w: [N], _ history: [TimedReview], _ body: (N, Bool, Date) -> Void) {
        var memory: (stability: N, difficulty: N)?
        var last: Date?
        for review in history {
            let elapsed = last.map { FSRSScheduler.wholeDays(from: $0, to: review.date) } ?? 0
            if let current = memory, elapsed > 0 {
                body(FSRSFormulas.retrievability(w, elapsedDays: Double(elapsed), stability: current.stability), review.grade.recalled, review.date)
            }
            memory = FSRSFormulas.update(w, memory: memory, elapsedDays: max(0, elapsed), grade: review.grade)
            last = review.date
        }
    }

    static func crossEntropy<N: FSRSScalar>(_ predicted: N, _ recalled: Bool) -> N {
        let p = FSRSFormulas.clamp(predicted, 1e-9, 1 - 1e-9)
        return recalled ? -N.log(p) : -N.log(N(1) - p)
    }

    /// Fits weights on all but the newest `heldOutFraction` of `reviews` and keeps them only if they predict
    /// the held-out reviews better than `start` (the defaults unless given).
    public func fit(_ reviews: [TimedReview], start: FSRSParameters = .defaults) -> FittingReport {
        let ordered = reviews.sorted { $0.date < $1.date }
        let cut = ordered.isEmpty ? Date.distantFuture : ordered[min(ordered.count - 1, Int(Double(ordered.count) * (1 - heldOutFraction)))].date
        let training = ordered.filter { $0.date < cut }
        let fitted = train(training, start: start)
        let before = Self.logLoss(start, ordered, from: cut)
        let after = Self.logLoss(fitted, ordered, from: cut)
        let improved = before.count > 0 && after.loss < before.loss
        return FittingReport(
            parameters: improved ? fitted : start, improved: improved, heldOutLossBefore: before.loss,
            heldOutLossAfter: improved ? after.loss : before.loss, trainingReviews: training.count, heldOutReviews: before.count)
    }

    /// Adam over mini-batches of the training histories; the epoch with the lowest training loss wins.
    public func train(_ reviews: [TimedReview], start: FSRSParameters = .defaults) -> FSRSParameters {
        var histories = Self.histories(reviews).map { Array($0.prefix(maxSequence)) }
        let counted = histories.reduce(0) { total, history in
            var count = 0
            Self.walk(start.weights, history) { _, _, _ in count += 1 }
            return total + count
        }
        guard counted >= batchSize else { return start }
        var weights = start.weights
        var best = (parameters: start, loss: Self.logLoss(start, reviews).loss)
        var firstMoment = SIMD32<Double>.zero, secondMoment = SIMD32<Double>.zero
        var step = 0
        let totalSteps = Double((counted + batchSize - 1) / batchSize * epochs)
        var random = SeededGenerator(seed: seed)
        for _ in 0..<epochs {
            histories = histories.seededShuffled(using: &random)
            var gradient = SIMD32<Double>.zero
            var inBatch = 0
            for history in histories {
                let w = Dual.variables(weights)
                Self.walk(w, history) { predicted, recalled, _ in
                    gradient += Self.crossEntropy(predicted, recalled).gradient
                    inBatch += 1
                    guard inBatch == batchSize else { return }
                    step += 1
                    let rate = learningRate * (1 + cos(Double.pi * Double(step - 1) / totalSteps)) / 2
                    firstMoment = 0.9 * firstMoment + 0.1 * gradient
                    secondMoment = 0.999 * secondMoment + 0.001 * gradient * gradient
                    let corrected = firstMoment / (1 - pow(0.9, Double(step)))
                    let scale = secondMoment / (1 - pow(0.999, Double(step)))
                    let update = rate * corrected / (scale.squareRoot() + 1e-8)
                    weights = FSRSParameters.clamped((0..<21).map { weights[$0] - update[$0] }).weights
                    gradient = .zero
                    inBatch = 0
                }
            }
            let candidate = FSRSParameters.clamped(weights)
            let loss = Self.logLoss(candidate, reviews).loss
            if loss < best.loss { best = (candidate, loss) }
        }
        return best.parameters
    }
}
