import Foundation

/// A skill section's decision under an exam's `DecisionRule`, and the questions it saved.
///
/// Exists so the engine (which stops asking), the result (which scores and passes by it) and a
/// re-scoring of the journal all derive early stopping from the same pure function of the plan and
/// the responses: nothing about it is journaled, so a resume after a crash reaches the same state.
public struct SectionDecision: Sendable, Hashable {
    /// The quiz section's index.
    public var section: Int
    /// The one skill the section draws from.
    public var skillID: String
    /// Proficient or not yet, with the number of answers it took.
    public var decision: SkillDecision
    /// The rule the decision was taken under.
    public var rule: DecisionRule
    /// The position of the answer that settled it.
    public var decidedAt: Int
    /// The section's later positions, never shown.
    public var saved: [Int]

    public var isProficient: Bool {
        if case .proficient = decision { return true }
        return false
    }

    /// How many answers the decision took.
    public var items: Int {
        switch decision {
        case let .proficient(items, _), let .notYet(items, _): items
        case .undecided: 0
        }
    }

    /// The skill a section decides: the single skill of a section drawing `from: { skills: [one] }`.
    public static func skill(of section: QuizSection) -> String? {
        if case let .skills(skills) = section.pool, skills.count == 1 { return skills[0] }
        return nil
    }

    /// The sections of an exam with a `decision` that are decided by `responses` (position → latest
    /// response). A section is decided at the first answer, in position order, after which the rule
    /// decides (skips and time-outs count as wrong; a right answer has full credit); its `available`
    /// is the section's draw, so it never asks beyond it. Empty for practice and for quizzes without a rule.
    public static func decisions(quiz: Quiz, plan: QuizPlan, responses: [Int: ResponseRecord]) -> [SectionDecision] {
        guard quiz.mode == .exam, let rule = quiz.decision else { return [] }
        var found: [SectionDecision] = []
        for (index, section) in quiz.sections.enumerated() {
            guard let skill = skill(of: section) else { continue }
            let positions = plan.entries.indices.filter { plan.entries[$0].section == index }
            var right = 0
            for (answered, position) in positions.enumerated() {
                guard let response = responses[position] else { break }
                if response.score >= 1 - 1e-9 { right += 1 }
                let decision = rule.decide(right: right, answered: answered + 1, available: positions.count)
                if decision.isDecided {
                    found.append(SectionDecision(
                        section: index, skillID: skill, decision: decision, rule: rule, decidedAt: position,
                        saved: Array(positions[(answered + 1)...])))
                    break
                }
            }
        }
        return found
    }
}
