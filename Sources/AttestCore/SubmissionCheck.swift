import Foundation

/// Re-checks a submitted exam attempt against its pack, as an organisation issuer must before awarding:
/// the same pack (content hash), the plan the seed draws, every response re-scored by the same engine,
/// no answer after a time limit or to a question the exam's decision rule saved, no wall-clock jump. Collects every problem; an attempt with none counts.
public enum SubmissionCheck {
    /// Seconds of slack on time limits (the journal write after a last-moment answer).
    public static let timeSlack = 1.0

    /// Every reason `record` cannot count, in order; empty when it adds up. `pack` must be the pack whose
    /// content hash the attempt names (the caller finds it); `jumps` are the session's wall-clock jumps;
    /// `timeMultiplier` the extended time the attempt claims, which must be one the quiz grants.
    /// `instances` are the attempt's journaled instances of parameterised questions.
    public static func problems(
        record: AttemptRecord, responses: [ResponseRecord], jumps: [ClockJump], pack: Pack, timeMultiplier: Double = 1,
        instances: [InstanceRecord] = []
    ) -> [String] {
        var problems: [String] = []
        guard record.packHash == pack.contentHash, record.packID == pack.id else {
            return ["it was taken on a different version of pack \(record.packID) (content hash differs)"]
        }
        guard let quiz = pack.quiz(record.quizID) else { return ["the pack has no quiz \(record.quizID)"] }
        guard quiz.mode == .exam, record.mode == .exam else { return ["it is not an exam attempt"] }
        guard record.status == .completed || record.status == .timedOut, let endedAt = record.endedAt else {
            return ["it did not run to the end (\(record.status.rawValue))"]
        }
        let plan: QuizPlan
        do { plan = try QuizPlan(rebuilding: record, pack: pack, quiz: quiz) } catch {
            return ["its questions are not what the seed draws from the pack"]
        }
        let multiplier = timeMultiplier > 1 ? timeMultiplier : 1
        if multiplier > 1, !quiz.timeAccommodations.contains(multiplier) {
            problems.append("it claims extended time \(Accommodation.describe(multiplier)), which the quiz does not grant")
        }
        if !jumps.isEmpty {
            problems.append("the wall clock jumped \(jumps.count) time\(jumps.count == 1 ? "" : "s") during the session")
        }
        if let limit = quiz.timeLimit, endedAt.timeIntervalSince(record.startedAt) > limit * multiplier + timeSlack {
            problems.append("it ended after the quiz's time limit")
        }
        let (drawn, instanceProblems) = instantiate(pack, plan: plan, instances: instances)
        problems += instanceProblems
        var seen = Set<Int>()
        for response in responses {
            let label = "response \(response.position + 1)"
            guard plan.entries.indices.contains(response.position), plan.entries[response.position].questionID == response.questionID,
                  let question = drawn.question(response.questionID)
            else {
                problems.append("\(label): question \(response.questionID) is outside the plan")
                continue
            }
            guard seen.insert(response.position).inserted else {
                problems.append("\(label): answered twice")
                continue
            }
            let rescored: Double
            switch response.outcome {
            case .answered:
                let presented = PresentedQuestion(question: question, order: plan.entries[response.position].order)
                guard case let .answer(answer) = AnswerParser.parse(response.given ?? "", for: presented) else {
                    problems.append("\(label): the recorded answer cannot be read")
                    continue
                }
                rescored = Scoring.score(answer, for: question)
                if let limit = quiz.timeLimit, response.answeredAt.timeIntervalSince(record.startedAt) > limit * multiplier + timeSlack {
                    problems.append("\(label): answered after the quiz's time limit")
                }
                if let limit = question.timeLimit ?? quiz.questionTimeLimit,
                   response.answeredAt.timeIntervalSince(response.shownAt) > limit * multiplier + timeSlack {
                    problems.append("\(label): answered after the question's time limit")
                }
            case .skipped, .timedOut:
                rescored = 0
            }
            if abs(rescored - response.score) > 1e-9 || abs(response.points - rescored * question.points) > 1e-9
                || response.maxPoints != question.points {
                problems.append("\(label): recorded as \(response.score) but scores \(rescored) from the pack")
            }
        }
        // An exam with a decision rule never shows a section's questions once the rule has settled it.
        let byPosition = Dictionary(responses.map { ($0.position, $0) }) { _, last in last }
        for settled in SectionDecision.decisions(quiz: quiz, plan: plan, responses: byPosition) {
            for position in settled.saved where byPosition[position] != nil {
                problems.append("response \(position + 1): answered after the decision rule had settled \(settled.skillID)")
            }
        }
        return problems
    }

    /// The pack as the attempt showed it. A journaled instance counts when its values are ones the template
    /// can draw, and is rendered again by this pack (the submission's own texts and key are not trusted); a
    /// parameterised question without one (an attempt from before instances were journaled) gets its seed's draw.
    static func instantiate(_ pack: Pack, plan: QuizPlan, instances: [InstanceRecord]) -> (Pack, [String]) {
        let planned = Set(plan.entries.map(\.questionID))
        let byID = pack.questionsByID()
        var problems: [String] = []
        var checked: [InstanceRecord] = []
        var seen = Set<String>()
        for record in instances {
            let label = "the instance of question \(record.questionID)"
            guard planned.contains(record.questionID), let question = byID[record.questionID], let template = question.template else {
                problems.append("\(label) is not of a parameterised question of its plan")
                continue
            }
            guard seen.insert(record.questionID).inserted else {
                problems.append("\(label) is given twice")
                continue
            }
            guard template.allows(record.values),
                  let rendered = InstanceRecord(question: question, instance: QuestionInstance(values: record.values))
            else {
                problems.append("\(label) holds values its template cannot draw")
                continue
            }
            checked.append(rendered)
        }
        let all = pack.instances(seed: plan.seed, questionIDs: plan.entries.map(\.questionID), journaled: checked)
        return (pack.applying(all), problems)
    }
}
