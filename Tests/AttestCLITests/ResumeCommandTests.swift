@testable import AttestCLI
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import LineEditor
import Testing

/// `resume --list` reads an exam's time left off the clock a resume would continue on, with the clocks as
/// parameters: real time passing takes time away, the wall clock set forward or back does not.
@Suite("ResumeCommand")
struct ResumeCommandTests {
    /// A 600-second exam started at the test clock's time whose process went away with it unfinished.
    struct LeftExam {
        let sandbox: AttestSandbox
        let clock = TestClock()
        let context: AppContext
        let output: CapturedOutput
        let pack: Pack
        let quiz: Quiz
        let record: AttemptRecord

        init() throws {
            sandbox = try AttestSandbox()
            let packs = URL(fileURLWithPath: try sandbox.write(QuizSessionTests.timedPack, to: "packs/clockwork.json"))
                .deletingLastPathComponent().path
            let (console, output) = Console.capture()
            self.output = output
            context = AppContext(
                console: console, environment: sandbox.environment, clock: clock, storePath: sandbox.storePath,
                learner: "ada", extraPackDirectories: [packs], bundledPacks: nil)
            pack = try #require(context.library.pack("clockwork"))
            quiz = try #require(pack.quiz("clockwork-slow"))
            _ = try QuizSession.start(
                pack: pack, quiz: quiz, plan: try QuizPlan(pack: pack, quiz: quiz, seed: 1), timedPractice: false,
                context: context, reader: ScriptedLineReader(lines: []), verbose: false)
            record = try #require(try context.store().unfinishedAttempts(learner: "ada").first)
        }

        /// What `resume --list` prints now.
        func listed() throws -> String {
            let before = output.standardOutput.count
            var command = try ResumeCommand.parseAsRoot(["--list"])
            try AppContext.$current.withValue(context) { try command.run() }
            return String(output.standardOutput.dropFirst(before))
        }

        var timeLeft: Double? { UnfinishedAttempts(context: context).timeLeft(record) }
    }

    @Test func timeLeftIsMonotonicWhateverTheWallClockDoes() throws {
        let exam = try LeftExam()
        exam.clock.advance(by: 100)
        #expect(exam.timeLeft == 500)
        #expect(try exam.listed().contains(", 8:20 left"))
        exam.clock.jumpWall(by: 3600)
        #expect(exam.timeLeft == 500, "a wall clock set forward takes no time away")
        exam.clock.jumpWall(by: -7200)
        #expect(exam.timeLeft == 500, "a wall clock set back adds none")
        exam.clock.advance(by: 20)
        #expect(try exam.listed().contains(", 8:00 left"))
        exam.clock.freezeWall()
        exam.clock.advance(by: 500)
        #expect(try exam.listed().contains(", time has run out"), "a frozen wall clock stops nothing")
    }

    /// The exam resumed goes on from where its journaled mark says, not from the wall clock: what `resume --list`
    /// said is what the exam has.
    @Test func aResumedExamHasTheTimeTheListShowed() throws {
        let exam = try LeftExam()
        exam.clock.advance(by: 100)
        exam.clock.jumpWall(by: -3600)
        #expect(exam.timeLeft == 500)
        let resumed = try QuizSession.resume(
            record: exam.record, pack: exam.pack, quiz: exam.quiz, context: exam.context,
            reader: ScriptedLineReader(lines: []), verbose: false)
        #expect(resumed.engine.remainingQuizTime == 500, "the hour the wall clock was set back buys nothing")
    }
}
