import AttestCore
import AttestTestSupport
import Foundation
import Testing

@Suite("SectionDecision")
struct SectionDecisionTests {
    /// ln(0.9/0.5) = 0.588 per right answer, ln(0.1/0.5) = −1.609 per wrong one; bounds 2.89 and −2.25, so
    /// five right answers settle "proficient" and 1 right after 2 wrong settles "not yet" (minItems 3).
    static let rule = DecisionRule(lower: 0.5, upper: 0.9, alpha: 0.05, beta: 0.1, minItems: 3, maxItems: 10)

    /// Twelve Scrum statements (the exam draws 9) and three Kanban ones (it draws 2).
    static func pack(mode: Quiz.Mode = .exam, allowBack: Bool = false) -> Pack {
        let scrum = (1...12).map { index in
            Question(
                id: "scrum-\(index)", skills: [SkillWeight(skill: "scrum")], prompt: "Scrum statement \(index).",
                kind: .trueFalse(answer: index.isMultiple(of: 2)), explanation: "Because.")
        }
        let kanban = (1...3).map { index in
            Question(
                id: "kanban-\(index)", skills: [SkillWeight(skill: "kanban")], prompt: "Kanban statement \(index).",
                kind: .trueFalse(answer: true), explanation: "Because.")
        }
        let quiz = Quiz(
            id: "exam", title: "Exam", mode: mode,
            sections: [
                QuizSection(title: "Scrum", pool: .skills(["scrum"]), count: 9),
                QuizSection(title: "Kanban", pool: .skills(["kanban"]), count: 2),
            ], timeLimit: 3600, questionTimeLimit: 60, allowBack: allowBack, decision: rule)
        return Pack(
            id: "agile", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "Agile",
            skills: [Skill(id: "scrum", name: "Scrum"), Skill(id: "kanban", name: "Kanban")],
            questions: scrum + kanban, quizzes: [quiz])
    }

