import Foundation

/// A skill whose competency level reads lower than what a credential the learner validly holds vouches for.
///
/// The level is the long-run estimate from every answer, read from the lower end of its interval; a credential
/// was decided once, by its exam's decision rule or by its skill criteria when it was awarded. The two can
/// disagree (one perfect 8-question exam: "proficient" by the rule, "developing" by the estimate), and
/// `progress` must say so rather than show two verdicts without a word. Pure: awards, pack, report and date in.
public struct CredentialShortfall: Sendable, Hashable {
    public var skillID: String
    public var skillName: String
    /// The skill's level now; nil when there is not enough evidence for one.
    public var level: MasteryLevel?
    /// The level the credential vouches for.
    public var vouched: MasteryLevel
    /// The award (`urn:uuid:...`) and its name.
    public var awardID: String
    public var credentialName: String
    /// True when an exam's decision rule decided the skill; false when the credential's skill criteria did.
    public var decidedByRule: Bool

    public init(
        skillID: String, skillName: String, level: MasteryLevel?, vouched: MasteryLevel, awardID: String,
        credentialName: String, decidedByRule: Bool
    ) {
        self.skillID = skillID
        self.skillName = skillName
        self.level = level
        self.vouched = vouched
        self.awardID = awardID
        self.credentialName = credentialName
        self.decidedByRule = decidedByRule
    }

    /// The skills of `report` whose level is below what a credential of `pack` held valid at `date` vouches for,
    /// in the report's order, each once (against the highest level any such credential vouches for).
    public static func find(
        awards: [CredentialAward], pack: Pack, report: CompetencyReport, at date: Date
    ) -> [CredentialShortfall] {
        var strongest: [String: CredentialShortfall] = [:]
        for award in awards where award.packID == pack.id && award.status(at: date) == .valid {
            let criteria = pack.credential(award.credentialID)?.criteria
            for (skillID, vouch) in award.vouchedLevels(criteria: criteria) {
                guard let skill = report.skill(skillID), skill.level.map({ $0 < vouch.level }) ?? true else { continue }
                if let known = strongest[skillID], known.vouched >= vouch.level { continue }
                strongest[skillID] = CredentialShortfall(
                    skillID: skillID, skillName: skill.name, level: skill.level, vouched: vouch.level, awardID: award.id,
                    credentialName: award.name, decidedByRule: vouch.byRule)
            }
        }
        return report.skills.compactMap { strongest[$0.skillID] }
    }
}

extension CredentialAward {
    /// What this award vouches for per skill: proficient where an exam's decision rule decided the skill
    /// proficient (`byRule`), and the level `criteria.skills` asks for (the credential's definition in the pack).
    public func vouchedLevels(criteria: CredentialCriteria?) -> [String: (level: MasteryLevel, byRule: Bool)] {
        var levels: [String: (level: MasteryLevel, byRule: Bool)] = [:]
        for (skillID, level) in criteria?.skills ?? [:] { levels[skillID] = (level, false) }
        for attempt in evidence.attempts {
            for decision in attempt.decisions ?? [] where decision.proficient {
                if let known = levels[decision.skillID], known.level > .proficient { continue }
                levels[decision.skillID] = (.proficient, true)
            }
        }
        return levels
    }
}
