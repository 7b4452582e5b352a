import Foundation

/// The candidate questions of each section of one quiz, as ordinals into `Pack.questions`.
///
/// Computing a pool means looking at every question of the pack; drawing from it does not.
/// Splitting the two lets a compiled pack keep the pools and draw a quiz from a
/// 50,000-question pack without holding its questions: `draw(quiz:seed:)` gives exactly
/// what `QuizPlan(pack:quiz:seed:)` draws for the same seed.
public struct QuizPools: Sendable, Hashable, Codable {
    /// One section's pool in pool order, duplicates kept (the draw skips them as the full draw did).
    /// An entry `>= 0` is an ordinal into the pack's questions; `-1 - k` is `unknownIDs[k]`,
    /// a listed question the pack does not have (drawing reports it when it reaches it).
    public var sections: [[Int32]]
    /// Question ids a `questions` pool lists that the pack does not have.
    public var unknownIDs: [String]
    /// How many questions the pack has (the ordinals' upper bound).
    public var questionCount: Int

    public init(sections: [[Int32]], unknownIDs: [String], questionCount: Int) {
        self.sections = sections
        self.unknownIDs = unknownIDs
        self.questionCount = questionCount
    }

    /// The pools of every section of `quiz` in `pack`.
    public init(pack: Pack, quiz: Quiz) {
        self.init(quiz: quiz, in: Index(pack))
    }

    /// What computing pools needs of a pack, built once for all its quizzes: each question id's
    /// first ordinal, and the ordinals of the questions with each skill and each tag.
    public struct Index: Sendable {
        let questionCount: Int
        let ordinals: [String: Int32]
        let bySkill: [String: [Int32]]
        let byTag: [String: [Int32]]
        /// Each question's pool, by ordinal.
        let pools: [QuestionPool]

        public init(_ pack: Pack) {
            questionCount = pack.questions.count
            var ordinals: [String: Int32] = [:]
            var bySkill: [String: [Int32]] = [:]
            var byTag: [String: [Int32]] = [:]
            ordinals.reserveCapacity(pack.questions.count)
            for (index, question) in pack.questions.enumerated() {
                let ordinal = Int32(index)
                if ordinals[question.id] == nil { ordinals[question.id] = ordinal }
                for weight in question.skills where bySkill[weight.skill]?.last != ordinal {
                    bySkill[weight.skill, default: []].append(ordinal)
                }
                for tag in question.tags where byTag[tag]?.last != ordinal {
                    byTag[tag, default: []].append(ordinal)
                }
            }
            self.ordinals = ordinals
            self.bySkill = bySkill
            self.byTag = byTag
            pools = pack.questions.map(\.pool)
        }

        /// The ordinals of the questions with any of `keys` in `lists`, in pack order, each once:
        /// what `QuizSection.poolQuestionIDs(in:)` finds for a skills or tags pool.
        func union(of keys: [String], in lists: [String: [Int32]]) -> [Int32] {
            let found = Set(keys).compactMap { lists[$0] }
            guard found.count > 1 else { return found.first ?? [] }
            var seen = [Bool](repeating: false, count: questionCount)
            var merged: [Int32] = []
            for list in found {
                for ordinal in list where !seen[Int(ordinal)] {
                    seen[Int(ordinal)] = true
                    merged.append(ordinal)
                }
            }
            return merged.sorted()
        }
    }

    /// The pools of every section of `quiz` in the pack `index` was built from, without the
    /// questions its mode may not show (sealed questions never reach a practice quiz).
    public init(quiz: Quiz, in index: Index) {
        var unknown: [String] = []
        var unknownIndex: [String: Int32] = [:]
        let admitted = { (ordinal: Int32) in ordinal < 0 || index.pools[Int(ordinal)].admits(quiz.mode) }
        sections = quiz.sections.map { section in
            switch section.pool {
            case let .skills(skills):
                return index.union(of: skills, in: index.bySkill).filter(admitted)
            case let .tags(tags):
                return index.union(of: tags, in: index.byTag).filter(admitted)
            case let .questions(ids):
                return ids.compactMap { id -> Int32? in
                    if let ordinal = index.ordinals[id] { return admitted(ordinal) ? ordinal : nil }
                    if let known = unknownIndex[id] { return -1 - known }
                    let next = Int32(unknown.count)
                    unknown.append(id)
                    unknownIndex[id] = next
                    return -1 - next
                }
            }
        }
        unknownIDs = unknown
        questionCount = index.questionCount
    }

    /// One drawn question: its ordinal in the pack and the index of the section that drew it.
    public struct Draw: Sendable, Hashable {
        public var ordinal: Int
        public var section: Int
    }

    /// The questions `quiz` (whose pools these are) asks with `seed`, in order.
    ///
    /// Sections draw in order; a question drawn by an earlier section is removed from
    /// later pools. With `shuffleQuestions` each section's draw is in random order
    /// (sections keep their order); without it, in pool order.
    public func draw(quiz: Quiz, seed: UInt64) throws(QuizPlanError) -> [Draw] {
        var generator = SeededGenerator(seed: seed)
        var used = [Bool](repeating: false, count: questionCount)
        var drawn: [Draw] = []
        for (index, section) in quiz.sections.enumerated() {
            let source = sections.indices.contains(index) ? sections[index] : []
            var pool: [Int] = []
            var inPool = [Bool](repeating: false, count: questionCount)
            for entry in source {
                guard entry >= 0 else { throw .unknownQuestion(unknownIDs[Int(-1 - entry)]) }
                let ordinal = Int(entry)
                guard !used[ordinal], !inPool[ordinal] else { continue }
                pool.append(ordinal)
                inPool[ordinal] = true
            }
            let wanted = section.count ?? pool.count
            guard wanted <= pool.count else {
                throw .poolTooSmall(section: index + 1, title: section.title, wanted: wanted, available: pool.count)
            }
            // Sampling positions swaps exactly as sampling the elements would, and sorts back to pool order.
            var picked = Array(pool.indices).seededSample(wanted, using: &generator)
            if !quiz.shuffleQuestions { picked.sort() }
            for position in picked {
                used[pool[position]] = true
                drawn.append(Draw(ordinal: pool[position], section: index))
            }
        }
        guard !drawn.isEmpty else { throw .empty(quiz: quiz.id) }
        return drawn
    }
}
