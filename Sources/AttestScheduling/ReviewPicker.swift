import Foundation

/// Chooses practice questions by what the learner's memory needs.
///
/// Why it exists: `practice` asks it which of the questions it may show (the candidates: the practice pool
/// of a pack or skill) come first, so the selection rules live in one pure place.
public struct ReviewPicker: Sendable {
    /// A question practice may show.
    public struct Candidate: Sendable, Hashable {
        public var questionID: String
        /// The memory it reviews (`MemoryKeying`): questions sharing one are never picked together.
        public var item: MemoryItem
        public var skillIDs: [String]

        public init(questionID: String, item: MemoryItem, skillIDs: [String]) {
            self.questionID = questionID
            self.item = item
            self.skillIDs = skillIDs
        }
    }

    /// How to choose.
    public enum Mode: Sendable, Hashable {
        /// Due questions, most forgotten first, then new questions of the weakest skills.
        case scheduled
        /// Due questions only.
        case due
        /// Questions already answered, lowest retrievability first, due or not.
        case cram
    }

    public var scheduler: FSRSScheduler
    public var ledger: MemoryLedger

    public init(scheduler: FSRSScheduler, ledger: MemoryLedger) {
        self.scheduler = scheduler
        self.ledger = ledger
    }

    /// Up to `count` question ids from `candidates`, in the order to ask them. `skillStrength` orders new
    /// questions (weakest skill first; skills without a value count as weakest).
    public func pick(
        _ candidates: [Candidate], mode: Mode, count: Int, now: Date, skillStrength: [String: Double] = [:]
    ) -> [String] {
        var seen = Set<MemoryItem>()
        let distinct = candidates.filter { seen.insert($0.item).inserted }
        let reviewed = distinct.compactMap { candidate in
            ledger.items[candidate.item].map { (candidate, $0.state, scheduler.retrievability($0.state, at: now)) }
        }
        let byNeed = reviewed.sorted { ($0.2, $0.1.due, $0.0.questionID) < ($1.2, $1.1.due, $1.0.questionID) }
        let due = byNeed.filter { $0.1.due <= now }.map(\.0.questionID)
        switch mode {
        case .due:
            return Array(due.prefix(count))
        case .cram:
            return Array(byNeed.map(\.0.questionID).prefix(count))
        case .scheduled:
            let strength: (Candidate) -> Double = { candidate in
                candidate.skillIDs.map { skillStrength[$0] ?? -1 }.min() ?? -1
            }
            let new = distinct.enumerated()
                .filter { ledger.items[$0.element.item] == nil }
                .sorted { (strength($0.element), $0.offset) < (strength($1.element), $1.offset) }
                .map(\.element.questionID)
            return Array((due + new).prefix(count))
        }
    }
}
