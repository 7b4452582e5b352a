import Foundation

/// A pack's test blueprint: the domains it covers, the skills of each and each domain's weight.
///
/// Writers plan content against it and `pack stats` checks the questions' coverage of each
/// domain against its weight, so a pack does not drift towards what is easiest to write.
public struct Blueprint: Sendable, Hashable, Codable {
    public var domains: [BlueprintDomain]

    public init(domains: [BlueprintDomain]) {
        self.domains = domains
    }

    /// Each domain's weight as a share of all weights (0...1).
    public func share(of domain: BlueprintDomain) -> Double {
        let total = domains.reduce(0) { $0 + $1.weight }
        return total > 0 ? domain.weight / total : 0
    }
}

/// One domain of a blueprint: a named group of skills with a relative weight.
public struct BlueprintDomain: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// Relative weight (> 0); shares are weights over their sum.
    public var weight: Double
    public var skills: [String]

    public init(id: String, name: String, weight: Double, skills: [String]) {
        self.id = id
        self.name = name
        self.weight = weight
        self.skills = skills
    }
}

extension Blueprint {
    /// One domain's coverage: its weight's share against its share of the pack's questions.
    public struct Coverage: Sendable, Hashable {
        public var domainID: String
        public var weightShare: Double
        public var questions: Int
        public var questionShare: Double
        /// More than 10 percentage points under the weight's share.
        public var isUnder: Bool { questionShare < weightShare - 0.10 }
    }

    /// Each domain's coverage by `pack`'s questions (a question counts for every domain with one of its skills).
    public func coverage(in pack: Pack) -> [Coverage] {
        let total = max(1, pack.questions.count)
        return domains.map { domain in
            let skills = Set(domain.skills)
            let count = pack.questions.filter { !skills.isDisjoint(with: $0.skillIDs) }.count
            return Coverage(
                domainID: domain.id, weightShare: share(of: domain), questions: count,
                questionShare: Double(count) / Double(total))
        }
    }
}
