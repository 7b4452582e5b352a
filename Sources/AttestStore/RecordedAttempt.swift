import AttestCore
import Foundation

/// An attempt with its effective responses (the latest per position, ordered by position).
///
/// What competency scoring reads (`evidence`) and what an instructor's stats
/// exchange carries (`exportAttempts` / `importAttempts`).
public struct RecordedAttempt: Sendable, Hashable, Codable {
    public var attempt: AttemptRecord
    public var responses: [ResponseRecord]

    public init(attempt: AttemptRecord, responses: [ResponseRecord]) {
        self.attempt = attempt
        self.responses = responses
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
