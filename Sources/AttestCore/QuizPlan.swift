import Foundation

/// The questions of one attempt, in order, with the order their options or items are shown in.
///
/// A plan is a pure function of (pack, quiz, seed), so the seed stored with an
/// attempt rebuilds it exactly for a resume or a review. Option orders depend only
/// on the seed, the position and the question, which is why a plan can also be
/// rebuilt from the stored question ids alone (`init(rebuilding:pack:quiz:)`).
public struct QuizPlan: Sendable, Hashable {
    /// One drawn question and how it is presented.
    public struct Entry: Sendable, Hashable {
        public var questionID: String
        /// For choice and ordering questions: `order[shown]` is the original (pack-order) index
        /// of the option or item shown at position `shown` (label `a` is `order[0]`). Empty otherwise.
        public var order: [Int]
        /// The index of the quiz section that drew it, when known.
        public var section: Int?

        public init(questionID: String, order: [Int], section: Int?) {
            self.questionID = questionID
            self.order = order
            self.section = section
        }
    }

    public var seed: UInt64
    public var entries: [Entry]

    /// The drawn question ids in order: what `AttemptRecord.questionIDs` stores.
    public var questionIDs: [String] { entries.map(\.questionID) }
    public var count: Int { entries.count }

    /// Draws the questions of `quiz` from `pack`.
    ///
    /// Sections draw in order; a question drawn by an earlier section is removed from
    /// later pools. With `shuffleQuestions` each section's draw is in random order
    /// (sections keep their order); without it, in pool order.
    public init(pack: Pack, quiz: Quiz, seed: UInt64) throws(QuizPlanError) {
        var generator = SeededGenerator(seed: seed)
        var used = Set<String>()
        var drawn: [(id: String, section: Int)] = []
        // Sets, not linear searches: a section may draw from tens of thousands of questions.
        let known = Set(pack.questions.map(\.id))
        for (index, section) in quiz.sections.enumerated() {
            var pool: [String] = []
            var inPool = Set<String>()
            for id in section.poolQuestionIDs(in: pack) where !used.contains(id) && !inPool.contains(id) {
                guard known.contains(id) else { throw .unknownQuestion(id) }
                pool.append(id)
                inPool.insert(id)
            }
            let wanted = section.count ?? pool.count
            guard wanted <= pool.count else {
                throw .poolTooSmall(section: index + 1, title: section.title, wanted: wanted, available: pool.count)
            }
            var picked = pool.seededSample(wanted, using: &generator)
            if !quiz.shuffleQuestions {
                let rank = Dictionary(uniqueKeysWithValues: pool.enumerated().map { ($1, $0) })
                picked.sort { rank[$0]! < rank[$1]! }
            }
            for id in picked {
                used.insert(id)
                drawn.append((id, index))
            }
        }
        guard !drawn.isEmpty else { throw .empty(quiz: quiz.id) }
        self.seed = seed
        entries = try drawn.enumerated().map { position, item throws(QuizPlanError) in
            try QuizPlan.entry(
                for: item.id, section: item.section, position: position, pack: pack, seed: seed,
                shuffleOptions: quiz.shuffleOptions)
        }
    }

    /// Rebuilds a plan from given question ids (a stored attempt, or a list of missed questions).
    ///
    /// Fails when the pack no longer has one of the questions.
    public init(pack: Pack, questionIDs: [String], seed: UInt64, shuffleOptions: Bool) throws(QuizPlanError) {
        guard !questionIDs.isEmpty else { throw .empty(quiz: pack.id) }
        self.seed = seed
        entries = try questionIDs.enumerated().map { position, id throws(QuizPlanError) in
            try QuizPlan.entry(
                for: id, section: nil, position: position, pack: pack, seed: seed, shuffleOptions: shuffleOptions)
        }
    }

    /// Rebuilds the plan of a stored attempt: same questions, same option orders.
    public init(rebuilding record: AttemptRecord, pack: Pack, quiz: Quiz) throws(QuizPlanError) {
        try self.init(
            pack: pack, questionIDs: record.questionIDs, seed: record.seed, shuffleOptions: quiz.shuffleOptions)
        let sectionByID = (try? QuizPlan(pack: pack, quiz: quiz, seed: record.seed))
            .map { Dictionary($0.entries.map { ($0.questionID, $0.section) }, uniquingKeysWith: { a, _ in a }) }
        if let sectionByID, Set(sectionByID.keys) == Set(record.questionIDs) {
            for index in entries.indices {
                entries[index].section = sectionByID[entries[index].questionID] ?? nil
            }
        }
    }

    /// The presentation order for the question at `position`, from its own random stream.
    ///
    /// Options are shuffled when `shuffleOptions` is set; ordering items are always
    /// shuffled and, with two or more items, never shown already in the correct order.
    static func entry(
        for id: String, section: Int?, position: Int, pack: Pack, seed: UInt64, shuffleOptions: Bool
    ) throws(QuizPlanError) -> Entry {
        guard let question = pack.question(id) else { throw .unknownQuestion(id) }
        var generator = SeededGenerator(seed: seed, stream: UInt64(position) + 1)
        let order: [Int]
        switch question.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            let identity = Array(options.indices)
            order = shuffleOptions ? identity.seededShuffled(using: &generator) : identity
        case let .ordering(items):
            let identity = Array(items.indices)
            var shuffled = identity.seededShuffled(using: &generator)
            while identity.count > 1 && shuffled == identity {
                shuffled = identity.seededShuffled(using: &generator)
            }
            order = shuffled
        case .trueFalse, .shortText, .numeric:
            order = []
        }
        return Entry(questionID: id, order: order, section: section)
    }
}

/// Why a quiz plan could not be drawn or rebuilt.
public enum QuizPlanError: Error, Sendable, Hashable, LocalizedError {
    case unknownQuestion(String)
    case poolTooSmall(section: Int, title: String?, wanted: Int, available: Int)
    case empty(quiz: String)
    case unknownSkill(String)

    public var errorDescription: String? {
        switch self {
        case let .unknownQuestion(id):
            "The pack has no question \"\(id)\" (it may have been removed in a newer version of the pack)."
        case let .poolTooSmall(section, title, wanted, available):
            "Section \(section)\(title.map { " (\($0))" } ?? "") draws \(wanted) questions but its pool has only "
                + "\(available) left; lower its draw or add questions."
        case let .empty(quiz):
            "\"\(quiz)\" has no questions to ask."
        case let .unknownSkill(id):
            "The pack has no skill \"\(id)\"."
        }
    }
}
