import AttestScheduling
import Foundation
import Testing

/// ExamPlanner: within budget, aimed at the exam, and better than random practice on simulated learners.
struct ExamPlannerTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    func items(_ count: Int, seconds: Double = 30, weight: Double = 1) -> [ExamPlanner.Item] {
        (0..<count).map {
            ExamPlanner.Item(item: MemoryItem(packID: "p", key: "q\($0)"), skills: [$0 % 2 == 0 ? "even" : "odd"], examWeight: weight, seconds: seconds)
        }
    }

    @Test func everyDayStaysWithinItsMinutesAndTheForecastRises() {
        let planner = ExamPlanner(scheduler: FSRSScheduler())
        let exam = start.addingTimeInterval(10 * FSRSScheduler.day)
        let plan = planner.plan(items(60), states: [:], start: start, exam: exam, secondsPerDay: 300)
        #expect(plan.days.count == 10)
        #expect(plan.days.allSatisfy { $0.seconds <= 300 && Set($0.reviews).count == $0.reviews.count })
        #expect(plan.days[0].new == 10)
        #expect(plan.score > plan.scoreNow)
        #expect(Set(plan.readiness.keys) == ["even", "odd"])
        #expect(plan.readinessNow["even"] == 0.25)
    }

    @Test func questionsOffTheExamAreNeverPlanned() {
        let planner = ExamPlanner(scheduler: FSRSScheduler())
        let offExam = items(5, weight: 0)
        let chosen = planner.day(offExam, states: [:], at: start, exam: start.addingTimeInterval(5 * FSRSScheduler.day), budget: 1_000)
        #expect(chosen.isEmpty)
    }

    @Test func aForgottenQuestionComesBeforeAFreshOne() {
        let planner = ExamPlanner(scheduler: FSRSScheduler())
        let scheduler = FSRSScheduler()
        var old = scheduler.review(.new(at: start.addingTimeInterval(-40 * FSRSScheduler.day)), grade: .good, at: start.addingTimeInterval(-40 * FSRSScheduler.day))
        old = scheduler.review(old, grade: .good, at: start.addingTimeInterval(-39 * FSRSScheduler.day))
        var fresh = scheduler.review(.new(at: start.addingTimeInterval(-2 * FSRSScheduler.day)), grade: .good, at: start.addingTimeInterval(-2 * FSRSScheduler.day))
        fresh = scheduler.review(fresh, grade: .good, at: start.addingTimeInterval(-FSRSScheduler.day))
        let two = items(2)
        let chosen = planner.day(two, states: [two[0].item: fresh, two[1].item: old], at: start, exam: start.addingTimeInterval(7 * FSRSScheduler.day), budget: 30)
        #expect(chosen == [two[1].item])
    }

    @Test func followingThePlanBeatsRandomPracticeOfEqualMinutes() {
        var planned = 0.0, random = 0.0
        let seeds: [UInt64] = [1, 2, 3, 4, 5, 6]
        for seed in seeds {
            let result = PlanTrial().run(seed: seed)
            print("ExamPlanner seed \(seed): predicted exam score \(result.planned) planned, \(result.random) random")
            #expect(result.planned > result.random, "seed \(seed)")
            planned += result.planned
            random += result.random
        }
        print("ExamPlanner: mean predicted exam score \(planned / Double(seeds.count)) planned vs \(random / Double(seeds.count)) random")
    }
}
