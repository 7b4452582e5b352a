import Foundation

/// One response as evidence of competency, with what the estimator needs about its attempt.
public struct Evidence: Sendable, Hashable {
    public var response: ResponseRecord
    /// The attempt's mode: exam evidence counts for credentials, practice only for the progress picture.
    public var mode: Quiz.Mode
    /// When the attempt ended (recency is measured from here).
    public var finishedAt: Date

    public init(response: ResponseRecord, mode: Quiz.Mode, finishedAt: Date) {
        self.response = response
        self.mode = mode
        self.finishedAt = finishedAt
    }

    /// The evidence of one stored attempt: its responses (the last per position), once the attempt has
    /// ended (`completed`, `timed-out` or `abandoned` — quitting a going-badly exam must not hide what was
    /// answered); nothing for attempts in progress or interrupted, which may still be resumed.
    public static func of(attempt: AttemptRecord, responses: [ResponseRecord]) -> [Evidence] {
        guard [.completed, .timedOut, .abandoned].contains(attempt.status) else { return [] }
        var latest: [Int: ResponseRecord] = [:]
        for response in responses where response.attemptID == attempt.id {
            latest[response.position] = response
        }
        return latest.keys.sorted().map {
            Evidence(response: latest[$0]!, mode: attempt.mode, finishedAt: attempt.endedAt ?? attempt.startedAt)
        }
    }
}

/// One skill's competency estimate.
public struct SkillEstimate: Sendable, Hashable {
    public var skillID: String
    public var name: String
    /// Beta(1 + successes, 1 + failures).
    public var posterior: BetaDistribution
    /// Sum of the weights of the responses that evidenced this skill.
    public var evidence: Double
    /// The posterior mean; nil below the minimum evidence ("not enough evidence yet").
    public var estimate: Double?
    /// The equal-tailed credible interval; nil below the minimum evidence.
    public var lower: Double?
    public var upper: Double?
    /// The mastery level reached by the LOWER bound; nil below the minimum evidence.
    public var level: MasteryLevel?
    /// Whether practice responses contributed (such an estimate never counts for a credential).
    public var includesPractice: Bool
    /// This skill's score fraction in each of the most recent attempts that evidenced it, oldest first.
    public var trend: [Double]

    public var hasEnoughEvidence: Bool { estimate != nil }

    /// The estimate as credential evidence, when there is enough of it.
    public var evidenceSkill: EvidenceSkill? {
        guard let estimate, let lower, let upper, let level else { return nil }
        return EvidenceSkill(
            skillID: skillID, skillName: name, estimate: estimate, lower: lower, upper: upper, evidence: evidence,
            level: level)
    }
}

/// What to practise next: the weakest skill and a quiz that covers it.
public struct PracticeSuggestion: Sendable, Hashable {
    public var skillID: String
    /// The quiz of the pack whose pools are most focused on the skill (largest share of pool questions
    /// evidencing it; ties: practice before exam, then pack order); nil if no quiz draws the skill.
    public var quizID: String?

    public init(skillID: String, quizID: String?) {
        self.skillID = skillID
        self.quizID = quizID
    }
}

/// Per-skill estimates for one pack.
public struct CompetencyReport: Sendable, Hashable {
    /// In pack order.
    public var skills: [SkillEstimate]
    public var suggestion: PracticeSuggestion?

    public func skill(_ id: String) -> SkillEstimate? { skills.first { $0.skillID == id } }
}

/// Estimates competency per skill from a learner's responses with a Beta–Bernoulli model.
///
/// Each skill starts at a uniform Beta(1, 1) prior. A response adds `score × w` successes and
/// `(1 − score) × w` failures, where `w` = the skill's share of the question's skill weights ×
/// the difficulty weight × `0.5^(age / halfLife)`. The estimate is the posterior mean with a
/// 90 % equal-tailed credible interval; levels (and credentials' skill criteria) are judged on the lower
/// bound, so a learner must show enough consistent evidence, not only a lucky streak. See `docs/scoring.md`.
public struct CompetencyEstimator: Sendable, Hashable {
    /// Days after which a response counts half as much.
    public var halfLifeDays: Double
    /// Below this much evidence a skill reports "not enough evidence yet".
    public var minimumEvidence: Double
    /// The probability mass of the credible interval.
    public var credibleMass: Double
    /// Count practice responses too (the learner's progress picture) or exams only (credentials).
    public var includePractice: Bool
    /// How many recent attempts `SkillEstimate.trend` keeps.
    public var trendLength: Int

    public init(
        halfLifeDays: Double = 90, minimumEvidence: Double = 3.0, credibleMass: Double = 0.9,
        includePractice: Bool = true, trendLength: Int = 10
    ) {
        self.halfLifeDays = halfLifeDays
        self.minimumEvidence = minimumEvidence
        self.credibleMass = credibleMass
        self.includePractice = includePractice
        self.trendLength = trendLength
    }

    /// Exam evidence only, default settings: what credentials' skill criteria are judged on.
    public static let forCredentials = CompetencyEstimator(includePractice: false)

