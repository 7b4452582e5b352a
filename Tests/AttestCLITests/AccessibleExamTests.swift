@testable import AttestCLI
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import LineEditor
import Testing

/// A whole exam in accessible mode on a pseudo-terminal, with a clock that runs ten times faster than real
/// time so the one-minute and ten-second thresholds come within seconds.
@Suite("AccessibleExam", .serialized)
struct AccessibleExamTests {
    typealias Key = PseudoTerminal.Key

    static let pack = """
        {
          "format": 1, "id": "plain", "version": "1.0.0", "title": "Plain",
          "skills": [{ "id": "time", "name": "Timekeeping" }],
          "questions": [
            { "id": "a1", "type": "true-false", "skill": "time", "prompt": "Noon is 12:00.", "answer": true },
            { "id": "a2", "type": "true-false", "skill": "time", "prompt": "A day has 25 hours.", "answer": false, "timeLimit": 30 },
            { "id": "a3", "type": "numeric", "skill": "time", "prompt": "Minutes in an hour?", "answer": 60 }
          ],
          "quizzes": [
            { "id": "plain-exam", "title": "Plain exam", "mode": "exam", "timeLimit": 120,
              "shuffleQuestions": false, "shuffleOptions": false, "sections": [{ "from": { "skills": ["time"] } }] }
          ]
        }
        """

    /// Wall-clock time that passes `rate` times faster than real time, from a fixed start.
    final class FastClock: PacedClock, MonotonicClock, @unchecked Sendable {
        let rate: Double
        private let begin = ContinuousClock.now
        private let origin = Date(timeIntervalSince1970: 1_790_000_000)

        init(rate: Double) { self.rate = rate }

        func now() -> Date { origin.addingTimeInterval(uptime()) }

        /// The same fast seconds, as the exam clock measures them.
        func uptime() -> Double {
            let elapsed = begin.duration(to: .now)
            return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * rate
        }
    }

    /// Cursor movement and erasing: CSI sequences ending in A–H, J, K, S, T, d, f, s or u, and ESC 7, 8, D, E, M.
    static func cursorSequences(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var found: [String] = []
        var index = 0
        while index < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "\u{1B}", index + 1 < scalars.count else { continue }
            if "78DEM".unicodeScalars.contains(scalars[index + 1]) {
                found.append("ESC " + String(scalars[index + 1]))
                continue
            }
            guard scalars[index + 1] == "[" else { continue }
            var end = index + 2
            while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
            if end < scalars.count, "ABCDEFGHJKSTdfsu".unicodeScalars.contains(scalars[end]) {
                found.append(String(String.UnicodeScalarView(scalars[index...end])).debugDescription)
            }
        }
        return found
    }

    @Test func aWholeExamHasNoCursorMovementAndAnnouncesTheTimeAtTheThresholds() throws {
        let sandbox = try AttestSandbox()
        let packPath = try sandbox.write(Self.pack, to: "packs/plain.json")
        let pack = try #require(PackDecoder().decode(bytes: Array(Self.pack.utf8), file: packPath).pack)
        let quiz = try #require(pack.quiz("plain-exam"))
        let terminal = try PseudoTerminal()
        let slave = terminal.slaveDescriptor
        let reader = try LibEditLineReader(
            input: slave, output: slave, terminalType: "xterm-256color", restoresOnTermination: false)
        defer {
            terminal.close()
            reader.close()
        }
        let write: @Sendable (String) -> Void = { text in
            _ = Array(text.utf8).withUnsafeBytes { Glibc.write(slave, $0.baseAddress, $0.count) }
        }
        let console = Console(useColor: true, isTerminal: true, width: 80, out: write, err: write)
        let context = AppContext(
            console: console, environment: sandbox.environment, clock: FastClock(rate: 10), storePath: sandbox.storePath,
            learner: "ada", extraPackDirectories: [URL(fileURLWithPath: packPath).deletingLastPathComponent().path])
        context.accessibleRequested = true
        context.reader = reader
        let finished = DispatchSemaphore(value: 0)
        let failure = LockedBox<String?>(nil)
        Thread {
            do {
                _ = context.accessible
                try QuizRunner(context: context).start(
                    pack: pack, quiz: quiz, plan: try QuizPlan(pack: pack, quiz: quiz, seed: 1), timedPractice: false)
            } catch {
                failure.set(error.localizedDescription)
            }
            finished.signal()
        }.start()

        try terminal.waitFor("Noon is 12:00.", timeout: .seconds(10))
        try terminal.waitFor("answer> ")
        try terminal.send("t" + Key.enter)
        try terminal.waitFor("A day has 25 hours.")
        try terminal.waitFor("Warning: Ten seconds left for this question.", timeout: .seconds(20))
        try terminal.waitFor("Warning: Time is up for question 2; it is recorded as unanswered.", timeout: .seconds(20))
        try terminal.waitFor("Minutes in an hour?")
        try terminal.waitFor("answer> ")
        try terminal.send(":time" + Key.enter)
        try terminal.waitFor("Time left: quiz ")
        try terminal.waitFor("Warning: One minute left for the whole quiz.", timeout: .seconds(20))
        try terminal.waitFor("Warning: Ten seconds left for the whole quiz.", timeout: .seconds(20))
        try terminal.waitFor("Warning: Time is up: the quiz is submitted with the answers given so far.", timeout: .seconds(20))
        try terminal.waitFor("Results:", timeout: .seconds(10))
        #expect(finished.wait(timeout: .now() + 20) == .success)
        #expect(failure.value == nil)

        let capture = terminal.output
        #expect(Self.cursorSequences(in: capture).isEmpty, "\(Self.cursorSequences(in: capture))")
        #expect(!capture.contains("\u{7}"), "no bell in accessible mode")
        #expect(!capture.contains("⏱"), "no countdown drawn")
        #expect(!capture.contains("\u{1B}[3"), "no colour")
        #expect(!capture.contains("█"), "no bars")
        #expect(!capture.contains("─"), "no box-drawing rules")
        #expect(capture.contains("\nQuestion 1 of 3 · Timekeeping"))
        #expect(capture.components(separatedBy: "Warning:").count - 1 == 5, "each threshold is said once")
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "plain", quizID: nil, mode: nil).first)
        #expect(attempt.status == .timedOut)
    }
}

/// A value shared with a background thread.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func set(_ value: Value) { lock.withLock { stored = value } }
}
