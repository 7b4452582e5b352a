import AttestCore
import AttestTestSupport
import Foundation
import Testing

@Suite("QuizPlan")
struct QuizPlanTests {
    let pack = SamplePack.make()
    var exam: Quiz { pack.quiz("mixed-exam")! }

    @Test func sameSeedReproducesQuestionsAndOptionOrders() throws {
        let a = try QuizPlan(pack: pack, quiz: exam, seed: 1234)
        let b = try QuizPlan(pack: pack, quiz: exam, seed: 1234)
        #expect(a == b)
        #expect(a.count == 6)
    }

    @Test func differentSeedsDiffer() throws {
        let plans = try (0..<20).map { try QuizPlan(pack: pack, quiz: exam, seed: UInt64($0)) }
        #expect(Set(plans.map(\.entries)).count > 10)
    }

    @Test func sectionsNeverRepeatAQuestion() throws {
        // sql-order evidences both skills, so both sections' pools hold it.
        for seed in 0..<300 {
            let plan = try QuizPlan(pack: pack, quiz: exam, seed: UInt64(seed))
            #expect(Set(plan.questionIDs).count == plan.count)
            for entry in plan.entries where entry.section == 0 {
                #expect(pack.question(entry.questionID)!.skillIDs.contains("sql"))
            }
        }
    }

    @Test func poolTooSmallIsAClearError() {
        var quiz = exam
        quiz.sections[1].count = 5  // stats has 5 questions, but one may be taken by the SQL section
        var failures = 0
        for seed in 0..<50 {
            do { _ = try QuizPlan(pack: pack, quiz: quiz, seed: UInt64(seed)) } catch {
                #expect(error == .poolTooSmall(section: 2, title: "Stats", wanted: 5, available: 4))
                #expect(error.errorDescription?.contains("Section 2 (Stats)") == true)
                failures += 1
            }
        }
        #expect(failures > 0)
    }

    @Test func orderingItemsAreNeverShownInTheCorrectOrder() throws {
        var quiz = exam
        quiz.shuffleOptions = false
        quiz.sections = [QuizSection(pool: .questions(["sql-order", "sql-select"]))]
        for seed in 0..<300 {
            let plan = try QuizPlan(pack: pack, quiz: quiz, seed: UInt64(seed))
            let ordering = plan.entries.first { $0.questionID == "sql-order" }!
            #expect(ordering.order.sorted() == [0, 1, 2, 3])
            #expect(ordering.order != [0, 1, 2, 3])
            #expect(plan.entries.first { $0.questionID == "sql-select" }!.order == [0, 1, 2, 3])
        }
    }

    @Test func twoItemOrderingIsAlwaysSwapped() throws {
        var small = pack
        small.questions.append(
            Question(id: "two", skills: [SkillWeight(skill: "sql")], prompt: "p", kind: .ordering(["x", "y"])))
        for seed in 0..<50 {
            let plan = try QuizPlan(pack: small, questionIDs: ["two"], seed: UInt64(seed), shuffleOptions: false)
            #expect(plan.entries[0].order == [1, 0])
        }
    }

    @Test func withoutShuffleQuestionsKeepPoolOrder() throws {
        var quiz = exam
        quiz.shuffleQuestions = false
        quiz.sections = [QuizSection(pool: .skills(["stats"]))]
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: 9)
        #expect(plan.questionIDs == ["sql-order", "stats-mean", "stats-median", "stats-sd", "stats-mode"])
    }

    @Test func rebuildingFromARecordGivesTheSamePlan() throws {
        let plan = try QuizPlan(pack: pack, quiz: exam, seed: 77)
        let record = AttemptRecord(
            id: "a1", learner: "l", packID: pack.id, packVersion: "1.0.0", packHash: "", quizID: exam.id, mode: .exam,
            seed: 77, questionIDs: plan.questionIDs, startedAt: Date(timeIntervalSince1970: 0))
        #expect(try QuizPlan(rebuilding: record, pack: pack, quiz: exam) == plan)
    }

    @Test func rebuildingFailsWhenAQuestionWasRemoved() throws {
        let plan = try QuizPlan(pack: pack, quiz: exam, seed: 77)
        var edited = pack
        edited.questions.removeAll { $0.id == plan.questionIDs[0] }
        let record = AttemptRecord(
            id: "a1", learner: "l", packID: pack.id, packVersion: "1.0.0", packHash: "", quizID: exam.id, mode: .exam,
            seed: 77, questionIDs: plan.questionIDs, startedAt: Date(timeIntervalSince1970: 0))
        #expect(throws: QuizPlanError.unknownQuestion(plan.questionIDs[0])) {
            try QuizPlan(rebuilding: record, pack: edited, quiz: exam)
        }
    }

    @Test func practiceQuizzesOverPackSkillAndMissed() throws {
        let all = try Quiz.practice(pack: pack)
        #expect(try QuizPlan(pack: pack, quiz: all, seed: 1).count == pack.questions.count)
        let skill = try Quiz.practice(pack: pack, skill: "sql", count: 2)
        let skillPlan = try QuizPlan(pack: pack, quiz: skill, seed: 1)
        #expect(skillPlan.count == 2)
        #expect(skillPlan.questionIDs.allSatisfy { pack.question($0)!.skillIDs.contains("sql") })
        #expect(throws: QuizPlanError.unknownSkill("nope")) { try Quiz.practice(pack: pack, skill: "nope") }
        let missed = try Quiz.practiceMissed(pack: pack, questionIDs: ["stats-sd", "gone", "sql-null", "stats-sd"])
        #expect(Set(try QuizPlan(pack: pack, quiz: missed, seed: 3).questionIDs) == ["stats-sd", "sql-null"])
        #expect(missed.mode == .practice && missed.id.hasPrefix(Quiz.practicePrefix))
        #expect(throws: QuizPlanError.empty(quiz: "practice:missed")) {
            try Quiz.practiceMissed(pack: pack, questionIDs: ["gone"])
        }
    }
}
