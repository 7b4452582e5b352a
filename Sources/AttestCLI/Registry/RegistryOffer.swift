import AttestCore
import Foundation
import LineEditor

/// Where a learner who joined a registry meets it without typing a command: after an exam at a keyboard
/// the session offers to submit it, and an interactive REPL sends what waits in the outbox when it starts.
enum RegistryOffer {
    /// Asks whether to submit the exam just ended; yes queues and sends it (it waits if the registry is down).
    static func afterExam(_ engine: QuizEngine, context: AppContext, reader: any LineReader) throws {
        guard reader.isInteractive, engine.mode == .exam, engine.endedAt != nil, let store = context.existingStore(),
              let registry = try SubmissionOutbox.joinedRegistry(store) else { return }
        let question = YesNoQuestion(
            prompt: "Submit this exam to \(context.console.safe(registry))? [Y/n] ", defaultAnswer: true, onEndOfInput: false)
        guard question.ask(reader: reader, console: context.console) == .yes else {
            context.console.line("Not submitted; 'attest submit' sends it whenever you like.")
            return
        }
        let outbox = SubmissionOutbox(context: context, store: store, registry: registry)
        guard let record = try outbox.unsubmittedExams().first(where: { $0.id == engine.attemptID }) else { return }
        try outbox.queue(record)
        outbox.report(try outbox.drain(transport: try RegistryTransport(environment: context.environment)))
    }

    /// How long the REPL waits for the registry at start before leaving the outbox for later.
    static let startUpTimeoutSeconds = 5

    /// Sends the outbox's waiting submissions, saying so only when there were some.
    static func sendWaiting(context: AppContext) {
        guard let store = context.existingStore(), let registry = try? SubmissionOutbox.joinedRegistry(store),
              let waiting = try? store.outbox(registry: registry), !waiting.isEmpty else { return }
        context.console.line("Sending \(waiting.count) waiting submission\(waiting.count == 1 ? "" : "s") to \(context.console.safe(registry))…")
        let outbox = SubmissionOutbox(context: context, store: store, registry: registry)
        do {
            // Before the prompt: a registry that does not answer holds the learner up for seconds, not the 30 of 'submit'.
            var transport = try RegistryTransport(environment: context.environment)
            transport.timeoutSeconds = startUpTimeoutSeconds
            outbox.report(try outbox.drain(transport: transport))
        } catch {
            context.console.error("warning: " + context.console.safe(error.localizedDescription))
        }
    }
}
