import AttestCore
import Foundation

/// A learner whose memory follows FSRS with weights of its own: asked a question, it recalls it with the
/// probability its own model gives, drawn from a seeded generator.
///
/// Why it exists: the optimiser and the planner are judged on learners whose truth is known (the tests and
/// the bench replay the same seeds), never on anybody's real answers.
public struct SimulatedLearner: Sendable {
    public var truth: FSRSScheduler
    /// What the learner remembers of each question.
    public private(set) var memory: [String: MemoryState] = [:]
    /// The chance of getting a never-seen question right (guessing, prior knowledge).
    public var newRecall: Double
    private var random: SeededGenerator

    public init(weights: FSRSParameters, newRecall: Double = 0.3, seed: UInt64) {
        truth = FSRSScheduler(parameters: weights)
        self.newRecall = newRecall
        random = SeededGenerator(seed: seed)
    }

    /// Weights a seeded distance away from the defaults (each multiplied by 0.5…1.5, within bounds).
    public static func weights(seed: UInt64) -> FSRSParameters {
        var random = SeededGenerator(seed: seed)
        return .clamped(FSRSParameters.defaults.weights.map { $0 * (0.5 + Double(random.nextInt(below: 1_001)) / 1_000) })
    }

    /// The chance the learner answers `key` right at `date`.
    public func recallProbability(_ key: String, at date: Date) -> Double {
        guard let state = memory[key], state.lastReview != nil else { return newRecall }
        return truth.retrievability(state, at: date)
    }

    /// Answers `key` at `date`: right or wrong at random with the learner's recall probability; what it
    /// remembers is updated with the outcome.
    public mutating func answer(_ key: String, at date: Date) -> Grade {
        let recalled = Double(random.nextInt(below: 1_000_000)) / 1_000_000 < recallProbability(key, at: date)
        let grade: Grade = recalled ? .good : .again
        memory[key] = truth.review(memory[key] ?? .new(at: date), grade: grade, at: date)
        return grade
    }

    /// A history of `days` days of practice on `keys`: each day the questions the default scheduler says are
    /// due, plus `newPerDay` unseen ones, answered at a random time of the day.
    public mutating func history(keys: [String], days: Int, newPerDay: Int, start: Date) -> [TimedReview] {
        let scheduler = FSRSScheduler()
        var believed: [String: MemoryState] = [:]
        var unseen = keys[...]
        var reviews: [TimedReview] = []
        for day in 0..<days {
            var date = start.addingTimeInterval(Double(day) * FSRSScheduler.day + Double(random.nextInt(below: 36_000)))
            var today = believed.filter { $0.value.due <= date }.map(\.key).sorted()
            for _ in 0..<newPerDay { if let key = unseen.popFirst() { today.append(key) } }
            for key in today {
                let grade = answer(key, at: date)
                believed[key] = scheduler.review(believed[key] ?? .new(at: date), grade: grade, at: date)
                reviews.append(TimedReview(key: key, grade: grade, date: date))
                date.addTimeInterval(20 + Double(random.nextInt(below: 40)))
            }
        }
        return reviews
    }
}
