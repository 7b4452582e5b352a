import Foundation

/// Plans daily reviews up to an exam so that the predicted exam score is as high as the time allows.
///
/// Each day it spends the budget greedily on the reviews that raise the predicted chance of a right answer
/// on exam day the most per second (the question's share of the exam × the gain in its predicted recall on
/// exam day, averaged over a right and a wrong answer today, ÷ its measured answer time), at most once per
/// question a day, then carries each reviewed question forward with its likelier outcome.
///
/// Why it exists: `attest plan` and the tests and bench that compare it with random practice of the same
/// minutes on simulated learners.
public struct ExamPlanner: Sendable {
    /// A question the plan may schedule.
    public struct Item: Sendable, Hashable {
        public var item: MemoryItem
        public var skills: [String]
        /// Expected appearances on the exam (a section drawing k of n questions gives each k/n).
        public var examWeight: Double
        /// Seconds one review takes.
        public var seconds: Double

        public init(item: MemoryItem, skills: [String], examWeight: Double, seconds: Double) {
            self.item = item
            self.skills = skills
            self.examWeight = examWeight
            self.seconds = seconds
        }
    }

    /// One day of the plan.
    public struct Day: Sendable, Hashable {
        public var date: Date
        public var reviews: [MemoryItem]
        /// How many of `reviews` are of questions never answered before.
        public var new: Int
        public var seconds: Double
    }

    /// A plan and what it predicts for exam day.
    public struct Plan: Sendable, Hashable {
        public var days: [Day]
        /// Predicted chance of a right answer per skill on exam day, weighted by the exam's draw.
        public var readiness: [String: Double]
        /// The same without the plan (no more practice).
        public var readinessNow: [String: Double]
        public var score: Double
        public var scoreNow: Double
    }

    public var scheduler: FSRSScheduler
    /// The assumed chance of answering a never-answered question right.
    public var newRecall: Double

    public init(scheduler: FSRSScheduler, newRecall: Double = 0.25) {
        self.scheduler = scheduler
        self.newRecall = newRecall
    }

    /// The predicted chance of a right answer at `date`.
    public func recall(_ state: MemoryState?, at date: Date) -> Double {
        guard let state, state.lastReview != nil else { return newRecall }
        return scheduler.retrievability(state, at: date)
    }

    /// The predicted exam-day recall after a review at `date`, and the likelier state after it.
    func afterReview(_ state: MemoryState?, at date: Date, exam: Date) -> (recall: Double, likely: MemoryState) {
        let right = recall(state, at: date)
        let base = state ?? .new(at: date)
        let good = scheduler.review(base, grade: .good, at: date)
        let again = scheduler.review(base, grade: .again, at: date)
        let expected = right * scheduler.retrievability(good, at: exam) + (1 - right) * scheduler.retrievability(again, at: exam)
        return (expected, right >= 0.5 ? good : again)
    }

    /// The reviews for one day at `date` within `budget` seconds, best first.
    public func day(_ items: [Item], states: [MemoryItem: MemoryState], at date: Date, exam: Date, budget: Double) -> [MemoryItem] {
        let ranked = items.compactMap { item -> (Item, Double)? in
            guard item.examWeight > 0, item.seconds > 0 else { return nil }
            let state = states[item.item]
            let gain = item.examWeight * (afterReview(state, at: date, exam: exam).recall - recall(state, at: exam))
            return gain > 0 ? (item, gain / item.seconds) : nil
        }.sorted { ($0.1, $1.0.item) > ($1.1, $0.0.item) }
        var left = budget
        var chosen: [MemoryItem] = []
        for (item, _) in ranked where item.seconds <= left {
            chosen.append(item.item)
            left -= item.seconds
        }
        return chosen
    }

    /// A plan from `start` (the first session) with one session a day until `exam`.
    public func plan(_ items: [Item], states: [MemoryItem: MemoryState], start: Date, exam: Date, secondsPerDay: Double) -> Plan {
        var states = states
        var expected: [MemoryItem: Double] = [:]
        for item in items { expected[item.item] = recall(states[item.item], at: exam) }
        let now = expected
        let byItem = Dictionary(items.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
        var days: [Day] = []
        var date = start
        while date < exam {
            let chosen = day(items, states: states, at: date, exam: exam, budget: secondsPerDay)
            var new = 0
            for item in chosen {
                if states[item] == nil { new += 1 }
                let outcome = afterReview(states[item], at: date, exam: exam)
                expected[item] = outcome.recall
                states[item] = outcome.likely
            }
            days.append(Day(date: date, reviews: chosen, new: new, seconds: chosen.reduce(0) { $0 + (byItem[$1]?.seconds ?? 0) }))
            date.addTimeInterval(FSRSScheduler.day)
        }
        return Plan(
            days: days, readiness: Self.readiness(items, expected), readinessNow: Self.readiness(items, now),
            score: Self.score(items) { expected[$0] ?? newRecall }, scoreNow: Self.score(items) { now[$0] ?? newRecall })
    }

    /// The exam score predicted from each question's recall: Σ weight × recall ÷ Σ weight.
    public static func score(_ items: [Item], recall: (MemoryItem) -> Double) -> Double {
        let total = items.reduce(0) { $0 + $1.examWeight }
        return total == 0 ? 0 : items.reduce(0) { $0 + $1.examWeight * recall($1.item) } / total
    }

    static func readiness(_ items: [Item], _ recall: [MemoryItem: Double]) -> [String: Double] {
        let skills = Set(items.filter { $0.examWeight > 0 }.flatMap(\.skills))
        var result: [String: Double] = [:]
        for skill in skills {
            let members = items.filter { $0.skills.contains(skill) }
            result[skill] = score(members) { recall[$0] ?? 0 }
        }
        return result
    }
}
