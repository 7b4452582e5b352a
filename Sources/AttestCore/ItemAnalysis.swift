import Foundation

/// Moodle-style item analysis of one quiz (or every quiz of one pack): how the test as a whole
/// and each question performed across a class, with flags an author can act on.
///
/// Pure: attempts in, figures out. Only submitted attempts (completed or timed out) count, one
/// per learner (`AttemptPick`). A learner's total is the points earned as a percentage of that
/// attempt's maximum. Definitions and minimums are in `docs/instructor-guide.md`; figures that
/// need more attempts than there are are nil.
public struct ItemAnalysis: Sendable, Hashable {
    /// Thresholds the flags use.
    public enum Threshold {
        public static let discrimination = 0.1
        public static let easyFacility = 0.95
        public static let hardFacility = 0.10
        public static let slowFactor = 2.0
    }

    public var packID: String
    /// nil when every quiz of the pack was analysed together.
    public var quizID: String?
    public var pick: AttemptPick
    public var test: TestStatistics
    /// In pack order; questions the pack no longer has come last, by id.
    public var questions: [QuestionStatistics]

    /// The per-attempt figures the statistics are built from.
    struct Row {
        var attempt: AttemptRecord
        /// Total as a percentage of the attempt's maximum.
        var total: Double
        /// Per question id: (fraction of credit, contribution to total, maximum contribution).
        var items: [String: (score: Double, contribution: Double, weight: Double)]
        var responses: [String: AnalysisResponse]
    }

    public init(pack: Pack, quizID: String? = nil, attempts: [AnalysisAttempt], pick: AttemptPick = .first) {
        self.init(pack: pack, quizID: quizID, sittings: attempts.map(AnalysisSitting.init), pick: pick)
    }

    /// The same analysis over attempts that carry only the response figures it reads (what the store's
    /// `analysisSittings` returns); the attempts of one learner may come in any order.
    public init(pack: Pack, quizID: String? = nil, sittings attempts: [AnalysisSitting], pick: AttemptPick = .first) {
        packID = pack.id
        self.quizID = quizID
        self.pick = pick
        let submitted = attempts.filter {
            $0.attempt.packID == pack.id && (quizID == nil || $0.attempt.quizID == quizID)
                && ($0.attempt.status == .completed || $0.attempt.status == .timedOut)
        }
        let byID = pack.questionsByID()
        let rows = ItemAnalysis.pick(submitted, questions: byID, pick: pick).map { ItemAnalysis.row(submitted[$0], questions: byID) }
        test = ItemAnalysis.testStatistics(rows: rows, submitted: submitted.count)
        let questionIDs = ItemAnalysis.questionOrder(rows: rows, pack: pack)
        let thirds = ItemAnalysis.thirds(rows)
        var stats = questionIDs.map { ItemAnalysis.questionStatistics($0, questions: byID, rows: rows, thirds: thirds) }
        ItemAnalysis.fillEffectiveWeights(&stats, rows: rows)
        ItemAnalysis.addFlags(&stats)
        questions = stats
    }

    // MARK: - Rows

    /// The response standing at each position of the attempt (the last one given for a position wins).
    static func responsesByPosition(_ analysed: AnalysisSitting) -> [AnalysisResponse?] {
        var byPosition = [AnalysisResponse?](repeating: nil, count: analysed.attempt.questionIDs.count)
        for response in analysed.responses where byPosition.indices.contains(response.position) {
            byPosition[response.position] = response
        }
        return byPosition
    }

    /// Points earned and available at `position`: an unanswered question is worth its pack points (1 if unknown).
    static func points(_ response: AnalysisResponse?, id: String, questions: [String: Question]) -> (got: Double, most: Double) {
        (response?.points ?? 0, response?.maxPoints ?? questions[id]?.points ?? 1)
    }

    /// Total as a percentage of the attempt's maximum, summed in position order as `row` sums it.
    static func total(_ analysed: AnalysisSitting, byPosition: [AnalysisResponse?], questions: [String: Question]) -> Double {
        var earned = 0.0
        var maximum = 0.0
        for (position, id) in analysed.attempt.questionIDs.enumerated() {
            let (got, most) = points(byPosition[position], id: id, questions: questions)
            earned += got
            maximum += most
        }
        return maximum > 0 ? 100 * earned / maximum : 0
    }

