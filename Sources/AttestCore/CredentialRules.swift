import Foundation

/// The rules that decide when a pack's credentials are earned, and the checks the loader runs on them.
///
/// Pure: it only looks at a pack, the learner's evidence and a date handed in by the caller, so the
/// same inputs always award the same credentials and the criteria narrative is generated from the
/// very rules that were applied.
public enum CredentialRules {
    /// The width of the credible interval whose lower bound skill criteria are judged on.
    public static let credibleIntervalPercent = 90

    /// Resolves a `criteria.credentials` entry (`credentialId` or `packId/credentialId`) to `packId/credentialId`.
    public static func qualifiedID(_ reference: String, inPack packID: String) -> String {
        reference.contains("/") ? reference : "\(packID)/\(reference)"
    }

    /// When a credential awarded at `awardedAt` expires; nil when it never does.
    public static func expiry(of definition: CredentialDefinition, awardedAt: Date) -> Date? {
        guard let days = definition.validForDays else { return nil }
        return awardedAt.addingTimeInterval(Double(days) * 86_400)
    }

    /// Judges every credential of `progress.pack` against the learner's evidence.
    ///
    /// - Parameters:
    ///   - progress: the pack with the learner's skill lower bounds and passed exams in it.
    ///   - held: qualified ids of the credentials the learner holds and that are still valid.
    ///   - date: the moment of judgement; expiry dates are counted from it.
    ///   - catalog: packs used to name credentials of other packs in the narrative.
    public static func evaluate(
        _ progress: PackProgress, held: Set<String>, at date: Date, catalog: [Pack] = []
    ) -> [CredentialEvaluation] {
        progress.pack.credentials.map { definition in
            evaluate(definition, progress: progress, held: held, at: date, catalog: catalog)
        }
    }

    /// The credentials of a pack whose criteria all hold; see `evaluate(_:held:at:catalog:)`.
    public static func met(
        pack: Pack, lowerBounds: [String: Double], passedExams: Set<String>, held: Set<String>, at date: Date,
        catalog: [Pack] = []
    ) -> [CredentialEvaluation] {
        let progress = PackProgress(pack: pack, lowerBounds: lowerBounds, passedExams: passedExams)
        return evaluate(progress, held: held, at: date, catalog: catalog).filter(\.isMet)
    }

    /// Awards credentials across packs until nothing changes: an award may satisfy another credential's
    /// prerequisite, in the same pack or another one.
    ///
    /// Returns the newly met credentials (never one already in `held`), in the order they became met.
    public static func stack(_ progress: [PackProgress], held: Set<String>, at date: Date) -> [CredentialEvaluation] {
        let catalog = progress.map(\.pack)
        var holding = held
        var awarded: [CredentialEvaluation] = []
        var changed = true
        while changed {
            changed = false
            for entry in progress {
                for evaluation in evaluate(entry, held: holding, at: date, catalog: catalog)
                where evaluation.isMet && !holding.contains(evaluation.qualifiedID) {
                    holding.insert(evaluation.qualifiedID)
                    awarded.append(evaluation)
                    changed = true
                }
            }
        }
        return awarded
    }

    /// The criteria of `definition` in plain English, generated from the rules themselves.
    public static func narrative(for definition: CredentialDefinition, in pack: Pack, catalog: [Pack] = []) -> String {
        let parts = criterionParts(of: definition, in: pack).map { describe($0, in: pack, catalog: catalog) }
        guard let first = parts.first else { return "No criteria." }
        let sentence = ([first.prefix(1).uppercased() + first.dropFirst()] + parts.dropFirst()).joined(separator: "; ")
        return sentence + "."
    }

