import Foundation

/// The outcome of one attempt: per-skill scores against the quiz's thresholds, points, time,
/// and what was missed with the right answers.
///
/// Pure: computed from the plan and the journaled responses, so a result can be rebuilt
/// from the store at any time. A skill's score is the share of its possible credit earned,
/// where each question gives each of its skills `weight / total weight` of its points.
public struct QuizResult: Sendable, Hashable {
    /// One skill's score in this attempt.
    public struct SkillScore: Sendable, Hashable {
        public var skillID: String
        public var name: String
        /// Weighted points earned and possible for this skill.
        public var earned: Double
        public var possible: Double
        public var threshold: Double
        /// The exam's decision rule settled this skill (early stopping): it, not the threshold, says whether it passed.
        public var decision: SectionDecision?
        /// The skill is decided by the exam's rule but the attempt ended before the rule decided: not passed.
        public var awaitsDecision = false
        public var fraction: Double { possible > 0 ? earned / possible : 0 }
        public var passed: Bool {
            if let decision { return decision.isProficient }
            return !awaitsDecision && fraction >= threshold - 1e-9
        }
    }

    /// A question without full credit, with its key; an abandoned attempt lists only the questions it reached.
    public struct MissedItem: Sendable, Hashable {
        public var position: Int
        public var questionID: String
        public var prompt: String
        /// nil when the question was never reached.
        public var outcome: ResponseOutcome?
        public var given: String?
        public var score: Double
        /// nil for a sealed (exam-only) question after an exam: the review says it was missed, not its key.
        public var correctAnswer: CorrectAnswer?
        public var explanation: String?
    }

    public var quizID: String
    public var status: AttemptStatus
    /// Skills in pack order, only those this attempt evidenced.
    public var skills: [SkillScore]
    public var points: Double
    public var maxPoints: Double
    /// Seconds from the start to the end (or to now for an attempt in progress).
    public var timeUsed: Double
    public var missed: [MissedItem]
    /// Questions an abandoned attempt never reached (left out of `missed`, so their keys stay unseen).
    public var unreached: Int
    /// Questions an exam's decision rule made unnecessary: never shown, they count for nothing either way.
    public var saved: Int

    /// Passed when every skill reached its threshold (and at least one skill was assessed).
    public var passed: Bool { !skills.isEmpty && skills.allSatisfy(\.passed) }
    /// Points earned as a fraction of the possible points.
    public var fraction: Double { maxPoints > 0 ? points / maxPoints : 0 }

    /// `responses` may hold several responses for a position; the last one in the array wins.
    /// Positions without a response score 0, except those an exam's decision rule saved (left out entirely).
    public init(
        pack: Pack, quiz: Quiz, plan: QuizPlan, responses: [ResponseRecord], startedAt: Date, endedAt: Date,
        status: AttemptStatus
    ) {
        var latest: [Int: ResponseRecord] = [:]
        for response in responses where plan.entries.indices.contains(response.position) {
            latest[response.position] = response
        }
        var earned: [String: Double] = [:]
        var possible: [String: Double] = [:]
        var points = 0.0
        var maxPoints = 0.0
        var missed: [MissedItem] = []
        var unreached = 0
        let decisions = SectionDecision.decisions(quiz: quiz, plan: plan, responses: latest)
        let saved = Set(decisions.flatMap(\.saved))
        for (position, entry) in plan.entries.enumerated() where !saved.contains(position) {
            let question = pack.question(entry.questionID)
            let response = latest[position]
            let skills = response?.skills ?? question?.skills ?? []
            let maximum = response?.maxPoints ?? question?.points ?? 0
            let got = response?.points ?? 0
            points += got
            maxPoints += maximum
            let total = skills.reduce(0) { $0 + $1.weight }
            for skill in skills where total > 0 {
                let share = skill.weight / total
                earned[skill.skill, default: 0] += share * got
                possible[skill.skill, default: 0] += share * maximum
            }
            // An abandoned attempt never reveals the key of a question it did not reach (it may be sat again).
            if response == nil, status == .abandoned { unreached += 1 }
            if let question, (response?.score ?? 0) < 1, response != nil || status != .abandoned {
                let presented = PresentedQuestion(question: question, order: entry.order)
                let sealed = question.pool.isSealed && quiz.mode == .exam
                missed.append(MissedItem(
                    position: position, questionID: question.id, prompt: question.prompt, outcome: response?.outcome,
                    given: response?.given, score: response?.score ?? 0,
                    correctAnswer: sealed ? nil : CorrectAnswer(for: presented),
                    explanation: sealed ? nil : question.explanation))
            }
        }
        var ordered = pack.skills.map(\.id).filter { possible[$0] != nil }
        ordered += possible.keys.filter { pack.skill($0) == nil }.sorted()
        self.quizID = quiz.id
        self.status = status
        let ruled = quiz.mode == .exam && quiz.decision != nil ? Set(quiz.sections.compactMap(SectionDecision.skill(of:))) : []
        self.skills = ordered.map { id in
            let decision = decisions.first { $0.skillID == id }
            return SkillScore(
                skillID: id, name: pack.skill(id)?.name ?? id, earned: earned[id] ?? 0, possible: possible[id] ?? 0,
                threshold: quiz.threshold(for: id), decision: decision, awaitsDecision: decision == nil && ruled.contains(id))
        }
        self.points = points
        self.maxPoints = maxPoints
        self.timeUsed = max(0, endedAt.timeIntervalSince(startedAt))
        self.missed = missed
        self.unreached = unreached
        self.saved = saved.count
    }
}
