import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// `practice` by due-ness, `--due`, `--cram`, `--retention`, `--optimize`, and the line that ends a session,
/// driven through the real binary over a store seeded with answers from the past.
struct ScheduledPracticeTests {
    let sandbox: AttestSandbox
    let pack: Pack
    /// Answered right a month ago (twice, ten minutes apart): in review, long due.
    let forgotten: String
    /// Answered right twice a minute ago: in review, due in days.
    let fresh: String

    init() throws {
        sandbox = try AttestSandbox()
        pack = try #require(ShippedPacks.pack("ux-design"))
        // Two questions practice may show (an exam-only question is sealed from every practice route).
        let practised = pack.questions.filter { $0.pool.admits(.practice) }
        forgotten = practised[0].id
        fresh = practised[1].id
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let now = Date()
        try seed(store, attempt: "old", questionID: forgotten, at: now.addingTimeInterval(-30 * 86_400))
        try seed(store, attempt: "new", questionID: fresh, at: now.addingTimeInterval(-700))
        try store.close()
    }

    private func seed(_ store: AttestDatabase, attempt: String, questionID: String, at date: Date) throws {
        try store.startAttempt(AttemptRecord(
            id: attempt, learner: "ada", packID: pack.id, packVersion: pack.version.description, packHash: pack.contentHash,
            quizID: Quiz.practicePrefix + "pack", mode: .practice, seed: 1, questionIDs: [questionID, questionID], startedAt: date))
        for position in 0..<2 {
            let answered = date.addingTimeInterval(Double(position) * 600 + 10)
            try store.recordResponse(ResponseRecord(
                attemptID: attempt, position: position, questionID: questionID, outcome: .answered, given: "x", selection: nil,
                score: 1, points: 1, maxPoints: 1, skills: [], difficulty: .medium, shownAt: answered.addingTimeInterval(-8),
                answeredAt: answered))
        }
        try store.finishAttempt(id: attempt, status: .completed, endedAt: date.addingTimeInterval(700))
    }

    /// The questions the newest attempt of `quizID` drew.
    private func drawn(_ quizID: String) throws -> [String] {
        let store = try AttestDatabase.open(path: sandbox.storePath)
        defer { try? store.close() }
        let attempts = try store.attempts(learner: "ada", packID: pack.id, quizID: Quiz.practicePrefix + quizID, mode: nil)
        return try #require(attempts.max { $0.startedAt < $1.startedAt }).questionIDs
    }

    @Test func dueQuestionsComeFirstThenNewOnesAndNeverTheFreshOne() throws {
        let run = try sandbox.run(["practice", "ux-design", "--count", "4", "--json"], input: "")
        // No answers were given: the draw is recorded and the run says the answers ran out (exit 1).
        #expect(run.status == 1 && run.standardError.contains("answers ran out"), "\(run.standardError)")
        let ids = try drawn("scheduled")
        #expect(ids.count == 4)
        #expect(ids.first == forgotten)
        #expect(!ids.contains(fresh))
        #expect(Set(ids).count == 4)
    }

    @Test func dueOnlyAndWithoutAPackPicksThePackWithDueQuestions() throws {
        let run = try sandbox.run(["practice", "--due", "--json"], input: "")
        // No answers were given: the draw is recorded and the run says the answers ran out (exit 1).
        #expect(run.status == 1 && run.standardError.contains("answers ran out"), "\(run.standardError)")
        #expect(try drawn("due") == [forgotten])
    }

    @Test func cramReviewsTheLikeliestForgottenEvenWhenNothingIsDue() throws {
        let run = try sandbox.run(["practice", "--cram", "ux-design", "--count", "5", "--json"], input: "")
        // No answers were given: the draw is recorded and the run says the answers ran out (exit 1).
        #expect(run.status == 1 && run.standardError.contains("answers ran out"), "\(run.standardError)")
        #expect(try drawn("cram") == [forgotten, fresh])
    }

