import AttestCore
import Foundation

/// One journaled answer as the scheduler reads it.
public struct JournalAnswer: Sendable, Hashable {
    /// The journal's sequence number (the store's `response.seq`).
    public var seq: Int64
    public var attemptID: String
    public var position: Int
    public var packID: String
    public var questionID: String
    public var outcome: ResponseOutcome
    public var score: Double
    public var shownAt: Date
    public var answeredAt: Date

    public init(
        seq: Int64, attemptID: String, position: Int, packID: String, questionID: String, outcome: ResponseOutcome,
        score: Double, shownAt: Date, answeredAt: Date
    ) {
        self.seq = seq
        self.attemptID = attemptID
        self.position = position
        self.packID = packID
        self.questionID = questionID
        self.outcome = outcome
        self.score = score
        self.shownAt = shownAt
        self.answeredAt = answeredAt
    }

    /// The FSRS grade: an answer by its score (`Grade.init(score:)`); a skipped or timed-out question is Again.
    public var grade: Grade {
        outcome == .answered ? Grade(score: score) : .again
    }
}

/// Which memory a question's answers build: one per question, or (for parameterised questions) one per
/// template, so every instance of a template reviews the same memory.
public struct MemoryKeying: Sendable {
    /// Names the keying in the store's cache fingerprint: a different keying rebuilds the cache.
    public var name: String
    public var key: @Sendable (_ packID: String, _ questionID: String) -> String

    public init(name: String, key: @escaping @Sendable (_ packID: String, _ questionID: String) -> String) {
        self.name = name
        self.key = key
    }

    /// One memory per question id.
    public static let perQuestion = MemoryKeying(name: "question") { _, questionID in questionID }
}

/// A pack and a memory key within it.
public struct MemoryItem: Sendable, Hashable, Codable, Comparable {
    public var packID: String
    public var key: String

    public init(packID: String, key: String) {
        self.packID = packID
        self.key = key
    }

    public static func < (lhs: MemoryItem, rhs: MemoryItem) -> Bool { (lhs.packID, lhs.key) < (rhs.packID, rhs.key) }
}

/// A memory state with the answer time measured on it.
public struct ItemMemory: Sendable, Hashable, Codable {
    public var state: MemoryState
    /// Seconds spent on the answers folded in (what the planner budgets with).
    public var seconds: Double

    public init(state: MemoryState, seconds: Double) {
        self.state = state
        self.seconds = seconds
    }

    /// The mean seconds per answer.
    public var meanSeconds: Double { seconds / Double(max(1, state.reviews)) }
}

/// A learner's memory of every question they answered, folded from the journal in time order.
///
/// Why it exists: it is recomputable from the journal at any time (`fold` from empty), and the store keeps
/// it as a cache that later answers are folded into; both give the same states.
public struct MemoryLedger: Sendable, Hashable {
    public var items: [MemoryItem: ItemMemory] = [:]
    /// The greatest journal sequence number folded in.
    public var throughSeq: Int64 = 0

    public init(items: [MemoryItem: ItemMemory] = [:], throughSeq: Int64 = 0) {
        self.items = items
        self.throughSeq = throughSeq
    }

    /// Folds `answers` (in time order) in. Returns false, changing nothing, when one of them is older than the
    /// last review already folded for its item: only a fold from empty can place it.
    public mutating func fold(_ answers: [JournalAnswer], scheduler: FSRSScheduler, keying: MemoryKeying) -> Bool {
        var updated = items
        for answer in answers {
            let item = MemoryItem(packID: answer.packID, key: keying.key(answer.packID, answer.questionID))
            var memory = updated[item] ?? ItemMemory(state: .new(at: answer.answeredAt), seconds: 0)
            if let last = memory.state.lastReview, answer.answeredAt < last { return false }
            memory.state = scheduler.review(memory.state, grade: answer.grade, at: answer.answeredAt)
            memory.seconds += max(0, answer.answeredAt.timeIntervalSince(answer.shownAt))
            updated[item] = memory
        }
        items = updated
        throughSeq = max(throughSeq, answers.map(\.seq).max() ?? 0)
        return true
    }

    /// The ledger of `answers` from empty.
    public static func rebuilt(from answers: [JournalAnswer], scheduler: FSRSScheduler, keying: MemoryKeying) -> MemoryLedger {
        var ledger = MemoryLedger()
        _ = ledger.fold(answers.sorted { ($0.answeredAt, $0.seq) < ($1.answeredAt, $1.seq) }, scheduler: scheduler, keying: keying)
        return ledger
    }

    /// Items due at `now` (their due date has come), in `packID`.
    public func due(packID: String? = nil, at now: Date) -> [MemoryItem] {
        items.filter { (packID == nil || $0.key.packID == packID) && $0.value.state.due <= now }.map(\.key).sorted()
    }

    /// The earliest due date after `now` in `packID`.
    public func nextDue(packID: String? = nil, after now: Date) -> Date? {
        items.filter { packID == nil || $0.key.packID == packID }.map(\.value.state.due).filter { $0 > now }.min()
    }
}