    func engine(_ pack: Pack, clock: TestClock) throws -> QuizEngine {
        let quiz = pack.quizzes[0]
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: 7)
        return QuizEngine(pack: pack, quiz: quiz, plan: plan, attemptID: "att-1", clock: clock)
    }

    /// Answers the open question right or wrong; returns the journaled record.
    @discardableResult
    func answer(_ engine: inout QuizEngine, right: Bool, clock: TestClock) throws -> ResponseRecord {
        let item = try #require(engine.current)
        clock.advance(by: 4)
        let input = right ? AnswerKey.correctInput(for: item.presented) : AnswerKey.wrongInput(for: item.presented)
        let outcome = engine.submit(input)
        guard case let .accepted(record, _) = outcome else { throw NotAccepted(outcome: outcome) }
        return record
    }

    @Test func fiveRightAnswersSettleProficientAndSkipTheRestOfTheSection() throws {
        let clock = TestClock()
        var engine = try engine(Self.pack(), clock: clock)
        for _ in 0..<5 { try answer(&engine, right: true, clock: clock) }
        let settled = try #require(engine.decisions.first)
        #expect(settled.skillID == "scrum")
        #expect(settled.decision == .proficient(items: 5, early: true))
        #expect(settled.saved == [5, 6, 7, 8])
        // The next question shown is Kanban's: the four remaining Scrum questions are never shown.
        #expect(engine.current?.position == 9)
        #expect(engine.current?.question.id.hasPrefix("kanban") == true)
        try answer(&engine, right: true, clock: clock)
        try answer(&engine, right: false, clock: clock)
        #expect(engine.status == .completed)
        let result = engine.result()
        #expect(result.saved == 4)
        #expect(result.maxPoints == 7)
        let scrum = try #require(result.skills.first { $0.skillID == "scrum" })
        #expect(scrum.passed)
        #expect(scrum.decision?.items == 5)
        // Kanban has a section of its own too: two answers cannot settle it before the draw runs out, so the
        // rule decides at the last one (1 of 2 is not yet).
        let kanban = try #require(result.skills.first { $0.skillID == "kanban" })
        #expect(kanban.decision?.decision == .notYet(items: 2, early: false))
        #expect(!result.passed)
        #expect(result.missed.allSatisfy { $0.questionID.hasPrefix("kanban") })
    }

    @Test func twoWrongAndOneRightSettleNotYetAfterThreeQuestions() throws {
        let clock = TestClock()
        var engine = try engine(Self.pack(), clock: clock)
        try answer(&engine, right: false, clock: clock)
        try answer(&engine, right: false, clock: clock)
        #expect(engine.decisions.isEmpty)
        try answer(&engine, right: true, clock: clock)
        #expect(engine.decisions.first?.decision == .notYet(items: 3, early: true))
        #expect(engine.decisions.first?.saved.count == 6)
        #expect(engine.current?.question.id.hasPrefix("kanban") == true)
        let scrum = try #require(engine.result().skills.first { $0.skillID == "scrum" })
        // A third right would have given 1/3 = 33 %: the rule, not the threshold, fails the skill.
        #expect(!scrum.passed)
    }

    @Test func aQuestionThatTimesOutCountsAsWrong() throws {
        let clock = TestClock()
        var engine = try engine(Self.pack(), clock: clock)
        clock.advance(by: 61)
        _ = engine.checkTime()
        clock.advance(by: 61)
        _ = engine.checkTime()
        #expect(engine.responses.values.map(\.outcome) == [.timedOut, .timedOut])
        try answer(&engine, right: true, clock: clock)
        #expect(engine.decisions.first?.decision == .notYet(items: 3, early: true))
    }

    @Test func resumingFromTheJournalReachesTheSameStoppingState() throws {
        let clock = TestClock()
        let pack = Self.pack()
        var engine = try engine(pack, clock: clock)
        var journal: [ResponseRecord] = []
        for _ in 0..<5 { journal.append(try answer(&engine, right: true, clock: clock)) }
        clock.advance(by: 30)
        let resumed = try QuizEngine.resume(
            pack: pack, quiz: pack.quizzes[0], record: engine.attemptRecord(learner: "ada"), responses: journal,
            clock: clock)
        #expect(resumed.decisions == engine.decisions)
        #expect(resumed.current?.position == engine.current?.position)
        #expect(resumed.review().entries.map(\.position) == [0, 1, 2, 3, 4, 9, 10])
    }

    @Test func goingBackIntoASettledSectionIsRefused() throws {
        let clock = TestClock()
        var engine = try engine(Self.pack(allowBack: true), clock: clock)
        for _ in 0..<5 { try answer(&engine, right: true, clock: clock) }
        guard case let .refused(reason) = engine.goTo(2) else {
            Issue.record("went back into a settled section")
            return
        }
        #expect(reason.contains("decision for Scrum has been reached"))
        #expect(engine.goTo(6) == .refused(reason: "you can only go to questions you have already reached"))
    }

    @Test func practiceNeverStopsEarly() throws {
        let clock = TestClock()
        var engine = try engine(Self.pack(mode: .practice), clock: clock)
        for _ in 0..<6 { try answer(&engine, right: true, clock: clock) }
        #expect(engine.decisions.isEmpty)
        #expect(engine.current?.position == 6)
    }

    @Test func anExamWithoutARuleKeepsItsFixedForm() throws {
        var pack = Self.pack()
        pack.quizzes[0].decision = nil
        let clock = TestClock()
        var engine = try engine(pack, clock: clock)
        for _ in 0..<6 { try answer(&engine, right: true, clock: clock) }
        #expect(engine.current?.position == 6)
        #expect(engine.result().skills.allSatisfy { $0.decision == nil && !$0.awaitsDecision })
    }

    @Test func anAttemptEndingBeforeTheDecisionDoesNotPass() throws {
        let clock = TestClock()
        var engine = try engine(Self.pack(), clock: clock)
        for _ in 0..<4 { try answer(&engine, right: true, clock: clock) }
        engine.quit()
        let scrum = try #require(engine.result().skills.first { $0.skillID == "scrum" })
        #expect(scrum.awaitsDecision)
        #expect(!scrum.passed)
    }

    @Test func reScoringRejectsAnAnswerToAQuestionTheRuleSaved() throws {
        let clock = TestClock()
        let pack = Self.pack()
        var engine = try engine(pack, clock: clock)
        var journal: [ResponseRecord] = []
        while engine.current != nil { journal.append(try answer(&engine, right: true, clock: clock)) }
        let record = engine.attemptRecord(learner: "ada")
        #expect(SubmissionCheck.problems(record: record, responses: journal, jumps: [], pack: pack).isEmpty)
        var forged = journal[4]
        forged.position = 5
        forged.questionID = engine.plan.entries[5].questionID
        let problems = SubmissionCheck.problems(record: record, responses: journal + [forged], jumps: [], pack: pack)
        #expect(problems.contains("response 6: answered after the decision rule had settled scrum"))
    }
}
