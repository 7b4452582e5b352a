import Foundation

/// A grade for one review, as FSRS numbers them. Attest grades right/wrong answers (see `Grade.init(score:)`).
public enum Grade: Int, Sendable, Hashable, Codable, CaseIterable {
    case again = 1, hard, good, easy

    /// The grade of an answer that earned `score` (0…1) of a question's credit: fully right is Good, anything
    /// below half is Again, partial credit from half up is Hard (recalled, with effort).
    public init(score: Double) {
        if score >= 1 {
            self = .good
        } else if score >= 0.5 {
            self = .hard
        } else {
            self = .again
        }
    }

    /// Whether FSRS counts the review as recalled (anything but Again).
    public var recalled: Bool { self != .again }
}

/// Where a question is in FSRS's cycle: being learned (short steps), in review (day intervals), or being
/// relearned after a lapse.
public enum MemoryPhase: Int, Sendable, Hashable, Codable {
    case learning = 1, review, relearning
}

/// What FSRS knows about one learner's memory of one question (or one template of parameterised questions).
///
/// Why it exists: it is the one value the scheduler folds reviews into and the store caches; everything
/// the learner sees (due, retrievability, cram order, plans) is read from it.
public struct MemoryState: Sendable, Hashable, Codable {
    public var phase: MemoryPhase
    /// The learning or relearning step, nil in review.
    public var step: Int?
    /// Days until retrievability falls to 90 %; nil before the first review.
    public var stability: Double?
    /// 1 (easy) … 10 (hard); nil before the first review.
    public var difficulty: Double?
    public var due: Date
    public var lastReview: Date?
    /// Reviews folded in, and how many of them were Again.
    public var reviews: Int
    public var lapses: Int

    /// A question never reviewed.
    public static func new(at date: Date) -> MemoryState {
        MemoryState(phase: .learning, step: 0, stability: nil, difficulty: nil, due: date, lastReview: nil, reviews: 0, lapses: 0)
    }

    public init(
        phase: MemoryPhase, step: Int?, stability: Double?, difficulty: Double?, due: Date, lastReview: Date?,
        reviews: Int, lapses: Int
    ) {
        self.phase = phase
        self.step = step
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lastReview = lastReview
        self.reviews = reviews
        self.lapses = lapses
    }
}