    /// Problems that make credentials unearnable or ill-formed across all `packs`, in a stable order.
    public static func validate(_ packs: [Pack]) -> [CredentialRuleIssue] {
        var issues: [CredentialRuleIssue] = []
        var known: [String: (Pack, CredentialDefinition)] = [:]
        for pack in packs {
            for definition in pack.credentials { known["\(pack.id)/\(definition.id)"] = (pack, definition) }
        }
        var locallyUnearnable: Set<String> = []
        for pack in packs {
            for definition in pack.credentials {
                let id = "\(pack.id)/\(definition.id)"
                let own = issuesOf(definition, qualifiedID: id, in: pack, known: known)
                if own.contains(where: \.makesUnearnable) { locallyUnearnable.insert(id) }
                issues += own
            }
        }
        let cycles = requirementCycles(packs)
        issues += cycles.map { CredentialRuleIssue(credential: $0[0], kind: .cycle($0)) }
        let cyclic = Set(cycles.flatMap { $0 })
        issues += dependentsOfUnearnable(locallyUnearnable.union(cyclic), packs: packs)
        return issues
    }

    /// Every cycle among required credentials across `packs`, each as a path that starts and ends on the
    /// same qualified id (the smallest id of the cycle first), reported once.
    public static func requirementCycles(_ packs: [Pack]) -> [[String]] {
        let graph = requirementGraph(packs)
        var cycles: [[String]] = []
        var seen: Set<[String]> = []
        var state: [String: Int] = [:]  // 1 on the stack, 2 done
        var stackPath: [String] = []

        func visit(_ node: String) {
            state[node] = 1
            stackPath.append(node)
            for next in graph[node, default: []] {
                switch state[next] {
                case 1:
                    let start = stackPath.lastIndex(of: next)!
                    let loop = Array(stackPath[start...])
                    let pivot = loop.firstIndex(of: loop.min()!)!
                    let rotated = Array(loop[pivot...] + loop[..<pivot])
                    if seen.insert(rotated).inserted { cycles.append(rotated + [rotated[0]]) }
                case nil:
                    visit(next)
                default:
                    break
                }
            }
            stackPath.removeLast()
            state[node] = 2
        }
        for node in graph.keys.sorted() where state[node] == nil { visit(node) }
        return cycles
    }

    // MARK: - Evaluation

    private static func evaluate(
        _ definition: CredentialDefinition, progress: PackProgress, held: Set<String>, at date: Date,
        catalog: [Pack]
    ) -> CredentialEvaluation {
        let pack = progress.pack
        let outcomes = criterionParts(of: definition, in: pack).map { part in
            CriterionOutcome(
                part: part, held: holds(part, progress: progress, held: held),
                text: describe(part, in: pack, catalog: catalog))
        }
        return CredentialEvaluation(
            packID: pack.id, definition: definition, outcomes: outcomes,
            narrative: narrative(for: definition, in: pack, catalog: catalog),
            expiresAt: expiry(of: definition, awardedAt: date))
    }

    private static func criterionParts(of definition: CredentialDefinition, in pack: Pack) -> [CriterionPart] {
        let skills = definition.criteria.skills.keys.sorted { lhs, rhs in
            let left = pack.skills.firstIndex { $0.id == lhs } ?? Int.max
            let right = pack.skills.firstIndex { $0.id == rhs } ?? Int.max
            return left == right ? lhs < rhs : left < right
        }.map { CriterionPart.skill(id: $0, level: definition.criteria.skills[$0]!) }
        let exams = definition.criteria.quizzes.map { CriterionPart.exam(quizID: $0) }
        let credentials = definition.criteria.credentials.map {
            CriterionPart.credential(qualifiedID: qualifiedID($0, inPack: pack.id))
        }
        return skills + exams + credentials
    }

    private static func holds(_ part: CriterionPart, progress: PackProgress, held: Set<String>) -> Bool {
        switch part {
        case let .skill(id, level):
            guard progress.pack.skill(id) != nil, let lower = progress.lowerBounds[id] else { return false }
            return lower >= progress.pack.levels.threshold(for: level)
        case let .exam(quizID):
            return progress.pack.quiz(quizID)?.mode == .exam && progress.passedExams.contains(quizID)
        case let .credential(qualifiedID):
            return held.contains(qualifiedID)
        }
    }

