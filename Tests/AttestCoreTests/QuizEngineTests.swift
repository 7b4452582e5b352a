import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// A submit or skip that a test expected to be recorded was not.
struct NotAccepted: Error {
    let outcome: SubmitOutcome
}

@Suite("QuizEngine")
struct QuizEngineTests {
    let pack = SamplePack.make()

    func engine(
        _ quizID: String = "mixed-exam", seed: UInt64 = 11, clock: TestClock, edit: (inout Quiz) -> Void = { _ in },
        timedPractice: Bool = false
    ) throws -> QuizEngine {
        var quiz = pack.quiz(quizID)!
        edit(&quiz)
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: seed)
        return QuizEngine(
            pack: pack, quiz: quiz, plan: plan, attemptID: "att-1", clock: clock, timedPractice: timedPractice)
    }

    func record(_ outcome: SubmitOutcome) throws -> ResponseRecord {
        guard case let .accepted(record, _) = outcome else {
            throw NotAccepted(outcome: outcome)
        }
        return record
    }

    @Test func examRecordsAnswersWithoutFeedbackAndCompletes() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock)
        #expect(engine.current?.total == 6)
        var records: [ResponseRecord] = []
        while let item = engine.current {
            clock.advance(by: 5)
            let outcome = engine.submit(AnswerKey.correctInput(for: item.presented))
            guard case let .accepted(record, feedback) = outcome else {
                Issue.record("not accepted: \(outcome)")
                return
            }
            #expect(feedback == nil)
            #expect(record.score == 1)
            #expect(record.position == item.position)
            #expect(record.duration == 5)
            records.append(record)
        }
        #expect(engine.status == .completed)
        #expect(engine.endedAt == clock.now())
        #expect(records.map(\.position) == Array(0..<6))
        let result = engine.result()
        #expect(result.passed)
        #expect(result.missed.isEmpty)
        #expect(result.timeUsed == 30)
        #expect(engine.submit("a") == .finished)
    }

    @Test func invalidInputKeepsTheQuestionOpen() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock, edit: { $0.sections = [QuizSection(pool: .questions(["sql-select"]))] })
        #expect(engine.submit("z") == .invalid(hint: "answer with one letter, a–d"))
        #expect(engine.current?.position == 0)
        #expect(engine.responses.isEmpty)
    }

    @Test func practiceGivesFeedbackWithTheRightAnswerAndOptionNotes() throws {
        let clock = TestClock()
        var engine = try engine(
            clock: clock, edit: {
                $0.mode = .practice
                $0.sections = [QuizSection(pool: .questions(["sql-select"]))]
            })
        let item = try #require(engine.current)
        let orderByLabel = item.presented.choices.first { $0.text == "ORDER BY" }!
        guard case let .accepted(record, feedback?) = engine.submit(orderByLabel.label) else {
            Issue.record("no feedback")
            return
        }
        #expect(record.score == 0 && record.selection == [0])
        #expect(!feedback.correct)
        #expect(feedback.explanation == "WHERE filters rows before grouping.")
        #expect(feedback.optionFeedback.map(\.feedback) == ["That sorts."])
        guard case let .options(right) = feedback.correctAnswer else {
            Issue.record("wrong kind of answer")
            return
        }
        #expect(right.map(\.text) == ["WHERE"])
        #expect(feedback.correctAnswer.summary == "\(right[0].label)) WHERE")
    }

    @Test func perQuestionTimeoutIsRecordedAndAdvances() throws {
        let clock = TestClock()
        let start = clock.now()
        var engine = try engine(clock: clock)
        clock.advance(by: 59)
        #expect(engine.checkTime().isEmpty)
        #expect(engine.remainingQuestionTime == 1)
        clock.advance(by: 2)
        let events = engine.checkTime()
        guard case let .questionTimedOut(position, record?) = events.first else {
            Issue.record("no time-out: \(events)")
            return
        }
        #expect(position == 0)
        #expect(record.outcome == .timedOut && record.score == 0 && record.given == nil)
        #expect(record.answeredAt == start.addingTimeInterval(60))
        #expect(engine.current?.position == 1)
        #expect(engine.current?.shownAt == clock.now())
    }

    @Test func questionOwnLimitOverridesTheQuizDefault() throws {
        let clock = TestClock()
        var engine = try engine(
            clock: clock, edit: { $0.sections = [QuizSection(pool: .questions(["stats-median", "stats-mean"]))] })
        while engine.current?.question.id != "stats-median" {
            _ = engine.skip()
        }
        let position = try #require(engine.current?.position)
        #expect(engine.current?.timeLimit == 20)
        clock.advance(by: 21)
        guard case let .tooLate(events) = engine.submit("median"),
              case let .questionTimedOut(timedOutPosition, record?) = events.first
        else {
            Issue.record("the late answer was accepted")
            return
        }
        #expect(timedOutPosition == position)
        #expect(record.questionID == "stats-median" && record.outcome == .timedOut)
        #expect(engine.responses[position] == record)
    }

    @Test func wholeQuizTimeRunsOutAndAutoSubmits() throws {
        let clock = TestClock()
        let start = clock.now()
        var engine = try engine(clock: clock, edit: { $0.questionTimeLimit = nil; $0.timeLimit = 100 })
        clock.advance(by: 10)
        _ = try record(engine.submit(AnswerKey.correctInput(for: engine.current!.presented)))
        clock.advance(by: 91)
        #expect(engine.checkTime() == [.quizTimedOut])
        #expect(engine.status == .timedOut)
        #expect(engine.endedAt == start.addingTimeInterval(100))
        #expect(engine.current == nil)
        let result = engine.result()
        #expect(result.timeUsed == 100)
        #expect(result.missed.count == 5)
        #expect(result.missed.allSatisfy { $0.outcome == nil })
        #expect(!result.passed)
    }

    @Test func answerArrivingAfterTheQuizEndedIsTooLate() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock, edit: { $0.questionTimeLimit = nil; $0.timeLimit = 30 })
        clock.advance(by: 31)
        #expect(engine.submit("a") == .tooLate([.quizTimedOut]))
        #expect(engine.responses.isEmpty)
    }

    @Test func warningsComeOnceEach() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock, edit: { $0.questionTimeLimit = nil; $0.timeLimit = 600 })
        clock.advance(by: 539)
        #expect(engine.checkTime().isEmpty)
        clock.advance(by: 2)
        #expect(engine.checkTime() == [.warning(.oneMinute)])
        clock.advance(by: 1)
        #expect(engine.checkTime().isEmpty)
        clock.advance(by: 49)
        #expect(engine.checkTime() == [.warning(.tenSeconds)])
        clock.advance(by: 5)
        #expect(engine.checkTime().isEmpty)
        #expect(engine.remainingQuizTime == 4)
    }

    @Test func lateFirstCheckGivesOnlyTheTenSecondWarning() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock, edit: { $0.questionTimeLimit = nil; $0.timeLimit = 600 })
        clock.advance(by: 595)
        #expect(engine.checkTime() == [.warning(.tenSeconds)])
        clock.advance(by: 1)
        #expect(engine.checkTime().isEmpty)
    }

    @Test func shortQuizzesSkipWarningsLongerThanThemselves() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock, edit: { $0.questionTimeLimit = nil; $0.timeLimit = 45 })
        clock.advance(by: 1)
        #expect(engine.checkTime().isEmpty)
        clock.advance(by: 35)
        #expect(engine.checkTime() == [.warning(.tenSeconds)])
    }

    @Test func resumeKeepsWallClockTimeAndAnswers() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock)
        var journal: [ResponseRecord] = []
        for _ in 0..<2 {
            clock.advance(by: 10)
            journal.append(try record(engine.submit(AnswerKey.correctInput(for: engine.current!.presented))))
        }
        let stored = engine.attemptRecord(learner: "ada")
        #expect(stored.status == .inProgress && stored.questionIDs == engine.plan.questionIDs)
        clock.advance(by: 280)  // the process was gone for a while
        var resumed = try QuizEngine.resume(
            pack: pack, quiz: pack.quiz("mixed-exam")!, record: stored, responses: journal, clock: clock)
        #expect(resumed.remainingQuizTime == 300)
        #expect(resumed.current?.position == 2)
        #expect(resumed.current?.presented == engine.current?.presented)
        #expect(resumed.current?.shownAt == clock.now())
        #expect(resumed.responses.count == 2)
        clock.advance(by: 301)
        #expect(resumed.checkTime().last == .quizTimedOut)
    }

    @Test func resumeRejectsForeignResponsesAndEndedAttempts() throws {
        let clock = TestClock()
        let engine = try engine(clock: clock)
        var stored = engine.attemptRecord(learner: "ada")
        let wrongQuestion = pack.questions.first { !engine.plan.questionIDs.prefix(1).contains($0.id) }!
        let bogus = ResponseRecord(
            attemptID: "att-1", position: 0, questionID: wrongQuestion.id, outcome: .skipped, given: nil, selection: nil,
            score: 0, points: 0, maxPoints: 1, skills: [], difficulty: .easy, shownAt: clock.now(),
            answeredAt: clock.now())
        #expect(throws: QuizEngineError.responseDoesNotMatch(position: 0, questionID: wrongQuestion.id)) {
            try QuizEngine.resume(pack: pack, quiz: pack.quiz("mixed-exam")!, record: stored, responses: [bogus], clock: clock)
        }
        stored.status = .interrupted
        #expect(try QuizEngine.resume(
            pack: pack, quiz: pack.quiz("mixed-exam")!, record: stored, responses: [], clock: clock).status == .inProgress)
        stored.status = .completed
        #expect(throws: QuizEngineError.notInProgress(.completed)) {
            try QuizEngine.resume(pack: pack, quiz: pack.quiz("mixed-exam")!, record: stored, responses: [], clock: clock)
        }
    }

    @Test func sameSeedSameQuestionsAndOptionOrders() throws {
        func presentedSequence(seed: UInt64) throws -> [PresentedQuestion] {
            var engine = try engine(seed: seed, clock: TestClock())
            var shown: [PresentedQuestion] = []
            while let item = engine.current {
                shown.append(item.presented)
                _ = engine.skip()
            }
            return shown
        }
        #expect(try presentedSequence(seed: 5) == presentedSequence(seed: 5))
        #expect(try presentedSequence(seed: 5) != presentedSequence(seed: 6))
    }

    @Test func backFlagAndReview() throws {
        let clock = TestClock()
        var engine = try engine("stats-practice", clock: clock)
        #expect(engine.back() == .refused(reason: "this is the first question"))
        let first = try record(engine.submit(AnswerKey.wrongInput(for: engine.current!.presented)))
        engine.toggleFlag()
        #expect(engine.current?.flagged == true)
        _ = try record(engine.skip())
        #expect(engine.current?.position == 2)
        #expect(engine.back() == .moved)
        #expect(engine.back() == .moved)
        #expect(engine.current?.position == 0)
        #expect(engine.current?.previous == first)
        let changed = try record(engine.submit(AnswerKey.correctInput(for: engine.current!.presented)))
        #expect(changed.position == 0 && changed.score == 1)
        #expect(engine.responses[0] == changed)
        #expect(engine.current?.position == 2)  // the next question without a response
        #expect(engine.goTo(4) == .refused(reason: "you can only go to questions you have already reached"))
        #expect(engine.goTo(1) == .moved)
        #expect(engine.skip() == .unchanged)
        let review = engine.review()
        #expect(review.entries.map(\.state) == [.answered, .skipped, .unanswered, .unanswered, .unanswered])
        #expect(review.answered == 1 && review.flagged == 1 && review.left == 4)
        #expect(review.entries[2].isCurrent)
    }

    @Test func flagChangesAreReportedForJournalingAndComeBackOnResume() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock)
        let first = try record(engine.submit(AnswerKey.correctInput(for: engine.current!.presented)))
        #expect(engine.toggleFlag() == FlagChange(position: 1, flagged: true))
        #expect(engine.toggleFlag() == FlagChange(position: 1, flagged: false))
        #expect(engine.toggleFlag() == FlagChange(position: 1, flagged: true))
        let stored = engine.attemptRecord(learner: "ada")
        let resumed = try QuizEngine.resume(
            pack: pack, quiz: pack.quiz("mixed-exam")!, record: stored, responses: [first], clock: clock,
            flagged: [1, -1, engine.plan.count])
        #expect(resumed.flagged == [1], "positions outside the plan are dropped")
        #expect(resumed.current?.position == 1 && resumed.current?.flagged == true)
        #expect(resumed.review().flagged == 1)
        var ended = resumed
        ended.quit()
        #expect(ended.toggleFlag() == nil, "nothing to flag once the attempt ended")
    }

    @Test func backIsRefusedWhenTheQuizDoesNotAllowIt() throws {
        var engine = try engine(clock: TestClock())
        _ = engine.skip()
        #expect(engine.back() == .refused(reason: "this quiz does not allow going back"))
        #expect(engine.current?.position == 1)
    }

    @Test func allowBackWaitsForFinishAfterTheLastQuestion() throws {
        let clock = TestClock()
        var engine = try engine("stats-practice", clock: clock)
        while engine.current != nil {
            _ = engine.skip()
        }
        #expect(engine.isAwaitingFinish)
        #expect(engine.back() == .moved)
        #expect(engine.current?.position == 4)
        #expect(engine.finish().isEmpty)
        #expect(engine.status == .completed)
    }

    @Test func practiceIsUntimedUnlessAsked() throws {
        let clock = TestClock()
        var untimed = try engine(clock: clock, edit: { $0.mode = .practice })
        clock.advance(by: 10_000)
        #expect(untimed.checkTime().isEmpty)
        #expect(untimed.remainingQuizTime == nil)
        var timed = try engine(clock: clock, edit: { $0.mode = .practice }, timedPractice: true)
        clock.advance(by: 61)
        #expect(timed.checkTime().count == 1)
    }

    @Test func quitAbandons() throws {
        var engine = try engine(clock: TestClock())
        engine.quit()
        #expect(engine.status == .abandoned)
        #expect(engine.attemptRecord(learner: "x").status == .abandoned)
        #expect(engine.skip() == .finished)
    }

    @Test func resultWeighsSkillsByShareAndPoints() throws {
        let clock = TestClock()
        var engine = try engine(
            clock: clock, edit: {
                $0.shuffleQuestions = false
                $0.sections = [QuizSection(pool: .questions(["sql-order", "stats-mean", "sql-aggregates"]))]
                $0.skillThresholds = ["stats": 0.5]
            })
        _ = engine.submit(AnswerKey.correctInput(for: engine.current!.presented))  // sql-order: sql 2/3, stats 1/3
        _ = engine.submit("99")  // stats-mean wrong
        _ = engine.submit(AnswerKey.correctInput(for: engine.current!.presented))  // sql-aggregates, 2 points
        let result = engine.result()
        let sql = try #require(result.skills.first { $0.skillID == "sql" })
        let stats = try #require(result.skills.first { $0.skillID == "stats" })
        #expect(abs(sql.fraction - 1) < 1e-12)
        #expect(abs(stats.fraction - (1.0 / 3) / (4.0 / 3)) < 1e-12)
        #expect(stats.threshold == 0.5 && !stats.passed)
        #expect(!result.passed)
        #expect(result.points == 3 && result.maxPoints == 4)
        #expect(result.missed.map(\.questionID) == ["stats-mean"])
        #expect(result.missed[0].given == "99")
        #expect(result.missed[0].correctAnswer?.summary == "3")
    }

    @Test func responseOrderWithinAnAttemptDoesNotChangeItsScore() throws {
        var generator = SeededGenerator(seed: 404)
        for round in 0..<200 {
            let clock = TestClock()
            var engine = try engine(seed: UInt64(round), clock: clock)
            while let item = engine.current {
                let pick = generator.nextInt(below: 3)
                if pick == 0 { _ = engine.skip() } else {
                    _ = engine.submit(pick == 1 ? AnswerKey.correctInput(for: item.presented)
                        : AnswerKey.wrongInput(for: item.presented))
                }
            }
            let responses = Array(engine.responses.values).sorted { $0.position < $1.position }
            let shuffled = responses.seededShuffled(using: &generator)
            let a = QuizResult(
                pack: pack, quiz: engine.quiz, plan: engine.plan, responses: responses, startedAt: engine.startedAt,
                endedAt: clock.now(), status: .completed)
            let b = QuizResult(
                pack: pack, quiz: engine.quiz, plan: engine.plan, responses: shuffled, startedAt: engine.startedAt,
                endedAt: clock.now(), status: .completed)
            #expect(a.points == b.points)
            for (x, y) in zip(a.skills, b.skills) {
                #expect(abs(x.fraction - y.fraction) < 1e-12)
                #expect(x.fraction >= 0 && x.fraction <= 1)
            }
        }
    }

    @Test func resumeOfAFullyJournaledAttemptCompletesIt() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock)
        var journal: [ResponseRecord] = []
        while engine.current != nil {
            clock.advance(by: 3)
            journal.append(try record(engine.skip()))
        }
        var stored = engine.attemptRecord(learner: "ada")
        stored.status = .inProgress  // the crash came before the status was written
        stored.endedAt = nil
        clock.advance(by: 100)
        let resumed = try QuizEngine.resume(
            pack: pack, quiz: pack.quiz("mixed-exam")!, record: stored, responses: journal, clock: clock)
        #expect(resumed.status == .completed)
        #expect(resumed.endedAt == journal.last?.answeredAt)
    }

    @Test func aTimedOutQuestionCannotBeAnsweredAfterGoingBack() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock, edit: { $0.allowBack = true })
        clock.advance(by: 61)
        #expect(engine.checkTime().count == 1)
        #expect(engine.back() == .moved)
        #expect(engine.submit(AnswerKey.correctInput(for: engine.current!.presented))
            == .invalid(hint: "the time for this question ran out; move on with :skip"))
        #expect(engine.skip() == .unchanged)
        #expect(engine.review().entries[0].state == .timedOut)
    }

    @Test func interruptEndsTheAttempt() throws {
        let clock = TestClock()
        var engine = try engine(clock: clock)
        clock.advance(by: 7)
        engine.interrupt()
        #expect(engine.status == .interrupted && engine.endedAt == clock.now())
        #expect(engine.checkTime().isEmpty)
    }
}
