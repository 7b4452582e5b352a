import AttestCore
import AttestScheduling
import AttestStore
import Foundation

/// A learner's scheduler (their desired retention and, once fitted, their own weights, both kept in the
/// store's settings) and their memory of every question, read from the store's cache.
///
/// Why it exists: `practice`, `plan` and `progress` must all see the same states; nothing here runs at
/// start-up, only when one of them asks.
struct LearnerScheduling {
    let store: AttestDatabase
    let learner: String
    /// One memory per question. Where parameterised questions share a template, this is the one place to key
    /// them by template instead.
    static let keying = MemoryKeying.perQuestion

    static let defaultRetention = 0.9
    static let retentionRange = 0.7...0.99

    private var retentionKey: String { "scheduling.retention." + learner }
    private var weightsKey: String { "scheduling.weights." + learner }

    /// The learner's desired retention (0.9 unless they set another).
    func retention() throws -> Double {
        guard let value = try store.setting(retentionKey).flatMap(Double.init), Self.retentionRange.contains(value) else {
            return Self.defaultRetention
        }
        return value
    }

    func setRetention(_ value: Double) throws {
        try store.setSetting(retentionKey, to: String(value))
    }

    /// The learner's fitted weights, or nil while they use the defaults.
    func fittedWeights() throws -> FSRSParameters? {
        guard let text = try store.setting(weightsKey) else { return nil }
        return try? FSRSParameters(weights: text.split(separator: ",").compactMap { Double($0) })
    }

    func setFittedWeights(_ parameters: FSRSParameters?) throws {
        try store.setSetting(weightsKey, to: parameters.map { $0.weights.map { String($0) }.joined(separator: ",") })
    }

    func scheduler() throws -> FSRSScheduler {
        FSRSScheduler(parameters: try fittedWeights() ?? .defaults, desiredRetention: try retention())
    }

    /// The learner's memory of every question, brought up to date with the journal.
    func ledger(_ scheduler: FSRSScheduler) throws -> MemoryLedger {
        try store.memoryLedger(learner: learner, scheduler: scheduler, keying: Self.keying)
    }

    /// The questions practice may show from `pack` (one skill's when given), as the picker sees them.
    static func candidates(_ pack: Pack, skill: String?) -> [ReviewPicker.Candidate] {
        // Sealed (exam-only) questions are never practised, however due their memory is.
        pack.questions.filter { $0.pool.admits(.practice) && (skill == nil || $0.skillIDs.contains(skill!)) }.map { question in
            ReviewPicker.Candidate(
                questionID: question.id, item: MemoryItem(packID: pack.id, key: keying.key(pack.id, question.id)),
                skillIDs: question.skillIDs)
        }
    }
}