    private static func describe(_ part: CriterionPart, in pack: Pack, catalog: [Pack]) -> String {
        switch part {
        case let .skill(id, level):
            let threshold = String(format: "%.2f", pack.levels.threshold(for: level))
            let name = pack.skill(id)?.name ?? id
            return "reach at least \(level.rawValue) (lower bound of the \(credibleIntervalPercent)% credible interval"
                + " ≥ \(threshold)) in \(name)"
        case let .exam(quizID):
            return "pass the exam \(pack.quiz(quizID)?.title ?? quizID)"
        case let .credential(qualifiedID):
            let parts = qualifiedID.split(separator: "/", maxSplits: 1).map(String.init)
            let owner = parts[0] == pack.id ? pack : catalog.first { $0.id == parts[0] }
            guard parts.count == 2, let name = owner?.credential(parts[1])?.name else { return "hold \(qualifiedID)" }
            return "hold \(name) (\(qualifiedID))"
        }
    }

    // MARK: - Validation

    private static func requirementGraph(_ packs: [Pack]) -> [String: [String]] {
        var graph: [String: [String]] = [:]
        for pack in packs {
            for definition in pack.credentials {
                graph["\(pack.id)/\(definition.id)"] = definition.criteria.credentials.map {
                    qualifiedID($0, inPack: pack.id)
                }
            }
        }
        return graph
    }

    private static func issuesOf(
        _ definition: CredentialDefinition, qualifiedID id: String, in pack: Pack,
        known: [String: (Pack, CredentialDefinition)]
    ) -> [CredentialRuleIssue] {
        var issues: [CredentialRuleIssue] = []
        let criteria = definition.criteria
        if criteria.skills.isEmpty, criteria.quizzes.isEmpty, criteria.credentials.isEmpty {
            issues.append(.init(credential: id, kind: .noCriteria))
        }
        for (skill, level) in criteria.skills.sorted(by: { $0.key < $1.key }) {
            if pack.skill(skill) == nil {
                issues.append(.init(credential: id, kind: .unknownSkill(skill)))
            } else if pack.levels.threshold(for: level) > 1 {
                issues.append(
                    .init(credential: id, kind: .unreachableLevel(skill: skill, level: level,
                                                                 threshold: pack.levels.threshold(for: level))))
            }
        }
        for quizID in criteria.quizzes {
            guard let quiz = pack.quiz(quizID) else {
                issues.append(.init(credential: id, kind: .unknownQuiz(quizID)))
                continue
            }
            if quiz.mode != .exam { issues.append(.init(credential: id, kind: .quizNotExam(quizID))) }
        }
        for reference in criteria.credentials {
            let required = qualifiedID(reference, inPack: pack.id)
            if known[required] == nil {
                issues.append(.init(credential: id, kind: .unknownCredential(required)))
            }
        }
        if let days = definition.validForDays, days <= 0 {
            issues.append(.init(credential: id, kind: .invalidValidity(days)))
        }
        return issues
    }

    /// Credentials that require, directly or through others, one that can never be earned.
    private static func dependentsOfUnearnable(_ roots: Set<String>, packs: [Pack]) -> [CredentialRuleIssue] {
        let graph = requirementGraph(packs)
        var unearnable = roots
        var issues: [CredentialRuleIssue] = []
        var changed = true
        while changed {
            changed = false
            for node in graph.keys.sorted() where !unearnable.contains(node) {
                if let blocker = graph[node, default: []].first(where: { unearnable.contains($0) }) {
                    unearnable.insert(node)
                    issues.append(.init(credential: node, kind: .requiresUnearnable(blocker)))
                    changed = true
                }
            }
        }
        return issues
    }
}

/// A pack with the learner's evidence for it: what `CredentialRules` judges a pack's credentials on.
public struct PackProgress: Sendable, Hashable {
    public var pack: Pack
    /// Skill id → lower bound of the competency estimate's credible interval; absent means not enough evidence.
    public var lowerBounds: [String: Double]
    /// Ids of this pack's exam quizzes the learner has passed.
    public var passedExams: Set<String>

    public init(pack: Pack, lowerBounds: [String: Double], passedExams: Set<String>) {
        self.pack = pack
        self.lowerBounds = lowerBounds
        self.passedExams = passedExams
    }
}

