import AttestCLI
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// The frozen-wall-clock attack of issue #13, mounted for real: the `attest` binary runs a timed exam at a
/// pseudo-terminal with an `LD_PRELOAD` shim (Fixtures/frozen_wall_clock.c, compiled here) that stops
/// CLOCK_REALTIME, gettimeofday() and time(). The exam must still end on real time, as timed out, with no
/// time added, and the frozen clock must be on record in the store and in the signed submission.
///
/// This test waits on real time (a few seconds) because the binary under attack runs on the real clock;
/// nothing else can be injected into it without defeating the point.
@Suite("FrozenWallClock", .serialized)
struct FrozenWallClockTests {
    static let limit = 4.0

    static let pack = """
        {
          "format": 1, "id": "frozen", "version": "1.0.0", "title": "Frozen clock",
          "skills": [{ "id": "time", "name": "Timekeeping" }],
          "questions": [
            { "id": "q1", "type": "true-false", "skill": "time", "prompt": "Noon is 12:00.", "answer": true },
            { "id": "q2", "type": "true-false", "skill": "time", "prompt": "A day has 25 hours.", "answer": false }
          ],
          "quizzes": [
            { "id": "frozen-exam", "title": "Frozen exam", "mode": "exam", "timeLimit": \(Int(limit)),
              "shuffleQuestions": false, "sections": [{ "from": { "skills": ["time"] } }] }
          ]
        }
        """

    /// Compiles the shim into the sandbox; its path.
    private func compileShim(in sandbox: AttestSandbox) throws -> String {
        let compiler = try #require(ExternalCommand.which("clang") ?? ExternalCommand.which("cc"), "a C compiler")
        let source = AttestBinary.repositoryRoot.appendingPathComponent("Tests/AttestCLITests/Fixtures/frozen_wall_clock.c").path
        let library = sandbox.root.appendingPathComponent("frozen_wall_clock.so").path
        let build = try ExternalCommand.run(
            compiler, ["-shared", "-fPIC", "-o", library, source, "-ldl"],
            environment: ProcessInfo.processInfo.environment)
        try #require(build.status == 0, "\(build.standardError)")
        return library
    }

    @Test func aFrozenWallClockBuysNoTimeInTheRealBinary() throws {
        let sandbox = try AttestSandbox()
        let shim = try compileShim(in: sandbox)
        let packs = URL(fileURLWithPath: try sandbox.write(Self.pack, to: "packs/frozen.json")).deletingLastPathComponent().path
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(
            executable: binary, arguments: ["take", "frozen-exam", "--packs", packs],
            environment: sandbox.environment.merging(["LD_PRELOAD": shim]) { _, new in new })
        defer { terminal.close() }
        try terminal.waitFor("Noon is 12:00.", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("answer>", ignoringEscapes: true)
        try terminal.send("t" + PseudoTerminal.Key.enter)
        try terminal.waitFor("A day has 25 hours.", ignoringEscapes: true)
        // The second question is left open: only the monotonic clock can end the exam now.
        try terminal.waitFor(
            "Time is up: the quiz is submitted with the answers given so far.", timeout: .seconds(Self.limit + 10),
            ignoringEscapes: true)
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)

        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "frozen", quizID: nil, mode: nil).first)
        let jumps = try store.clockJumps(attemptID: attempt.id)
        try store.close()
        // The shim worked: every jump saw the binary's wall clock stand still while real time ran on.
        try #require(!jumps.isEmpty, "the frozen wall clock was noticed and recorded")
        #expect(jumps.allSatisfy { $0.wallChange == 0 }, "the binary's wall clock was frozen: \(jumps)")
        #expect(jumps.map(\.monotonicChange).reduce(0, +) > ExamClock.jumpTolerance)
        #expect(attempt.status == .timedOut, "not completed: \(attempt.status)")
        let used = try #require(attempt.endedAt).timeIntervalSince(attempt.startedAt)
        #expect(abs(used - Self.limit) < 0.01, "no extra time and none taken away: \(used) s")

        let export = try sandbox.run(["attempts", "export", "--sign", "--packs", packs])
        try #require(export.status == 0, "\(export.standardError)")
        let submission = try Submission.verify(export.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        let submitted = try #require(submission.attempts.first { $0.attempt.id == attempt.id })
        #expect(submitted.attempt.status == .timedOut)
        #expect(abs(try #require(submitted.elapsedSeconds) - Self.limit) < 0.01)
        #expect(submitted.clockJumps == jumps, "the signed submission carries the freeze as evidence")
        #expect(submitted.responses.count == 1)
    }
}