    /// `0.5^(age / halfLife)`, with age in days from `finishedAt` to `now` (never negative).
    /// The store's SQL sum for `progress` (`AttestDatabase.skillEvidence`) computes the same expression.
    public func recencyFactor(finishedAt: Date, now: Date) -> Double {
        let ageDays = max(0, now.timeIntervalSince(finishedAt)) / 86_400
        return pow(0.5, ageDays / halfLifeDays)
    }

    /// The weight a response carries for `skill` (0 when it does not evidence the skill).
    public func weight(of response: ResponseRecord, skill: String, finishedAt: Date, now: Date) -> Double {
        let total = response.skills.reduce(0) { $0 + max(0, $1.weight) }
        guard total > 0 else { return 0 }
        let share = response.skills.filter { $0.skill == skill }.reduce(0) { $0 + max(0, $1.weight) } / total
        return share * Scoring.difficultyWeight(response.difficulty) * recencyFactor(finishedAt: finishedAt, now: now)
    }

    /// Estimates every skill of `pack` from `evidence` (which should be this pack's responses only:
    /// skill ids are local to a pack). For each position of an attempt only the last response counts.
    public func estimate(pack: Pack, evidence: [Evidence], now: Date) -> CompetencyReport {
        let used = latestPerPosition(evidence.filter { includePractice || $0.mode == .exam })
        return estimate(pack: pack, groups: used.map(EvidenceGroup.init(single:)), now: now)
    }

