import AttestCore
import AttestCredentials
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
        // All processes are started before any is waited for, so they really overlap (a thread pool
        // of blocking runs would only overlap as many as there are cores), with readers beside them.
        let environment = ["ATTEST_STORE": store]
        let takers = try learners.map { learner in
            try LiveAttest(sandbox, ["take", "data-analytics-exam", "--seed", "42", "--answers", file, "--json", "--learner", learner],
                           extraEnvironment: environment)
        }
        let readers = try (0..<2).flatMap { _ in
            [try LiveAttest(sandbox, ["store", "check"], extraEnvironment: environment),
             try LiveAttest(sandbox, ["progress", "--learner", learners[0]], extraEnvironment: environment)]
        }
        for (name, live) in zip(learners + readers.map { _ in "reader" }, takers + readers) {
            let status = live.finish(timeout: 120)
            let everything = (live.standardOutput + live.standardError).replacingOccurrences(of: store, with: "STORE").lowercased()
            #expect(status == 0, "\(name): \(live.standardError)")
            #expect(!everything.contains("locked") && !everything.contains("busy") && !everything.contains("sqlite"),
                    "\(name): \(live.standardError)")
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

        // One issuer key for everyone: every exported credential names the same issuer and verifies.
        var issuers: Set<String> = []
        for learner in learners {
            let exported = sandbox.root.appendingPathComponent("\(learner).jwt").path
            let list = try sandbox.run(["creds", "list", "--json", "--learner", learner], extraEnvironment: ["ATTEST_STORE": store])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
            let id = try #require(rows.first?["id"] as? String, "\(list.standardOutput)")
            let export = try sandbox.run(
                ["creds", "export", id, "--format", "jwt", "--output", exported, "--learner", learner],
                extraEnvironment: ["ATTEST_STORE": store])
            #expect(export.status == 0, "\(export.standardError)")
            let jws = try String(contentsOfFile: exported, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let payload = try #require(Base64URL.decode(jws.split(separator: ".")[1]))
            let claims = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
            issuers.insert(try #require(claims["iss"] as? String))
            let verify = try sandbox.run(["creds", "verify", exported], extraEnvironment: ["ATTEST_STORE": store])
            #expect(verify.status == 0, "\(learner): \(verify.standardOutput) \(verify.standardError)")
        }
        #expect(issuers.count == 1, "processes racing to create the issuer key end with one: \(issuers)")
    }
}
