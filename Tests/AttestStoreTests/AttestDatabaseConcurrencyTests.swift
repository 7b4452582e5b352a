import AttestCore
import AttestStore
import Foundation
import Testing

/// Two `AttestDatabase` values on one file behave like two Attest processes sharing a store.
@Suite("AttestDatabase concurrency")
struct AttestDatabaseConcurrencyTests {
    private typealias F = StoreFixtures

    @Test func twoStoresWritingFromManyThreadsLoseNothing() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("attest.sqlite")
        let stores = [try AttestDatabase.open(path: path), try AttestDatabase.open(path: path)]
        let attemptCount = 6
        let perAttempt = 60
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: attemptCount) { index in
            do {
                try stores[index % 2].startAttempt(F.attempt("a\(index)", learner: "learner\(index % 3)", at: Double(index)))
            } catch {
                failures.mutate { $0.append("start a\(index): \(error)") }
            }
        }
        DispatchQueue.concurrentPerform(iterations: attemptCount * perAttempt) { index in
            let attemptID = "a\(index % attemptCount)"
            let position = index / attemptCount
            do {
                try stores[(index / 7) % 2].recordResponse(
                    F.response(attemptID, position: position, questionID: "q\(position)", score: 1, at: Double(index)))
            } catch {
                failures.mutate { $0.append("\(attemptID)#\(position): \(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value.prefix(3))")
        for index in 0..<attemptCount {
            let responses = try stores[index % 2].responses(attemptID: "a\(index)")
            #expect(responses.map(\.position) == Array(0..<perAttempt))
        }
    }

    @Test func manyProcessesOpeningANewStoreAtOnceAllSucceed() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("fresh/attest.sqlite")
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            do {
                let store = try AttestDatabase.open(path: path)
                try store.ensureLearner("learner\(index)", at: F.start)
            } catch {
                failures.mutate { $0.append("\(index): \(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value)")
        #expect(try AttestDatabase.open(path: path).learners().count == 6)
    }
}
