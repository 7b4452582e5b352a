import ArgumentParser
import AttestCore
@testable import AttestCLI
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// A learner's store holding a three-level stack (base, a stack on it, a stack on that), earned by passing one
/// exam with the clock as a parameter, for the tests of "a stack never outlives its parts" at any depth.
struct StackLadder {
    static let pack = """
        {
          "format": 1, "id": "ladder", "version": "1.0.0", "title": "Ladder",
          "skills": [{ "id": "rungs", "name": "Rungs" }],
          "questions": [
            { "id": "q1", "type": "true-false", "skill": "rungs", "prompt": "A ladder has rungs.", "answer": true },
            { "id": "q2", "type": "true-false", "skill": "rungs", "prompt": "A ladder has wheels.", "answer": false }
          ],
          "quizzes": [
            { "id": "ladder-exam", "title": "Ladder exam", "mode": "exam", "timeLimit": 600, "allowBack": false,
              "shuffleQuestions": false, "sections": [{ "from": { "skills": ["rungs"] } }] }
          ],
          "credentials": [
            { "id": "base", "name": "Ladder base", "description": "Passed the ladder exam.",
              "criteria": { "quizzes": ["ladder-exam"] }, "validForDays": 30 },
            { "id": "middle", "name": "Ladder middle", "description": "Stacked on the base.",
              "criteria": { "credentials": ["base"] }, "validForDays": 365 },
            { "id": "top", "name": "Ladder top", "description": "Stacked on the middle.",
              "criteria": { "credentials": ["middle"] } }
          ]
        }
        """

    let sandbox: AttestSandbox
    let clock = TestClock()
    let context: AppContext
    let output: CapturedOutput
    /// The three credentials, base first.
    let awards: [CredentialAward]

    init() throws {
        sandbox = try AttestSandbox()
        let packs = URL(fileURLWithPath: try sandbox.write(Self.pack, to: "packs/ladder.json")).deletingLastPathComponent().path
        let (console, output) = Console.capture()
        self.output = output
        context = AppContext(
            console: console, environment: sandbox.environment, clock: clock, storePath: sandbox.storePath,
            learner: "ada", extraPackDirectories: [packs], bundledPacks: nil)
        let pack = try #require(context.library.pack("ladder"))
        let quiz = try #require(pack.quiz("ladder-exam"))
        let answers = try sandbox.write("t\nf\n", to: "answers.txt")
        try QuizRunner(context: context, answersFile: answers, json: true)
            .start(pack: pack, quiz: quiz, plan: try QuizPlan(pack: pack, quiz: quiz, seed: 1), timedPractice: false)
        let held = try context.store().credentials(learner: "ada")
        awards = try ["base", "middle", "top"].map { id in try #require(held.first { $0.credentialID == id }) }
    }

    /// Runs `creds ARGUMENTS` in this store at the test clock's time; what it printed.
    func creds(_ arguments: [String]) throws -> String {
        let before = output.standardOutput.count
        var command = try CredentialsCommand.parseAsRoot(arguments)
        try AppContext.$current.withValue(context) { try command.run() }
        return String(output.standardOutput.dropFirst(before))
    }
}

@Suite("CredentialsRevokeCommand")
struct CredentialsRevokeCommandTests {
    @Test func revokingTheBaseTakesDownEveryLevelStackedOnIt() throws {
        let ladder = try StackLadder()
        #expect(ladder.awards[1].evidence.prerequisites == ["ladder/base"])
        #expect(ladder.awards[2].evidence.prerequisites == ["ladder/middle"])
        ladder.clock.advance(by: 86_400)
        let printed = try ladder.creds(["revoke", ladder.awards[0].id, "--reason", "exam taken by someone else", "--yes"])
        #expect(printed.contains("Revoked Ladder middle (\(ladder.awards[1].id)) too: it was awarded on Ladder base."), "\(printed)")
        #expect(printed.contains("Revoked Ladder top (\(ladder.awards[2].id)) too: it was awarded on Ladder middle."), "\(printed)")
        let store = try ladder.context.store()
        let after = try ladder.awards.map { try #require(try store.credential($0.id)) }
        #expect(after.map { $0.status(at: ladder.clock.now()) } == [.revoked, .revoked, .revoked])
        #expect(after.map(\.revocationReason) == [
            "exam taken by someone else", "its prerequisite ladder/base was revoked", "its prerequisite ladder/middle was revoked",
        ])
        let listed = try ladder.creds(["list"])
        #expect(listed.split(separator: "\n").filter { $0.hasSuffix("revoked  self-assessed") }.count == 3, "\(listed)")
        let top = ladder.sandbox.root.appendingPathComponent("top.jwt").path
        _ = try ladder.creds(["export", ladder.awards[2].id, "--format", "jwt", "--output", top])
        let failure = #expect(throws: ExitCode.self) { _ = try ladder.creds(["verify", top]) }
        #expect(failure?.rawValue == 1, "the top of the stack fails verification: it was revoked with its base")
        #expect(ladder.output.standardOutput.contains("\"its prerequisite ladder/middle was revoked\""))
    }

    @Test func revokingTheMiddleLeavesTheBaseStanding() throws {
        let ladder = try StackLadder()
        let printed = try ladder.creds(["revoke", ladder.awards[1].id, "--reason", "issued in error", "--yes"])
        #expect(printed.contains("Ladder top"), "\(printed)")
        let store = try ladder.context.store()
        let after = try ladder.awards.map { try #require(try store.credential($0.id)) }
        #expect(after.map { $0.status(at: ladder.clock.now()) } == [.valid, .revoked, .revoked])
    }

    /// A stack left standing on a part revoked on its own (by a version that cascaded one level, or by hand) still
    /// falls when the credential under that part is revoked.
    @Test func aStackOnAPartRevokedEarlierFallsWithTheBase() throws {
        let ladder = try StackLadder()
        let store = try ladder.context.store()
        _ = try store.revokeCredential(id: ladder.awards[1].id, reason: "revoked alone", at: ladder.clock.now())
        let printed = try ladder.creds(["revoke", ladder.awards[0].id, "--reason", "issued in error", "--yes"])
        #expect(printed.contains("Revoked Ladder top (\(ladder.awards[2].id)) too: it was awarded on Ladder middle."), "\(printed)")
        #expect(!printed.contains("Revoked Ladder middle"), "a revoked credential is not revoked twice: \(printed)")
        let after = try ladder.awards.map { try #require(try store.credential($0.id)) }
        #expect(after.map(\.revocationReason) == ["issued in error", "revoked alone", "its prerequisite ladder/middle was revoked"])
    }
}
