import Foundation

/// The FSRS-6 scheduler: folds one review at a time into a `MemoryState`, exactly as the reference
/// implementation (the Python `fsrs` package's `Scheduler`, fuzzing off) does, including its learning and
/// relearning steps and its same-day rule (a review less than a whole day after the previous one changes
/// stability by the short-term formula).
///
/// Why it exists: due dates, cram order and plans all rest on these numbers, and a test replays thousands of
/// reviews through both implementations to keep them equal. Time enters only as the dates of reviews.
public struct FSRSScheduler: Sendable, Hashable {
    public var parameters: FSRSParameters
    /// The retrievability a review is scheduled at (0.9 by default): a question is due when the model
    /// predicts the learner's chance of getting it right has fallen to this.
    public var desiredRetention: Double
    public var learningSteps: [TimeInterval]
    public var relearningSteps: [TimeInterval]
    /// Longest interval in days.
    public var maximumInterval: Int

    public static let day: TimeInterval = 86_400

    public init(
        parameters: FSRSParameters = .defaults, desiredRetention: Double = 0.9,
        learningSteps: [TimeInterval] = [60, 600], relearningSteps: [TimeInterval] = [600], maximumInterval: Int = 36_500
    ) {
        self.parameters = parameters
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
    }

    /// Whole days from `from` to `to`, rounded down (Python's `timedelta.days`).
    public static func wholeDays(from: Date, to: Date) -> Int {
        Int((to.timeIntervalSince(from) / day).rounded(.down))
    }

    /// The predicted chance of recalling the question at `date`: 0 before any review. Elapsed time counts in
    /// whole days, as the reference counts it.
    public func retrievability(_ state: MemoryState, at date: Date) -> Double {
        guard let last = state.lastReview, let stability = state.stability else { return 0 }
        return retrievability(elapsedDays: Double(max(0, Self.wholeDays(from: last, to: date))), stability: stability)
    }

    /// The FSRS-6 forgetting curve: (1 + factor · t / S)^decay.
    public func retrievability(elapsedDays: Double, stability: Double) -> Double {
        FSRSFormulas.retrievability(parameters.weights, elapsedDays: elapsedDays, stability: stability)
    }

    /// `state` after a review graded `grade` at `date`.
    public func review(_ state: MemoryState, grade: Grade, at date: Date) -> MemoryState {
        var card = state
        let elapsed = card.lastReview.map { max(0, Self.wholeDays(from: $0, to: date)) } ?? 0
        let memory = card.stability.flatMap { stability in card.difficulty.map { (stability, $0) } }
        let updated = FSRSFormulas.update(parameters.weights, memory: memory, elapsedDays: elapsed, grade: grade)
        card.stability = updated.stability
        card.difficulty = updated.difficulty
        let interval: TimeInterval
        switch card.phase {
        case .learning, .relearning:
            let steps = card.phase == .learning ? learningSteps : relearningSteps
            let step = card.step ?? 0
            if steps.isEmpty || (step >= steps.count && grade != .again) {
                interval = graduate(&card, stability: updated.stability)
            } else {
                switch grade {
                case .again:
                    card.step = 0
                    interval = steps[0]
                case .hard:
                    if step == 0 {
                        interval = steps.count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2
                    } else {
                        interval = steps[step]
                    }
                case .good:
                    if step + 1 == steps.count {
                        interval = graduate(&card, stability: updated.stability)
                    } else {
                        card.step = step + 1
                        interval = steps[step + 1]
                    }
                case .easy:
                    interval = graduate(&card, stability: updated.stability)
                }
            }
        case .review:
            if grade == .again && !relearningSteps.isEmpty {
                card.phase = .relearning
                card.step = 0
                interval = relearningSteps[0]
            } else {
                interval = Double(nextInterval(updated.stability)) * Self.day
            }
        }
        card.due = date.addingTimeInterval(interval)
        card.lastReview = date
        card.reviews += 1
        if grade == .again { card.lapses += 1 }
        return card
    }

    /// Moves a card to review and returns its interval.
    private func graduate(_ card: inout MemoryState, stability: Double) -> TimeInterval {
        card.phase = .review
        card.step = nil
        return Double(nextInterval(stability)) * Self.day
    }

    /// Days until retrievability reaches the desired retention, rounded half-to-even (Python's `round`),
    /// at least 1 and at most the maximum interval.
    public func nextInterval(_ stability: Double) -> Int {
        let days = stability / parameters.factor * (pow(desiredRetention, 1 / parameters.decay) - 1)
        return min(max(Int(days.rounded(.toNearestOrEven)), 1), maximumInterval)
    }
}

extension FSRSScheduler {
    /// Everything that changes the states this scheduler derives, as text: a cache made with another one is stale.
    public var fingerprint: String {
        "fsrs6;" + parameters.weights.map { "\($0)" }.joined(separator: ",") + ";\(desiredRetention);"
            + learningSteps.map { "\($0)" }.joined(separator: ",") + ";" + relearningSteps.map { "\($0)" }.joined(separator: ",")
            + ";\(maximumInterval)"
    }
}