    /// Estimates every skill of `pack` from evidence already summed per attempt, skill list and difficulty
    /// (what a store can aggregate in SQL): the groups must hold only the effective responses (the last per
    /// position) of ended attempts. The result equals `estimate(pack:evidence:now:)` on the same responses,
    /// up to the order of floating-point additions.
    public func estimate(pack: Pack, groups: [EvidenceGroup], now: Date) -> CompetencyReport {
        let skillIndex = Dictionary(pack.skills.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var sums = [SkillSums](repeating: SkillSums(), count: pack.skills.count)
        // Attempts by first appearance; groups of one attempt usually come together, so remember the last one.
        var attempts = AttemptOrdinals()
        var last: (id: String, ordinal: Int, finished: Date, recency: Double)?
        var shares: [Int] = []
        for group in groups where includePractice || group.mode == .exam {
            let total = group.skills.reduce(0) { $0 + max(0, $1.weight) }
            guard total > 0 else { continue }
            shares.removeAll(keepingCapacity: true)
            for entry in group.skills {
                guard let index = skillIndex[entry.skill], !shares.contains(index) else { continue }
                shares.append(index)
            }
            let attempt: (id: String, ordinal: Int, finished: Date, recency: Double)
            if let last, last.id == group.attemptID, last.finished == group.finishedAt {
                attempt = last
            } else {
                attempt = (
                    group.attemptID, attempts.ordinal(of: group.attemptID), group.finishedAt,
                    recencyFactor(finishedAt: group.finishedAt, now: now))
                last = attempt
            }
            let difficulty = Scoring.difficultyWeight(group.difficulty)
            for index in shares {
                let id = pack.skills[index].id
                var part = 0.0
                for entry in group.skills where entry.skill == id { part += max(0, entry.weight) }
                guard part > 0 else { continue }
                let share = part / total
                let w = share * difficulty * attempt.recency
                if w > 0 {
                    sums[index].successes += group.scoreSum * w
                    sums[index].failures += (Double(group.count) - group.scoreSum) * w
                    sums[index].total += Double(group.count) * w
                    if group.mode == .practice { sums[index].practice = true }
                }
                sums[index].trend.add(group, share: share, attempt: attempt.ordinal)
            }
        }
        let skills = pack.skills.enumerated().map { index, skill in
            let sums = sums[index]
            return estimateSkill(
                skill, levels: pack.levels, successes: sums.successes, failures: sums.failures, total: sums.total,
                practice: sums.practice, trend: trend(sums.trend, attempts: attempts.ids))
        }
        return CompetencyReport(skills: skills, suggestion: suggestion(pack: pack, skills: skills))
    }

    /// Estimates every skill of `pack` from evidence a store already summed per skill with this estimator's
    /// half-life, practice setting and trend length (see `SkillEvidence`); skills without an entry have no
    /// evidence. The result equals `estimate(pack:evidence:now:)` on the same responses, up to the order of
    /// floating-point additions.
    public func estimate(pack: Pack, skills evidence: [SkillEvidence]) -> CompetencyReport {
        var bySkill: [String: SkillEvidence] = [:]
        for item in evidence where bySkill[item.skillID] == nil { bySkill[item.skillID] = item }
        var seen = Set<String>()
        let skills = pack.skills.map { skill in
            // As in the other paths, a skill id listed twice in a pack gets its evidence once, on the first.
            let item = seen.insert(skill.id).inserted ? bySkill[skill.id] : nil
            return estimateSkill(
                skill, levels: pack.levels, successes: item?.successes ?? 0, failures: item?.failures ?? 0,
                total: item?.total ?? 0, practice: item?.includesPractice ?? false,
                trend: (item?.recentAttempts ?? []).suffix(trendLength).map(\.fraction))
        }
        return CompetencyReport(skills: skills, suggestion: suggestion(pack: pack, skills: skills))
    }

    /// Numbers attempt ids in order of appearance, so per-skill sums key on small integers.
    private struct AttemptOrdinals {
        var ids: [String] = []
        var ordinals: [String: Int] = [:]

        mutating func ordinal(of id: String) -> Int {
            if let known = ordinals[id] { return known }
            ordinals[id] = ids.count
            ids.append(id)
            return ids.count - 1
        }
    }

    /// What one skill accumulates over the groups.
    private struct SkillSums {
        var successes = 0.0
        var failures = 0.0
        var total = 0.0
        var practice = false
        var trend = TrendSums()
    }

    /// Points earned and possible per attempt (by ordinal), for `SkillEstimate.trend`.
    private struct TrendSums {
        var attempts: [Int: (finished: Date, earned: Double, possible: Double)] = [:]

        mutating func add(_ group: EvidenceGroup, share: Double, attempt: Int) {
            var entry = attempts[attempt] ?? (group.finishedAt, 0, 0)
            entry.earned += share * group.pointsSum
            entry.possible += share * group.maxPointsSum
            attempts[attempt] = entry
        }
    }

    private func estimateSkill(
        _ skill: Skill, levels: MasteryLevels, successes: Double, failures: Double, total: Double, practice: Bool,
        trend: [Double]
    ) -> SkillEstimate {
        let posterior = BetaDistribution(alpha: 1 + successes, beta: 1 + failures)
        var estimate = SkillEstimate(
            skillID: skill.id, name: skill.name, posterior: posterior, evidence: total, estimate: nil, lower: nil,
            upper: nil, level: nil, includesPractice: practice, trend: trend)
        // Evidence is compared to three decimals: answers given minutes ago have decayed by a
        // few parts in a million, and three fresh answers must still count as three.
        if total >= minimumEvidence - 5e-4 {
            let interval = posterior.credibleInterval(mass: credibleMass)
            estimate.estimate = posterior.mean
            estimate.lower = interval.lower
            estimate.upper = interval.upper
            estimate.level = levels.level(for: interval.lower)
        }
        return estimate
    }

    /// The skill's score fraction per attempt (share- and points-weighted), the last `trendLength`, oldest first.
    private func trend(_ sums: TrendSums, attempts: [String]) -> [Double] {
        let ordered = sums.attempts.sorted {
            ($0.value.finished, attempts[$0.key]) < ($1.value.finished, attempts[$1.key])
        }
        return ordered.suffix(trendLength).map {
            SkillEvidence.AttemptPoints(earned: $0.value.earned, possible: $0.value.possible).fraction
        }
    }

    private func latestPerPosition(_ evidence: [Evidence]) -> [Evidence] {
        var index: [String: Int] = [:]
        var kept: [Evidence] = []
        for item in evidence {
            let key = "\(item.response.attemptID)\u{0}\(item.response.position)"
            if let existing = index[key] { kept[existing] = item } else {
                index[key] = kept.count
                kept.append(item)
            }
        }
        return kept
    }

    /// The skill with the lowest lower bound (ties: the widest interval), judged on the posterior
    /// even when evidence is short, so untested skills come first; and a quiz covering it.
    private func suggestion(pack: Pack, skills: [SkillEstimate]) -> PracticeSuggestion? {
        let scored = skills.map { skill -> (SkillEstimate, Double, Double) in
            // A skill with enough evidence already carries this interval; the others are computed here.
            let interval = skill.lower.flatMap { lower in skill.upper.map { (lower: lower, upper: $0) } }
                ?? skill.posterior.credibleInterval(mass: credibleMass)
            return (skill, interval.lower, interval.upper - interval.lower)
        }
        guard let weakest = scored.min(by: { a, b in
            if abs(a.1 - b.1) > 1e-12 { return a.1 < b.1 }
            return a.2 > b.2 + 1e-12
        }) else { return nil }
        let id = weakest.0.skillID
        var best: (quiz: Quiz, focus: Double)?
        let questions = pack.questionsByID()
        for quiz in pack.quizzes {
            let pool = Set(quiz.sections.flatMap { $0.poolQuestionIDs(in: pack, mode: quiz.mode) })
            let matching = pool.filter { questions[$0]?.skillIDs.contains(id) == true }.count
            guard matching > 0 else { continue }
            let focus = Double(matching) / Double(pool.count)
            if let current = best {
                let better = focus > current.focus + 1e-12
                    || (abs(focus - current.focus) <= 1e-12 && quiz.mode == .practice && current.quiz.mode == .exam)
                if !better { continue }
            }
            best = (quiz, focus)
        }
        let quiz = best?.quiz
        return PracticeSuggestion(skillID: id, quizID: quiz?.id)
    }
}
