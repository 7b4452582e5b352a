import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// `kill -9` at random moments of a scripted exam: nothing shown as accepted is lost, the store stays
/// sound, and the attempt resumes with exactly the questions that were left.
@Suite("CrashSafety", .serialized)
struct CrashSafetyTests {
    /// A short exam (`ShippedPacks.installShortExam`): every question is asked, so answers and positions line up.
    static let quizID = ShippedPacks.shortExamID
    static let kills = 30

    @Test func sigkillAtRandomMomentsLosesNoAcceptedAnswerAndTheAttemptResumes() throws {
        let sandbox = try AttestSandbox()
        let pack = try ShippedPacks.installShortExam(in: sandbox)
        var random = SeededGenerator(seed: 20_261_129)
        var racedKills = 0
        var resumed = 0
        for round in 0..<Self.kills {
            let learner = "crash\(round)"
            let seed = UInt64(round + 1)
            let answers = try ShippedPacks.answers(pack: pack, quiz: Self.quizID, seed: seed)
            // How many answers to see accepted, then whether to kill at once or while the next one is being saved.
            let settled = random.nextInt(below: answers.count)
            let racing = random.nextInt(below: 3) > 0
            let delay = UInt32(random.nextInt(below: 4_000))
            let live = try LiveAttest(sandbox, ["take", Self.quizID, "--seed", String(seed), "--learner", learner])
            for index in 0..<settled {
                live.send(answers[index])
                let accepted = live.wait { $0.occurrences(of: "Answer recorded.") == index + 1 }
                try #require(accepted, "round \(round): answer \(index + 1) not accepted: \(live.standardError)")
            }
            var sent = settled
            if racing {
                live.send(answers[settled])
                sent += 1
                usleep(delay)
            }
            live.kill()
            if racing { racedKills += 1 }
            let shownAccepted = live.occurrences(of: "Answer recorded.")

            let store = try AttestDatabase.open(path: sandbox.storePath)
            #expect(store.check().isEmpty, "round \(round): integrity check failed: \(store.check())")
            let attempts = try store.attempts(learner: learner, packID: nil, quizID: nil, mode: nil)
            guard let attempt = attempts.first else {
                #expect(shownAccepted == 0, "round \(round): answers were shown as accepted but no attempt was stored")
                try store.close()
                continue
            }
            let journal = try store.responseJournal(attemptID: attempt.id)
            #expect(journal.count >= shownAccepted, "round \(round): \(shownAccepted) accepted, \(journal.count) stored")
            #expect(journal.count <= sent, "round \(round): more answers stored than were sent")
            #expect(journal.map(\.position) == Array(0..<journal.count), "round \(round): each answer stored once, in order")
            for response in journal {
                #expect(response.given == answers[response.position], "round \(round): answer \(response.position + 1)")
            }
            try store.close()
            guard attempt.status == .inProgress else {
                #expect(attempt.status == .completed && journal.count == answers.count, "round \(round): \(attempt.status)")
                continue
            }

            let remaining = Array(answers[journal.count...])
            let file = try sandbox.write(remaining.joined(separator: "\n") + "\n", to: "\(learner)-rest.txt")
            let run = try sandbox.run(["resume", "--answers", file, "--json", "--learner", learner])
            #expect(run.status == 0, "round \(round): \(run.standardError)")
            let result = try #require(
                try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any],
                "round \(round): \(run.standardOutput) \(run.standardError)")
            #expect(result["attemptId"] as? String == attempt.id)
            #expect(result["status"] as? String == "completed", "round \(round): the remaining answers finish the quiz")
            #expect(result["score"] as? Double == 1, "round \(round): every answer landed on its own question")
            let after = try AttestDatabase.open(path: sandbox.storePath)
            #expect(try after.responseJournal(attemptID: attempt.id).count == answers.count)
            #expect(try after.attempt(attempt.id)?.status == .completed)
            try after.close()
            resumed += 1
        }
        #expect(racedKills > Self.kills / 3 && resumed > Self.kills / 2, "the random schedule covers both kinds of kill")
        print("CrashSafety: \(Self.kills) SIGKILLs (\(racedKills) while an answer was in flight), \(resumed) resumed")
    }

    @Test func sigkillWhileResumingLosesNothingEither() throws {
        let sandbox = try AttestSandbox()
        let pack = try ShippedPacks.installShortExam(in: sandbox)
        var random = SeededGenerator(seed: 7)
        for round in 0..<6 {
            let learner = "again\(round)"
            let answers = try ShippedPacks.answers(pack: pack, quiz: Self.quizID, seed: UInt64(100 + round))
            let first = 1 + random.nextInt(below: 2)
            let second = 1 + random.nextInt(below: 2)
            let take = try LiveAttest(sandbox, ["take", Self.quizID, "--seed", String(100 + round), "--learner", learner])
            for index in 0..<first {
                take.send(answers[index])
                try #require(take.wait { $0.occurrences(of: "Answer recorded.") == index + 1 }, "\(take.standardError)")
            }
            take.kill()
            let resume = try LiveAttest(sandbox, ["resume", "--learner", learner])
            for index in 0..<second {
                resume.send(answers[first + index])
                try #require(resume.wait { $0.occurrences(of: "Answer recorded.") == index + 1 }, "\(resume.standardError)")
            }
            resume.send(answers[first + second])
            usleep(UInt32(random.nextInt(below: 3_000)))
            resume.kill()

            let store = try AttestDatabase.open(path: sandbox.storePath)
            #expect(store.check().isEmpty)
            let attempt = try #require(try store.unfinishedAttempts(learner: learner).first)
            let journal = try store.responseJournal(attemptID: attempt.id)
            #expect(journal.count >= first + second && journal.count <= first + second + 1, "round \(round): \(journal.count)")
            #expect(journal.map(\.position) == Array(0..<journal.count))
            try store.close()
            let rest = try sandbox.write(answers[journal.count...].joined(separator: "\n") + "\n", to: "\(learner).txt")
            let run = try sandbox.run(["resume", "--answers", rest, "--json", "--learner", learner])
            let result = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any],
                                      "\(run.standardError)")
            #expect(result["attemptId"] as? String == attempt.id)
            #expect(result["status"] as? String == "completed" && result["score"] as? Double == 1, "round \(round)")
        }
    }

    @Test func flagsSetBeforeASigkillAreBackWhenTheAttemptResumes() throws {
        let sandbox = try AttestSandbox()
        // Flags are for going back: a short exam that allows it.
        let pack = try ShippedPacks.installShortExam(in: sandbox) { $0["allowBack"] = true }
        let answers = try ShippedPacks.answers(pack: pack, quiz: Self.quizID, seed: 5)
        let total = answers.count
        let take = try LiveAttest(sandbox, ["take", Self.quizID, "--seed", "5", "--learner", "flagger"])
        // Question 1 flagged and answered; question 2 flagged, unflagged and answered; question 3 flagged.
        for (line, shown, count) in [
            (":flag", "Flagged for review.", 1), (answers[0], "Answer recorded.", 1), (":flag", "Flagged for review.", 2),
            (":flag", "Flag removed.", 1), (answers[1], "Answer recorded.", 2), (":flag", "Flagged for review.", 3),
        ] {
            take.send(line)
            try #require(take.wait { $0.occurrences(of: shown) == count }, "\(line): \(take.standardOutput)")
        }
        take.kill()

        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.unfinishedAttempts(learner: "flagger").first)
        #expect(try store.flaggedPositions(attemptID: attempt.id) == [0, 2])
        try store.close()
        let resume = try LiveAttest(sandbox, ["resume", "--learner", "flagger"])
        #expect(resume.wait { $0.standardOutput.contains("Question 3 of \(total)") }, "\(resume.standardError)")
        let header = resume.standardOutput.split(separator: "\n").first { $0.contains("Question 3 of \(total)") }
        #expect(header?.contains(" · flagged ─") == true, "the open question shows its flag: \(header ?? "")")
        resume.send(":review")
        let rest = (4...total).map { "\($0)·" }.joined(separator: " ")
        #expect(resume.wait { $0.standardOutput.contains("1•⚑ 2• [3·⚑] \(rest)") }, "\(resume.standardOutput)")
        #expect(resume.standardOutput.contains("2 answered · 2 flagged · \(total - 2) left"))
        resume.kill()
    }

    static let parameterisedPack = """
        {"format": 1, "id": "calc", "version": "1.0.0", "title": "Calc", "skills": [{"id": "s", "name": "S"}],
         "questions": [
          {"id": "velocity", "type": "numeric", "skill": "s", "difficulty": "medium",
           "variables": {"points": {"min": 20, "max": 60, "step": 2}, "sprints": {"values": [2, 4, 5]}},
           "prompt": "A team did {points} points over {sprints} sprints. Velocity?", "answer": "points / sprints",
           "tolerance": 0.01, "explanation": "{points} / {sprints} = {=points / sprints:2}"},
          {"id": "product", "type": "numeric", "skill": "s", "difficulty": "easy",
           "variables": {"a": {"min": 2, "max": 9}, "b": {"min": 2, "max": 9}},
           "prompt": "What is {a} times {b}?", "answer": "a * b", "tolerance": 0, "explanation": "{a} times {b} is {=a * b}."}
         ],
         "quizzes": [{"id": "exam", "title": "Calc exam", "mode": "exam", "shuffleQuestions": false,
                      "sections": [{"from": {"questions": ["velocity", "product"]}}]}]}
        """

    /// A parameterised question's instance is journaled with the attempt: after `kill -9` the resumed attempt,
    /// its review and its export show the numbers that were drawn. To prove they come from the journal and not
    /// from drawing again, the unanswered question's journaled instance is rewritten while Attest is down (as a
    /// later version deriving instances differently would see it): the resume shows and scores the journal's numbers.
    @Test func aParameterisedInstanceSurvivesSigkillResumeReviewAndExport() throws {
        let sandbox = try AttestSandbox()
        try sandbox.write(Self.parameterisedPack, to: "calc/calc.json")
        let packs = sandbox.root.appendingPathComponent("calc").path
        let take = try LiveAttest(sandbox, ["take", "calc/exam", "--seed", "11", "--learner", "ada", "--packs", packs])
        try #require(take.wait { $0.standardOutput.contains("Velocity?") }, "\(take.standardError)")
        let velocity = try #require(take.standardOutput.firstMatch(of: /did (\d+) points over (\d+) sprints/), "\(take.standardOutput)")
        let rate = Double(velocity.1)! / Double(velocity.2)!
        take.send(CorrectAnswer.format(rate))
        try #require(take.wait { $0.standardOutput.contains("times") && $0.occurrences(of: "Answer recorded.") == 1 }, "\(take.standardOutput)")
        let product = try #require(take.standardOutput.firstMatch(of: /What is (\d+) times (\d+)\?/))
        take.kill()

        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.unfinishedAttempts(learner: "ada").first)
        let journaled = try store.instances(attemptID: attempt.id)
        try store.close()
        #expect(journaled.map(\.questionID) == ["product", "velocity"])
        #expect(journaled.first { $0.questionID == "velocity" }?.prompt == "A team did \(velocity.1) points over \(velocity.2) sprints. Velocity?")
        #expect(journaled.first { $0.questionID == "product" }?.values == ["a": Double(product.1)!, "b": Double(product.2)!])

        let (a, b) = product.1 == "7" && product.2 == "9" ? (8, 6) : (7, 9)
        let rewritten = InstanceRecord(
            questionID: "product", values: ["a": Double(a), "b": Double(b)], prompt: "What is \(a) times \(b)?",
            explanation: "\(a) times \(b) is \(a * b).", answer: Double(a * b))
        let python = try #require(ExternalCommand.which("python3"), "python3 rewrites the journal")
        let update = try ExternalCommand.run(python, ["-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("UPDATE attempt_instance SET instance = ? WHERE attemptID = ? AND questionID = 'product'", (sys.argv[3], sys.argv[2]))
            db.commit()
            """, sandbox.storePath, attempt.id, String(decoding: try JSONEncoder().encode(rewritten), as: UTF8.self)])
        #expect(update.status == 0, "\(update.standardError)")

        let wrong = try sandbox.write("1\n", to: "rest.txt")
        let resumed = try sandbox.run(["resume", "--answers", wrong, "--learner", "ada", "--packs", packs])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("What is \(a) times \(b)?"), "\(resumed.standardOutput)")
        let review = try #require(resumed.standardOutput.range(of: "Review"), "\(resumed.standardOutput)")
        let reviewed = resumed.standardOutput[review.lowerBound...]
        #expect(reviewed.contains("What is \(a) times \(b)?") && reviewed.contains("\(a * b)"), "\(reviewed)")
        #expect(!reviewed.contains("Velocity?"), "the velocity answer was right: \(reviewed)")

        let export = try sandbox.run(["attempts", "export", "--packs", packs])
        #expect(export.status == 0, "\(export.standardError)")
        let line = try #require(export.standardOutput.split(separator: "\n").first)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let recorded = try decoder.decode(RecordedAttempt.self, from: Data(line.utf8))
        #expect(recorded.attempt.id == attempt.id && recorded.attempt.status == .completed)
        #expect(recorded.instances?.first { $0.questionID == "product" } == rewritten)
        #expect(recorded.instances?.first { $0.questionID == "velocity" }?.answer == rate)
        #expect(recorded.responses.map(\.score) == [1, 0])
    }
}
