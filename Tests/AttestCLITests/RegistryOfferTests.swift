import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// A learner who joined a registry meets it at the keyboard: after an exam the session offers to submit it,
/// and the REPL sends what waits in the outbox when it starts. The registry here is an address nothing
/// listens on, so every send fails at once: what must hold is that the offer is made, the answer is
/// honoured, and a submission the registry did not take stays in the outbox, never lost and never blocking.
@Suite("RegistryOffer", .serialized)
struct RegistryOfferTests {
    typealias Key = PseudoTerminal.Key

    /// A joined registry at a local port nobody listens on.
    private func joinDeadRegistry(_ sandbox: AttestSandbox) throws -> String {
        let url = "http://127.0.0.1:\(try LoopbackPort.free())"
        let store = try AttestDatabase.open(path: sandbox.storePath)
        try store.setSetting("registry-url", to: url)
        try store.setSetting("registry-did", to: "did:web:registry.example.edu")
        return url
    }

    /// Sits the short exam at the keyboard to its results; returns the terminal at the submission offer.
    private func sitShortExam(_ sandbox: AttestSandbox, registry: String) throws -> PseudoTerminal {
        let pack = try ShippedPacks.installShortExam(in: sandbox)
        let answers = try ShippedPacks.answers(pack: pack, quiz: ShippedPacks.shortExamID, seed: 4)
        let terminal = try PseudoTerminal.spawn(
            executable: try #require(AttestBinary.path), arguments: ["take", ShippedPacks.shortExamID, "--seed", "4"],
            environment: sandbox.environment)
        for (index, answer) in answers.enumerated() {
            try terminal.waitFor("Question \(index + 1) of \(answers.count)", timeout: .seconds(10), ignoringEscapes: true)
            try terminal.waitFor("answer>", ignoringEscapes: true)
            try terminal.send(answer + Key.enter)
        }
        try terminal.waitFor("Submit this exam to \(registry)? [Y/n]", timeout: .seconds(20), ignoringEscapes: true)
        return terminal
    }

    @Test func yesQueuesTheExamAndAnUnreachableRegistryLeavesItWaiting() throws {
        let sandbox = try AttestSandbox()
        let registry = try joinDeadRegistry(sandbox)
        let terminal = try sitShortExam(sandbox, registry: registry)
        defer { terminal.close() }
        try terminal.send(Key.enter)
        let report = try terminal.waitFor("It stays in the outbox", timeout: .seconds(35), ignoringEscapes: true)
        #expect(report.contains("waiting  attempt "))
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)

        let store = try AttestDatabase.open(path: sandbox.storePath)
        let attempt = try #require(try store.attempts(learner: "ada", packID: "data-analytics", quizID: nil, mode: nil).first)
        let waiting = try store.outbox(registry: registry)
        #expect(waiting.map(\.attemptID) == [attempt.id])
        #expect(waiting.first?.tries == 1 && waiting.first?.lastError != nil && waiting.first?.sentAt == nil)
        #expect(report.contains(String(attempt.id.prefix(8))))
    }

    @Test func noLeavesNothingQueuedAndSaysHowToSubmitLater() throws {
        let sandbox = try AttestSandbox()
        let registry = try joinDeadRegistry(sandbox)
        let terminal = try sitShortExam(sandbox, registry: registry)
        defer { terminal.close() }
        try terminal.send("n" + Key.enter)
        try terminal.waitFor("Not submitted; 'attest submit' sends it whenever you like.", timeout: .seconds(10), ignoringEscapes: true)
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)
        #expect(try AttestDatabase.open(path: sandbox.storePath).outbox(registry: registry).isEmpty)
    }

    @Test func theReplSendsWhatWaitsBeforeItsPromptAndKeepsItWhenTheRegistryIsDown() throws {
        let sandbox = try AttestSandbox()
        let registry = try joinDeadRegistry(sandbox)
        let exam = try sitShortExam(sandbox, registry: registry)
        try exam.send(Key.enter)
        try exam.waitFor("It stays in the outbox", timeout: .seconds(35), ignoringEscapes: true)
        #expect(try exam.waitForExit(timeout: .seconds(10)) == 0)
        exam.close()

        let repl = try PseudoTerminal.spawn(executable: try #require(AttestBinary.path), arguments: [], environment: sandbox.environment)
        defer { repl.close() }
        try repl.waitFor("Sending 1 waiting submission to \(registry)…", timeout: .seconds(10), ignoringEscapes: true)
        try repl.waitFor("It stays in the outbox", timeout: .seconds(10), ignoringEscapes: true)
        try repl.waitFor("attest>", timeout: .seconds(10), ignoringEscapes: true)
        try repl.send("quit" + Key.enter)
        #expect(try repl.waitForExit(timeout: .seconds(10)) == 0)
        let waiting = try AttestDatabase.open(path: sandbox.storePath).outbox(registry: registry)
        #expect(waiting.count == 1 && waiting.first?.tries == 2, "tried again at start, still waiting")
    }

    @Test func aScriptIsNeverAsked() throws {
        let sandbox = try AttestSandbox()
        let registry = try joinDeadRegistry(sandbox)
        let pack = try ShippedPacks.installShortExam(in: sandbox)
        let answers = try ShippedPacks.answers(pack: pack, quiz: ShippedPacks.shortExamID, seed: 4)
        let result = try sandbox.run(["take", ShippedPacks.shortExamID, "--seed", "4"], input: answers.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("PASSED") && !result.standardOutput.contains("Submit this exam"))
        #expect(try AttestDatabase.open(path: sandbox.storePath).outbox(registry: registry).isEmpty)
    }
}
