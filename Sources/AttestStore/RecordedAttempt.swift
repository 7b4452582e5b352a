import AttestCore
import Foundation

/// An attempt with its effective responses (the latest per position, ordered by position).
///
/// What competency scoring reads (`evidence`) and what an instructor's stats
/// exchange carries (`exportAttempts` / `importAttempts`).
public struct RecordedAttempt: Sendable, Hashable, Codable {
    public var attempt: AttemptRecord
    public var responses: [ResponseRecord]
    /// The extended time the attempt was taken with (`Accommodation`); nil for standard time and in files
    /// written before extended time existed.
    public var timeMultiplier: Double?
    /// The instances of its parameterised questions as the learner saw them; nil when it has none (and in
    /// files written before instances were journaled).
    public var instances: [InstanceRecord]?

    public init(
        attempt: AttemptRecord, responses: [ResponseRecord], timeMultiplier: Double? = nil, instances: [InstanceRecord] = []
    ) {
        self.attempt = attempt
        self.responses = responses
        self.timeMultiplier = timeMultiplier.flatMap { $0 > 1 ? $0 : nil }
        self.instances = instances.isEmpty ? nil : instances
    }
}

/// What `importAttempts` did: attempts already present (same id) are never counted twice.
public struct AttemptImportSummary: Sendable, Hashable, Codable {
    public var imported: Int
    public var alreadyPresent: Int

    public init(imported: Int, alreadyPresent: Int) {
        self.imported = imported
        self.alreadyPresent = alreadyPresent
    }
}
