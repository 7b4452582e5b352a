import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Exam time is monotonic: a frozen, set-back or set-forward wall clock neither adds nor removes time,
/// and every jump is noted. The test clock moves by hand, so nothing sleeps.
@Suite("ExamClock")
struct ExamClockTests {
    @Test func followsTheWallClockWhenNothingJumps() {
        let wall = TestClock()
        let clock = ExamClock(wall: wall, monotonic: wall)
        let start = clock.now()
        wall.advance(by: 90)
        #expect(clock.now().timeIntervalSince(start) == 90)
        #expect(clock.now() == wall.now())
        #expect(clock.takeJumps().isEmpty)
    }

    /// The LD_PRELOAD attack: the wall clock stands still, real time passes, the exam times out anyway.
    @Test func aFrozenWallClockBuysNoTime() throws {
        let wall = TestClock()
        let clock = ExamClock(wall: wall, monotonic: wall)
        let pack = SamplePack.make()
        var quiz = try #require(pack.quiz("mixed-exam"))
        quiz.questionTimeLimit = nil
        let limit = try #require(quiz.timeLimit)
        var engine = QuizEngine(
            pack: pack, quiz: quiz, plan: try QuizPlan(pack: pack, quiz: quiz, seed: 1), attemptID: "a", clock: clock)
        wall.freezeWall()
        for _ in 0..<Int(limit) + 1 {
            wall.advance(by: 1)
            _ = engine.checkTime()
        }
        #expect(engine.status == .timedOut || engine.status == .completed, "the attempt ended: \(engine.status)")
        #expect(try #require(engine.endedAt).timeIntervalSince(engine.startedAt) <= limit)
        #expect(!clock.takeJumps().isEmpty, "the frozen wall clock was noticed")
    }

    @Test func settingTheWallClockBackOrForwardChangesNothingAndIsRecorded() {
        let wall = TestClock()
        let clock = ExamClock(wall: wall, monotonic: wall)
        let start = clock.now()
        wall.advance(by: 10)
        wall.jumpWall(by: -3600)
        #expect(clock.now().timeIntervalSince(start) == 10)
        wall.jumpWall(by: 7200)
        wall.advance(by: 5)
        #expect(clock.now().timeIntervalSince(start) == 15)
        let jumps = clock.takeJumps()
        #expect(jumps.map(\.skew) == [-3600, 7200])
        #expect(jumps.map(\.monotonicChange) == [10, 5])
        #expect(jumps.first?.at == start.addingTimeInterval(10))
        #expect(clock.takeJumps().isEmpty, "each jump is handed out once")
        wall.advance(by: 1)
        wall.jumpWall(by: 1.5)
        _ = clock.now()
        #expect(clock.takeJumps().isEmpty, "within the tolerance")
    }

    /// On resume the anchor is never before the latest journaled moment: a wall clock set back while away gains nothing.
    @Test func aResumeNeverStartsBeforeWhatWasJournaled() {
        let wall = TestClock()
        let journaled = wall.now().addingTimeInterval(300)
        let clock = ExamClock(wall: wall, monotonic: wall, notBefore: journaled)
        #expect(clock.now() == journaled)
        let later = ExamClock(wall: wall, monotonic: wall, notBefore: wall.now().addingTimeInterval(-60))
        #expect(later.now() == wall.now())
    }

    /// In the same boot a resume continues the journaled mark by monotonic time: time away counts exactly, and a
    /// wall clock set forward or back while away changes nothing.
    @Test func aResumeInTheSameBootContinuesTheMarkWhateverTheWallClockDid() throws {
        let wall = TestClock()
        let first = ExamClock(wall: wall, monotonic: wall)
        let start = first.now()
        let mark = try #require(first.mark)
        #expect(mark == ExamClockMark(boot: "test-clock", uptime: 0, at: start))
        wall.advance(by: 100)
        wall.jumpWall(by: 3600)
        let forward = ExamClock(wall: wall, monotonic: wall, notBefore: start, continuing: mark)
        #expect(forward.now().timeIntervalSince(start) == 100)
        wall.jumpWall(by: -7200)
        let back = ExamClock(wall: wall, monotonic: wall, notBefore: start, continuing: mark)
        #expect(back.now().timeIntervalSince(start) == 100)
        #expect(back.mark == ExamClockMark(boot: "test-clock", uptime: 100, at: start.addingTimeInterval(100)))
    }

    /// A mark from another boot (the monotonic clock started again) is not continued: the wall clock anchors the
    /// resume, never before what was journaled.
    @Test func aMarkFromAnotherBootFallsBackToTheWallClock() {
        let wall = TestClock()
        let journaled = wall.now().addingTimeInterval(300)
        let earlier = ExamClockMark(boot: "an earlier boot", uptime: 5_000, at: wall.now())
        #expect(ExamClock(wall: wall, monotonic: wall, notBefore: journaled, continuing: earlier).now() == journaled)
        wall.jumpWall(by: 600)
        #expect(ExamClock(wall: wall, monotonic: wall, notBefore: journaled, continuing: earlier).now() == wall.now())
    }
}

@Suite("QuizResultAbandoned")
struct QuizResultAbandonedTests {
    /// Quitting after one question shows that question's key, never the keys of questions not reached.
    @Test func anAbandonedExamRevealsOnlyTheKeysOfQuestionsReached() throws {
        let clock = TestClock()
        let pack = SamplePack.make()
        let quiz = try #require(pack.quiz("mixed-exam"))
        var engine = QuizEngine(
            pack: pack, quiz: quiz, plan: try QuizPlan(pack: pack, quiz: quiz, seed: 3), attemptID: "a", clock: clock)
        _ = engine.skip()
        engine.quit()
        let result = engine.result()
        #expect(result.status == .abandoned)
        #expect(result.missed.map(\.position) == [0])
        #expect(result.maxPoints > 1, "unreached questions still count as 0 points")
    }
}
