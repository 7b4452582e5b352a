import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// Several `attest` processes sitting exams against one shared store at the same moment, starting
/// from no store at all: nobody sees "database is locked", every answer is journaled exactly once,
/// and every learner's credential is awarded once and signed by the one issuer key.
@Suite("Concurrency", .serialized)
struct ConcurrencyTests {
    @Test(arguments: [2, 8])
    func processesSharingOneStoreAllFinishCleanly(processes: Int) throws {
        let sandbox = try AttestSandbox()
        let store = sandbox.root.appendingPathComponent("shared/attest.sqlite").path
        let pack = try #require(ShippedPacks.pack("data-analytics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "data-analytics-exam", seed: 42)
        let file = try sandbox.write(answers.joined(separator: "\n") + "\n", to: "answers.txt")
        let learners = (0..<processes).map { "learner\($0)" }
        let runs = Locked<[String: AttestSandbox.Run]>([:])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: processes) { index in
            do {
                let run = try sandbox.run(
                    ["take", "data-analytics-exam", "--seed", "42", "--answers", file, "--json", "--learner", learners[index]],
                    extraEnvironment: ["ATTEST_STORE": store], timeout: 120)
                runs.update { $0[learners[index]] = run }
            } catch {
                failures.update { $0.append("\(learners[index]): \(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value)")
        for learner in learners {
            let run = try #require(runs.value[learner])
            let everything = (run.standardOutput + run.standardError).lowercased()
            #expect(run.status == 0, "\(learner): \(run.standardError)")
            #expect(!everything.contains("locked") && !everything.contains("busy") && !everything.contains("sqlite"),
                    "\(learner): \(run.standardError)")
        }

        let database = try AttestDatabase.open(path: store)
        #expect(database.check().isEmpty)
        let everyAttempt = try database.exportAttempts()
        #expect(everyAttempt.count == processes)
        for learner in learners {
            let attempts = try database.attempts(learner: learner, packID: nil, quizID: nil, mode: nil)
            let attempt = try #require(attempts.first, "\(learner) has no attempt")
            #expect(attempts.count == 1 && attempt.status == .completed)
            let journal = try database.responseJournal(attemptID: attempt.id)
            #expect(journal.count == answers.count, "\(learner): every answer journaled exactly once")
            #expect(Set(journal.map(\.position)).count == answers.count)
            let credentials = try database.credentials(learner: learner)
            #expect(credentials.map(\.qualifiedID) == ["data-analytics/foundations"], "\(learner): awarded once")
        }
        try database.close()

        // One issuer key for everyone: each exported credential verifies against this store.
        for learner in learners {
            let exported = sandbox.root.appendingPathComponent("\(learner).jwt").path
            let list = try sandbox.run(["creds", "list", "--json", "--learner", learner], extraEnvironment: ["ATTEST_STORE": store])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
            let id = try #require((rows.first?["award"] as? [String: Any])?["id"] as? String, "\(list.standardOutput)")
            let export = try sandbox.run(
                ["creds", "export", id, "--format", "jwt", "--output", exported, "--learner", learner],
                extraEnvironment: ["ATTEST_STORE": store])
            #expect(export.status == 0, "\(export.standardError)")
            let verify = try sandbox.run(["creds", "verify", exported], extraEnvironment: ["ATTEST_STORE": store])
            #expect(verify.status == 0, "\(learner): \(verify.standardOutput) \(verify.standardError)")
        }
    }
}

/// A value shared between threads of a test.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