    @Test func aScriptedSessionEndsWithTheNextReview() throws {
        // A single-choice question: any letter is an answer, right or wrong; either way a next review is set.
        guard case .singleChoice = try #require(pack.question(forgotten)).kind else {
            Issue.record("\(forgotten) is no longer single choice")
            return
        }
        let answers = try sandbox.write("a\n", to: "answers.txt")
        let run = try sandbox.run(["practice", "ux-design", "--due", "--answers", answers])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Next review due"), "\(run.standardOutput)")
        let again = try sandbox.run(["practice", "ux-design", "--due"])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("Nothing is due in ux-design. Next review:"), "\(again.standardOutput)")
        #expect(again.standardOutput.contains("--cram ux-design"))
    }

    @Test func anInteractiveDueSessionAtTheKeyboard() throws {
        let binary = try #require(AttestBinary.path)
        let terminal = try PseudoTerminal.spawn(executable: binary, arguments: ["practice", "--due"], environment: sandbox.environment)
        defer { terminal.close() }
        try terminal.waitFor("Question 1 of 1", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.waitFor("answer>", ignoringEscapes: true)
        try terminal.send("a" + PseudoTerminal.Key.enter)
        try terminal.waitFor("submit>", timeout: .seconds(10), ignoringEscapes: true)
        try terminal.send(PseudoTerminal.Key.enter)
        try terminal.waitFor("Next review due", timeout: .seconds(10), ignoringEscapes: true)
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func retentionIsKeptPerLearnerAndChecked() throws {
        let set = try sandbox.run(["practice", "--retention", "0.95"])
        #expect(set.status == 0, "\(set.standardError)")
        #expect(set.standardOutput.contains("Desired retention for ada is now 0.95."))
        let store = try AttestDatabase.open(path: sandbox.storePath)
        #expect(try store.setting("scheduling.retention.ada") == "0.95")
        try store.close()
        let bad = try sandbox.run(["practice", "--retention", "1.5"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("between 0.7 and 0.99"))
    }

    @Test func optimizingNeedsAThousandAnswersAndSaysSo() throws {
        let run = try sandbox.run(["practice", "--optimize"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("at least 1000 answers and you have 4"), "\(run.standardError)")
    }

    @Test func conflictingChoicesAndAMissingTargetAreUsageErrors() throws {
        #expect(try sandbox.run(["practice", "ux-design", "--due", "--cram"]).status == 64)
        let bare = try sandbox.run(["practice"])
        #expect(bare.status == 64)
        #expect(bare.standardError.contains("or use --missed, --due or --cram"))
    }

    /// `YYYY-MM-DD` of the day `days` after today (UTC).
    private func day(after days: Int) -> String {
        let date = Date().addingTimeInterval(Double(days) * 86_400)
        let civil = CivilDate(date)
        return "\(civil.year)-\(CivilDate.padded(civil.month, 2))-\(CivilDate.padded(civil.day, 2))"
    }

    @Test func aPlanStaysInItsMinutesAndProgressShowsItsForecast() throws {
        let by = day(after: 7)
        let run = try sandbox.run(["plan", "ux-design", "--by", by, "--minutes-per-day", "10"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("on \(by) · 10 min a day · 7 sessions"), "\(run.standardOutput)")
        let rows = run.standardOutput.split(separator: "\n").filter { $0.hasPrefix("  20") }
        #expect(rows.count == 7)
        #expect(rows.allSatisfy { Int($0.split(separator: " ")[1])! <= 10 })
        #expect(run.standardOutput.contains("Exam score"))
        #expect(run.standardOutput.contains("Assumes: one session a day"))
        let progress = try sandbox.run(["progress", "ux-design"])
        #expect(progress.status == 0, "\(progress.standardError)")
        #expect(progress.standardOutput.contains("Due today: 1 — 'practice ux-design' asks them first."), "\(progress.standardOutput)")
        #expect(progress.standardOutput.contains("Plan to ux-design-exam on \(by) (10 min a day): predicted exam score"))
    }

    @Test func aPlanNeedsARealDateAheadAndAKnownPack() throws {
        #expect(try sandbox.run(["plan", "ux-design", "--by", "2026-02-30"]).status == 64)
        let past = try sandbox.run(["plan", "ux-design", "--by", day(after: -1)])
        #expect(past.status == 1)
        #expect(past.standardError.contains("is not after today"))
        let unknown = try sandbox.run(["plan", "ux-desing", "--by", day(after: 3)])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("Did you mean 'ux-design'?"))
    }
}
