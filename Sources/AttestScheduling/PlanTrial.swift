import AttestCore
import Foundation

/// Following `ExamPlanner` against random practice of the same minutes, on one seeded simulated learner.
///
/// Why it exists: the claim that the plan helps is checked (tests) and measured (bench) the same way: a learner
/// with memory weights of its own and some history starts twice from the same point; once it practises what the
/// planner picks each day (the planner sees only its answers, through the default model), once questions drawn at
/// random until the day's minutes are used; its true chance of a right answer on each exam question is compared.
public struct PlanTrial: Sendable {
    public var questions = 120
    public var skills = 4
    /// Questions the exam draws from the pool of `questions`.
    public var examSize = 40
    public var days = 14
    public var minutesPerDay = 10.0
    /// Questions already answered in the month before the plan starts.
    public var seenBefore = 50

    public init() {}

    /// Mean predicted exam score (true recall, weighted by the exam's draw) after planned and after random practice.
    public func run(seed: UInt64) -> (planned: Double, random: Double) {
        var random = SeededGenerator(seed: seed)
        let items = (0..<questions).map { index in
            ExamPlanner.Item(
                item: MemoryItem(packID: "trial", key: "q\(index)"), skills: ["s\(index % skills)"],
                examWeight: Double(examSize) / Double(questions), seconds: Double(20 + random.nextInt(below: 70)))
        }
        let start = Date(timeIntervalSince1970: 1_780_000_000 + 18 * 3_600)
        var learner = SimulatedLearner(weights: SimulatedLearner.weights(seed: seed), seed: seed)
        let believer = FSRSScheduler()
        var believed: [MemoryItem: MemoryState] = [:]
        for item in items.prefix(seenBefore) {
            var date = start.addingTimeInterval(-Double(1 + random.nextInt(below: 30)) * FSRSScheduler.day)
            for _ in 0..<(1 + random.nextInt(below: 3)) {
                let grade = learner.answer(item.item.key, at: date)
                believed[item.item] = believer.review(believed[item.item] ?? .new(at: date), grade: grade, at: date)
                date.addTimeInterval(Double(1 + random.nextInt(below: 5)) * FSRSScheduler.day)
                if date >= start { break }
            }
        }
        let exam = start.addingTimeInterval(Double(days) * FSRSScheduler.day)
        let planner = ExamPlanner(scheduler: believer)
        let planned = practise(learner, believed, items, exam: exam, start: start) { states, date in
            planner.day(items, states: states, at: date, exam: exam, budget: minutesPerDay * 60)
        }
        var draws = SeededGenerator(seed: seed ^ 0x5eed)
        let randomScore = practise(learner, believed, items, exam: exam, start: start) { _, _ in
            var left = minutesPerDay * 60
            return items.seededShuffled(using: &draws).filter { item in
                guard item.seconds <= left else { return false }
                left -= item.seconds
                return true
            }.map(\.item)
        }
        return (planned, randomScore)
    }

    private func practise(
        _ learner: SimulatedLearner, _ believed: [MemoryItem: MemoryState], _ items: [ExamPlanner.Item], exam: Date, start: Date,
        choose: ([MemoryItem: MemoryState], Date) -> [MemoryItem]
    ) -> Double {
        var learner = learner
        var believed = believed
        let scheduler = FSRSScheduler()
        let seconds = Dictionary(items.map { ($0.item, $0.seconds) }, uniquingKeysWith: { first, _ in first })
        var day = start
        while day < exam {
            var clock = day
            for item in choose(believed, day) {
                let grade = learner.answer(item.key, at: clock)
                believed[item] = scheduler.review(believed[item] ?? .new(at: clock), grade: grade, at: clock)
                clock.addTimeInterval(seconds[item] ?? 0)
            }
            day.addTimeInterval(FSRSScheduler.day)
        }
        return ExamPlanner.score(items) { learner.recallProbability($0.key, at: exam) }
    }
}
