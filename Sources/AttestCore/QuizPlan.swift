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

    /// Draws the questions of `quiz` from `pack` (see `QuizPools.draw(quiz:seed:)` for the rules).
    public init(pack: Pack, quiz: Quiz, seed: UInt64) throws(QuizPlanError) {
        let draws = try QuizPools(pack: pack, quiz: quiz).draw(quiz: quiz, seed: seed)
        self.init(
            drawn: draws.map { (pack.questions[$0.ordinal], $0.section) }, seed: seed,
            shuffleOptions: quiz.shuffleOptions)
    }

    /// A plan over questions already drawn (in order, with the section that drew each), e.g. the
    /// questions a compiled pack fetched for `QuizPools.draw(quiz:seed:)`'s ordinals.
    public init(drawn: [(question: Question, section: Int?)], seed: UInt64, shuffleOptions: Bool) {
        self.seed = seed
        entries = drawn.enumerated().map { position, item in
            QuizPlan.entry(
                for: item.question, section: item.section, position: position, seed: seed,
                shuffleOptions: shuffleOptions)
        }
    }

    /// Rebuilds a plan from given question ids (a stored attempt, or a list of missed questions).
    ///
    /// Fails when the pack no longer has one of the questions.
    public init(pack: Pack, questionIDs: [String], seed: UInt64, shuffleOptions: Bool) throws(QuizPlanError) {
        guard !questionIDs.isEmpty else { throw .empty(quiz: pack.id) }
        self.seed = seed
        entries = try questionIDs.enumerated().map { position, id throws(QuizPlanError) in
            guard let question = pack.question(id) else { throw .unknownQuestion(id) }
            return QuizPlan.entry(
                for: question, section: nil, position: position, seed: seed, shuffleOptions: shuffleOptions)
        }
    }

    /// Rebuilds the plan of a stored attempt: same questions, same option orders.
    public init(rebuilding record: AttemptRecord, pack: Pack, quiz: Quiz) throws(QuizPlanError) {
        try self.init(
            pack: pack, questionIDs: record.questionIDs, seed: record.seed, shuffleOptions: quiz.shuffleOptions)
        var ordinals: [String: Int] = [:]
        for (ordinal, question) in pack.questions.enumerated() where ordinals[question.id] == nil {
            ordinals[question.id] = ordinal
        }
        assignSections(
            draws: try? QuizPools(pack: pack, quiz: quiz).draw(quiz: quiz, seed: record.seed),
            ordinals: record.questionIDs.map { ordinals[$0] ?? -1 })
    }

    /// Rebuilds the plan of a stored attempt from its questions alone, looked up by id with their
    /// ordinals in the pack (as a compiled pack stores them), and the quiz's precomputed pools.
    ///
    /// Gives the same plan as `init(rebuilding:pack:quiz:)` over the whole pack.
    public init(
        rebuilding record: AttemptRecord, questions: [String: (ordinal: Int, question: Question)], quiz: Quiz,
        pools: QuizPools
    ) throws(QuizPlanError) {
        guard !record.questionIDs.isEmpty else { throw .empty(quiz: quiz.id) }
        seed = record.seed
        entries = try record.questionIDs.enumerated().map { position, id throws(QuizPlanError) in
            guard let found = questions[id] else { throw .unknownQuestion(id) }
            return QuizPlan.entry(
                for: found.question, section: nil, position: position, seed: record.seed,
                shuffleOptions: quiz.shuffleOptions)
        }
        assignSections(
            draws: try? pools.draw(quiz: quiz, seed: record.seed),
            ordinals: record.questionIDs.map { questions[$0]?.ordinal ?? -1 })
    }

    /// Sections come from drawing the quiz again with the attempt's seed; they are only known
    /// when that draw gives exactly the attempt's questions (`ordinals`, in plan order).
    private mutating func assignSections(draws: [QuizPools.Draw]?, ordinals: [Int]) {
        guard let draws else { return }
        let sectionByOrdinal = Dictionary(draws.map { ($0.ordinal, $0.section) }, uniquingKeysWith: { a, _ in a })
        guard Set(sectionByOrdinal.keys) == Set(ordinals) else { return }
        for index in entries.indices {
            entries[index].section = sectionByOrdinal[ordinals[index]]
        }
    }

    /// The presentation order for the question at `position`, from its own random stream.
    ///
    /// Options are shuffled when `shuffleOptions` is set; ordering items are always
    /// shuffled and, with two or more items, never shown already in the correct order.
    static func entry(
        for question: Question, section: Int?, position: Int, seed: UInt64, shuffleOptions: Bool
    ) -> Entry {
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
        return Entry(questionID: question.id, order: order, section: section)
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
