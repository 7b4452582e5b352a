import ArgumentParser
import AttestCore
import Foundation

/// `submit [ATTEMPT]`: sign exams and send them to the joined registry through the outbox.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit your exams to the registry you joined ('attest registry join URL').",
        discussion: """
            Without ATTEMPT every ended exam not yet submitted is queued. Each is signed by this store's device \
            key and kept in the outbox until the registry answers, so an exam taken offline or while the registry \
            is down is sent by a later 'attest submit' (or when the REPL starts), exactly once. Credentials the \
            registry issues are added to your log. Exit status 0 when everything was sent or is queued.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("An exam attempt id, or the start of one (see 'attest progress').", valueName: "attempt"))
    var attempt: String?

    func run() throws {
        let context = global.context()
        let store = try context.store()
        guard let registry = try SubmissionOutbox.joinedRegistry(store) else {
            throw CommandFailure("You have not joined a registry: run 'attest registry join URL' first.")
        }
        let outbox = SubmissionOutbox(context: context, store: store, registry: registry)
        let candidates = try outbox.unsubmittedExams()
        var chosen = candidates
        if let attempt {
            let matches = candidates.filter { $0.id.hasPrefix(attempt) }
            if matches.count > 1 {
                throw CommandFailure("\(CommandFailure.quote(attempt)) matches \(matches.count) exams; give more of the attempt id.")
            }
            guard let match = matches.first else {
                let queued = try store.outboxAttemptIDs(registry: registry).contains { $0.hasPrefix(attempt) }
                throw CommandFailure(queued
                    ? "Attempt \(CommandFailure.quote(attempt)) was already submitted to this registry; nothing is sent twice."
                    : "No ended exam attempt of \(context.learner) starts with \(CommandFailure.quote(attempt)).")
            }
            chosen = [match]
        }
        for record in chosen { try outbox.queue(record) }
        let pending = try store.outbox(registry: registry)
        if pending.isEmpty {
            context.console.line("Nothing to submit: every ended exam has been sent to \(context.console.safe(registry)).")
            return
        }
        outbox.report(try outbox.drain(transport: try RegistryTransport(environment: context.environment)))
    }
}