    static func row(_ analysed: AnalysisSitting, questions: [String: Question]) -> Row {
        let byPosition = responsesByPosition(analysed)
        var byQuestion: [String: AnalysisResponse] = [:]
        var maximum = 0.0
        for (position, id) in analysed.attempt.questionIDs.enumerated() {
            if let response = byPosition[position] { byQuestion[id] = response }
            maximum += points(byPosition[position], id: id, questions: questions).most
        }
        var items: [String: (score: Double, contribution: Double, weight: Double)] = [:]
        for (position, id) in analysed.attempt.questionIDs.enumerated() {
            let response = byPosition[position]
            let (got, most) = points(response, id: id, questions: questions)
            items[id] = (response?.score ?? 0, maximum > 0 ? 100 * got / maximum : 0, maximum > 0 ? most / maximum : 0)
        }
        return Row(
            attempt: analysed.attempt, total: total(analysed, byPosition: byPosition, questions: questions), items: items,
            responses: byQuestion)
    }

    /// The index in `attempts` of the one attempt per learner that stands for them, in learner order; only
    /// `.best` needs totals, and those come without building whole rows.
    static func pick(_ attempts: [AnalysisSitting], questions: [String: Question], pick: AttemptPick) -> [Int] {
        let keys = attempts.map { ($0.attempt.learner, $0.attempt.startedAt, $0.attempt.id) }
        let chronological = keys.indices.sorted { left, right in
            (keys[left].0, keys[left].1, keys[left].2, left) < (keys[right].0, keys[right].1, keys[right].2, right)
        }
        var picked: [Int] = []
        var start = chronological.startIndex
        while start < chronological.endIndex {
            let learner = keys[chronological[start]].0
            var end = start + 1
            while end < chronological.endIndex, keys[chronological[end]].0 == learner { end += 1 }
            let sittings = chronological[start..<end]
            switch pick {
            case .first: picked.append(sittings.first!)
            case .last: picked.append(sittings.last!)
            case .best:
                var best: (index: Int, total: Double)?
                for index in sittings {
                    let total = total(attempts[index], byPosition: responsesByPosition(attempts[index]), questions: questions)
                    if best == nil || total > best!.total { best = (index, total) }
                }
                picked.append(best!.index)
            }
            start = end
        }
        return picked
    }

    static func questionOrder(rows: [Row], pack: Pack) -> [String] {
        let seen = Set(rows.flatMap { $0.items.keys })
        let known = pack.questions.map(\.id).filter(seen.contains)
        return known + seen.subtracting(known).sorted()
    }

    /// The top and bottom thirds of learners by total score (ties broken by learner name); nil below the minimum.
    static func thirds(_ rows: [Row]) -> (top: [Row], bottom: [Row])? {
        guard rows.count >= ItemAnalysisMinimum.discrimination else { return nil }
        let ranked = rows.sorted { ($0.total, $1.attempt.learner) > ($1.total, $0.attempt.learner) }
        let size = rows.count / 3
        return (Array(ranked.prefix(size)), Array(ranked.suffix(size)))
    }

    // MARK: - Test

    static func testStatistics(rows: [Row], submitted: Int) -> TestStatistics {
        let totals = rows.map(\.total)
        let sets = Set(rows.map { Set($0.items.keys) })
        let same = sets.count <= 1
        var alpha: Double?
        if same, let questions = sets.first, questions.count >= ItemAnalysisMinimum.alphaQuestions,
           let totalVariance = Descriptive.variance(totals), totalVariance > 0 {
            let p = Double(questions.count)
            // Summed in a fixed order: a Set's order changes from run to run, and so would the last digit.
            let itemVariance = questions.sorted().reduce(0.0) { sum, id in
                sum + (Descriptive.variance(rows.map { $0.items[id]!.contribution }) ?? 0)
            }
            alpha = p / (p - 1) * (1 - itemVariance / totalVariance)
        }
        let errorRatio = alpha.flatMap { $0 <= 1 ? (1 - $0).squareRoot() : nil }
        let deviation = Descriptive.standardDeviation(totals)
        return TestStatistics(
            attempts: rows.count, submittedAttempts: submitted, mean: Descriptive.mean(totals),
            median: Descriptive.median(totals), standardDeviation: deviation, skewness: Descriptive.skewness(totals),
            kurtosis: Descriptive.kurtosis(totals), alpha: alpha, errorRatio: errorRatio,
            standardError: errorRatio.flatMap { ratio in deviation.map { ratio * $0 } }, sameQuestions: same)
    }