/// One part of a credential's criteria; all parts must hold.
public enum CriterionPart: Sendable, Hashable {
    /// The skill's lower bound must reach the level's threshold.
    case skill(id: String, level: MasteryLevel)
    /// The exam quiz of this pack must have been passed.
    case exam(quizID: String)
    /// The credential (`packId/credentialId`) must be held and valid.
    case credential(qualifiedID: String)
}

/// Whether one criterion part holds, with its plain-English wording.
public struct CriterionOutcome: Sendable, Hashable {
    public var part: CriterionPart
    public var held: Bool
    /// The part as it reads in the narrative, e.g. "pass the exam Data Analytics Exam".
    public var text: String
}

/// The judgement of one credential definition: which parts held and what the award would look like.
public struct CredentialEvaluation: Sendable, Hashable {
    public var packID: String
    public var definition: CredentialDefinition
    /// One outcome per criterion part, skills first (in pack order), then exams, then credentials.
    public var outcomes: [CriterionOutcome]
    /// The criteria narrative generated from the rules, for the award's `criteria`.
    public var narrative: String
    /// When an award made at the evaluation date would expire; nil never.
    public var expiresAt: Date?

    /// `packId/credentialId`.
    public var qualifiedID: String { "\(packID)/\(definition.id)" }
    /// True when the definition has criteria and all of them hold.
    public var isMet: Bool { !outcomes.isEmpty && outcomes.allSatisfy(\.held) }
    /// The qualified ids of required credentials that were held (an award's `evidence.prerequisites`).
    public var heldPrerequisites: [String] {
        outcomes.compactMap { outcome in
            if case let .credential(id) = outcome.part, outcome.held { return id }
            return nil
        }
    }
}

/// A problem with a credential's rules found when packs are loaded.
public struct CredentialRuleIssue: Sendable, Hashable, LocalizedError {
    /// What is wrong.
    public enum Kind: Sendable, Hashable {
        case noCriteria
        case unknownSkill(String)
        case unknownQuiz(String)
        case quizNotExam(String)
        case unknownCredential(String)
        /// The pack's threshold for the level is above 1, which no lower bound can reach.
        case unreachableLevel(skill: String, level: MasteryLevel, threshold: Double)
        case invalidValidity(Int)
        /// A cycle of required credentials, as a path starting and ending on the same id.
        case cycle([String])
        /// A required credential (directly or further down) can never be earned.
        case requiresUnearnable(String)
    }

    /// The qualified id (`packId/credentialId`) of the credential with the problem.
    public var credential: String
    public var kind: Kind

    public init(credential: String, kind: Kind) {
        self.credential = credential
        self.kind = kind
    }

    /// Whether the credential can never be earned because of this problem.
    public var makesUnearnable: Bool {
        switch kind {
        case .invalidValidity: false
        default: true
        }
    }

    public var errorDescription: String? {
        let subject = "credential \(credential)"
        switch kind {
        case .noCriteria:
            return "\(subject) has no criteria; add at least one of criteria.skills, criteria.quizzes or criteria.credentials"
        case let .unknownSkill(skill):
            return "\(subject) requires skill \"\(skill)\", which its pack does not define"
        case let .unknownQuiz(quiz):
            return "\(subject) requires quiz \"\(quiz)\", which its pack does not define"
        case let .quizNotExam(quiz):
            return "\(subject) requires quiz \"\(quiz)\", which is a practice quiz; only exam quizzes count (set its mode to \"exam\")"
        case let .unknownCredential(other):
            return "\(subject) requires credential \(other), which no installed pack defines"
        case let .unreachableLevel(skill, level, threshold):
            return "\(subject) requires \(level.rawValue) in \"\(skill)\", but the pack's \(level.rawValue) threshold "
                + "\(threshold) is above 1 and can never be reached"
        case let .invalidValidity(days):
            return "\(subject) has validForDays \(days); it must be a positive number of days"
        case let .cycle(path):
            return "credentials require each other in a cycle: \(path.joined(separator: " → ")); none of them can be earned"
        case let .requiresUnearnable(other):
            return "\(subject) requires \(other), which can never be earned"
        }
    }
}
