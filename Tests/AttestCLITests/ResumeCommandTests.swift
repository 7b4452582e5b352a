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
    @Test func timeLeftIsMonotonicWhateverTheWallClockDoes() throws {
        let sandbox = try AttestSandbox()
        let clock = TestClock()
        let packs = URL(fileURLWithPath: try sandbox.write(QuizSessionTests.timedPack, to: "packs/clockwork.json"))
            .deletingLastPathComponent().path
        let (console, output) = Console.capture()
        let context = AppContext(
            console: console, environment: sandbox.environment, clock: clock, storePath: sandbox.storePath,
            learner: "ada", extraPackDirectories: [packs], bundledPacks: nil)
        let pack = try #require(context.library.pack("clockwork"))
        let quiz = try #require(pack.quiz("clockwork-slow"))
        // The attempt starts and its process goes away with the exam unfinished.
        _ = try QuizSession.start(
            pack: pack, quiz: quiz, plan: try QuizPlan(pack: pack, quiz: quiz, seed: 1), timedPractice: false,
            context: context, reader: ScriptedLineReader(lines: []), verbose: false)
        let record = try #require(try context.store().unfinishedAttempts(learner: "ada").first)
        let attempts = UnfinishedAttempts(context: context)
        func listed() throws -> String {
            let before = output.standardOutput.count
            var command = try ResumeCommand.parseAsRoot(["--list"])
            try AppContext.$current.withValue(context) { try command.run() }
            return String(output.standardOutput.dropFirst(before))
        }

        clock.advance(by: 100)
        #expect(attempts.timeLeft(record) == 500)
        #expect(try listed().contains(", 8:20 left"))
        clock.jumpWall(by: 3600)
        #expect(attempts.timeLeft(record) == 500, "a wall clock set forward takes no time away")
        clock.jumpWall(by: -7200)
        #expect(attempts.timeLeft(record) == 500, "a wall clock set back adds none")
        clock.advance(by: 20)
        #expect(try listed().contains(", 8:00 left"))
        clock.freezeWall()
        clock.advance(by: 500)
        #expect(try listed().contains(", time has run out"), "a frozen wall clock stops nothing")
    }
}