    // MARK: - Questions

    static func questionStatistics(
        _ id: String, questions: [String: Question], rows: [Row], thirds: (top: [Row], bottom: [Row])?
    ) -> QuestionStatistics {
        let taking = rows.filter { $0.items[id] != nil }
        let scores = taking.map { $0.items[id]!.score }
        let rest = taking.map { $0.total - $0.items[id]!.contribution }
        let enough = taking.count >= ItemAnalysisMinimum.discrimination
        let question = questions[id]
        var efficiency: Double?
        if enough, let actual = Descriptive.covariance(scores, rest),
           let best = Descriptive.maximumCovariance(scores, rest), best > 0 {
            efficiency = actual / best
        }
        let durations = taking.compactMap { row -> Double? in
            guard let response = row.responses[id], response.outcome == .answered else { return nil }
            return response.duration
        }
        return QuestionStatistics(
            questionID: id, type: question?.kind.typeName ?? "", attempts: taking.count,
            facility: Descriptive.mean(scores), standardDeviation: Descriptive.standardDeviation(scores),
            randomGuessScore: question.map { RandomGuess.expectedScore(for: $0.kind) },
            intendedWeight: Descriptive.mean(taking.map { $0.items[id]!.weight }), effectiveWeight: nil,
            discrimination: enough ? Descriptive.correlation(scores, rest) : nil,
            discriminativeEfficiency: efficiency, medianDuration: Descriptive.median(durations),
            options: question.map { optionStatistics($0, taking: taking, thirds: thirds) } ?? [], flags: [])
    }

    static func optionStatistics(
        _ question: Question, taking: [Row], thirds: (top: [Row], bottom: [Row])?
    ) -> [OptionStatistics] {
        let options: [Option]
        switch question.kind {
        case let .singleChoice(list), let .multipleChoice(list): options = list
        default: return []
        }
        func chose(_ row: Row, _ index: Int) -> Bool {
            guard let response = row.responses[question.id], response.outcome == .answered else { return false }
            return response.selection?.contains(index) ?? false
        }
        func share(_ group: [Row], _ index: Int) -> Double? {
            let inGroup = group.filter { $0.items[question.id] != nil }
            guard !inGroup.isEmpty else { return nil }
            return Double(inGroup.filter { chose($0, index) }.count) / Double(inGroup.count)
        }
        return options.enumerated().map { index, option in
            let chosen = taking.filter { chose($0, index) }.count
            return OptionStatistics(
                index: index, text: option.text, correct: option.correct, chosen: chosen,
                fraction: taking.isEmpty ? 0 : Double(chosen) / Double(taking.count),
                topThird: thirds.flatMap { share($0.top, index) }, bottomThird: thirds.flatMap { share($0.bottom, index) })
        }
    }

    /// Moodle's effective weight: sqrt(cov(question, total)) over the sum of those roots for every
    /// question whose covariance is not negative; nil for a question whose covariance is negative.
    static func fillEffectiveWeights(_ stats: inout [QuestionStatistics], rows: [Row]) {
        let covariances = stats.map { stat -> Double? in
            let taking = rows.filter { $0.items[stat.questionID] != nil }
            return Descriptive.covariance(taking.map { $0.items[stat.questionID]!.contribution }, taking.map(\.total))
        }
        let sum = covariances.reduce(0.0) { $0 + (($1 ?? -1) >= 0 ? $1!.squareRoot() : 0) }
        guard sum > 0 else { return }
        for index in stats.indices {
            if let covariance = covariances[index], covariance >= 0 {
                stats[index].effectiveWeight = covariance.squareRoot() / sum
            }
        }
    }
}
