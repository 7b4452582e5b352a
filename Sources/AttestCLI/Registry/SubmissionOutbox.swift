import AttestCore
import AttestCredentials
import AttestStore
import Foundation

/// The learner's side of an organisation registry: exams are signed one attempt a bundle, queued in the
/// store's outbox, and sent when the registry answers. A bundle is signed once and resent byte for byte,
/// so the registry (idempotent by bundle and by attempt) stores it once however many tries it takes; an
/// entry is marked sent only once the registry has answered, and the credentials in its answer go to the log.
struct SubmissionOutbox {
    static let urlSetting = "registry-url"
    static let didSetting = "registry-did"

    let context: AppContext
    let store: AttestDatabase
    let registry: String

    /// The joined registry's URL, or nil when the learner has not joined one.
    static func joinedRegistry(_ store: AttestDatabase) throws -> String? {
        try store.setting(urlSetting)
    }

    /// Ended exam attempts of the learner (never imported ones) not yet queued for this registry, oldest first.
    func unsubmittedExams() throws -> [AttemptRecord] {
        let queued = try store.outboxAttemptIDs(registry: registry)
        let imported = try store.importedAttemptIDs(learner: context.learner)
        return try store.exportAttempts(learner: context.learner).map(\.attempt).filter { attempt in
            attempt.mode == .exam && attempt.endedAt != nil && !queued.contains(attempt.id) && !imported.contains(attempt.id)
        }.sorted { $0.startedAt < $1.startedAt }
    }

    /// Signs `attempt` with the device key and queues it; false when it was queued before.
    @discardableResult
    func queue(_ attempt: AttemptRecord) throws -> Bool {
        let key = try DeviceKey.load(store)
        let submission = try Submission.collect(
            store: store, learner: context.learner, packID: attempt.packID, device: key.did, attemptID: attempt.id)
        let bundle = try submission.sign(with: key, at: context.clock.now())
        return try store.enqueueSubmission(
            registry: registry, attemptID: attempt.id, learner: context.learner, bundle: bundle, at: context.clock.now())
    }

    /// What one send did.
    enum Delivery {
        case delivered(entry: OutboxEntry, imported: [CredentialBundleImport.Result], accepted: Bool, problems: [String])
        case refused(entry: OutboxEntry, reason: String)
        case waiting(entry: OutboxEntry, reason: String)
    }

    /// Sends every pending entry in order; stops at the first that gets no answer (the registry is down or
    /// busy), leaving it and the rest for the next time.
    func drain(transport: RegistryTransport) throws -> [Delivery] {
        var deliveries: [Delivery] = []
        for entry in try store.outbox(registry: registry) {
            let answer: (status: Int, body: String)
            do {
                answer = try transport.send("POST", registry + "/submissions", body: entry.bundle)
            } catch let unreachable as RegistryTransport.Unreachable {
                try store.recordOutboxFailure(id: entry.id, error: unreachable.description)
                deliveries.append(.waiting(entry: entry, reason: unreachable.description))
                break
            }
            switch answer.status {
            case 200:
                let tokens = CredentialBundleImport.tokens(in: Data(answer.body.utf8)) ?? []
                let imported = try CredentialBundleImport(context: context, store: store).add(tokens)
                try store.markOutboxSent(id: entry.id, response: answer.body, at: context.clock.now())
                let outcome = (try? CredentialJSON.parse(Data(answer.body.utf8)))?["attempts"]?.arrayValue?
                    .first { $0["id"]?.stringValue == entry.attemptID }
                deliveries.append(.delivered(
                    entry: entry, imported: imported, accepted: outcome?["accepted"] == .bool(true),
                    problems: outcome?["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []))
            case 400..<500 where answer.status != 429 && answer.status != 408:
                let reason = (try? CredentialJSON.parse(Data(answer.body.utf8)))?["error"]?.stringValue ?? "HTTP \(answer.status)"
                try store.markOutboxSent(id: entry.id, response: answer.body, at: context.clock.now())
                deliveries.append(.refused(entry: entry, reason: reason))
            default:
                let reason = "the registry answered HTTP \(answer.status); it will be sent again later"
                try store.recordOutboxFailure(id: entry.id, error: reason)
                deliveries.append(.waiting(entry: entry, reason: reason))
                return deliveries
            }
        }
        return deliveries
    }

    /// Prints what `drain` did, one line an attempt.
    func report(_ deliveries: [Delivery]) {
        let console = context.console
        for delivery in deliveries {
            switch delivery {
            case let .delivered(entry, imported, accepted, problems):
                let label = "attempt \(entry.attemptID.prefix(8))"
                if accepted {
                    console.line("sent     \(label): accepted by the registry")
                } else {
                    console.line("sent     \(label): not accepted — " + console.safe(problems.joined(separator: "; ")))
                }
                for result in imported { console.line("  " + result.line) }
            case let .refused(entry, reason):
                console.line("refused  attempt \(entry.attemptID.prefix(8)): " + console.safe(reason))
            case let .waiting(entry, reason):
                console.line("waiting  attempt \(entry.attemptID.prefix(8)): " + console.safe(reason)
                    + ". It stays in the outbox and is sent by the next 'attest submit' (or when the REPL starts).")
            }
        }
    }
}
