import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// The structural bar every shipped credential pack must meet (issue #15), so that it cannot slip
/// silently: enough skills, deep sealed exam pools, practice of their own, applied items, sources,
/// a blueprint, no practice/exam overlap, quick checks that never show sealed questions and an
/// explicit decision rule on each credential exam. docs/content-review.md gives the figures.
@Suite("ShippedPackBar")
struct ShippedPackBarTests {
    /// The bar's figures, as issue #15 states them.
    enum Bar {
        static let skills = 4
        static let sealedPool = 24
        static let sittingsPerPool = 3.0
        static let practicePool = 12
        /// Scenario and artefact items are at least this share of each sealed pool.
        static let appliedShare = 1.0 / 3
        /// Parameterised questions are at most this share of each sealed pool.
        static let parameterisedShare = 1.0 / 3
    }

    /// Every shipped pack that awards a credential (the practice-only packs award none).
    static func credentialPacks() -> [Pack] {
        ShippedPacks.paths.compactMap { path in
            FileManager.default.contents(atPath: path).flatMap { PackDecoder().decode(bytes: [UInt8]($0), file: path).pack }
        }.filter { !$0.credentials.isEmpty }
    }

    /// What keeps `pack` below the bar, one line each; empty when it meets it.
    static func shortfalls(_ pack: Pack) -> [String] {
        var found: [String] = []
        if pack.skills.count < Bar.skills { found.append("\(pack.skills.count) skills, fewer than \(Bar.skills)") }
        let pools = ExamPoolReport(pack: pack)
        for skill in pack.skills.map(\.id) {
            let sealed = pack.questions.filter { $0.pool == .exam && $0.skillIDs.contains(skill) }
            let practice = pack.questions.filter { $0.pool.admits(.practice) && $0.skillIDs.contains(skill) }
            let draw = pools.rows.filter { $0.skillID == skill }.map(\.examDraw).max() ?? 0
            if sealed.count < Bar.sealedPool { found.append("`\(skill)`: sealed exam pool of \(sealed.count), under \(Bar.sealedPool)") }
            if Double(sealed.count) < Bar.sittingsPerPool * draw {
                found.append("`\(skill)`: sealed exam pool of \(sealed.count) is under 3× the \(draw) one sitting draws")
            }
            if practice.count < Bar.practicePool { found.append("`\(skill)`: \(practice.count) practice questions, under \(Bar.practicePool)") }
            let applied = sealed.filter { $0.itemKind == .scenario || $0.itemKind == .artefact }.count
            if Double(applied) < Bar.appliedShare * Double(sealed.count) {
                found.append("`\(skill)`: \(applied) of \(sealed.count) sealed questions are scenario or artefact items, under a third")
            }
            let parameterised = sealed.filter { $0.template != nil }.count
            if Double(parameterised) > Bar.parameterisedShare * Double(sealed.count) {
                found.append("`\(skill)`: \(parameterised) of \(sealed.count) sealed questions are parameterised, over a third")
            }
        }
        for question in pack.questions { found += itemShortfalls(question) }
        found += blueprintShortfalls(pack)
        found += quizShortfalls(pack, pools: pools)
        return found
    }

    /// A question without a stated difficulty, an explanation, a source or feedback on each wrong option.
    static func itemShortfalls(_ question: Question) -> [String] {
        var found: [String] = []
        if !question.difficultyStated { found.append("`\(question.id)`: no difficulty") }
        if (question.explanation ?? "").isEmpty { found.append("`\(question.id)`: no explanation") }
        if (question.source?.reference ?? "").isEmpty { found.append("`\(question.id)`: no source") }
        switch question.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            if options.contains(where: { !$0.correct && ($0.feedback ?? "").isEmpty }) {
                found.append("`\(question.id)`: a wrong option without feedback")
            }
        default: break
        }
        return found
    }

    /// No blueprint, a skill no domain names, or a domain covered well under its weight.
    static func blueprintShortfalls(_ pack: Pack) -> [String] {
        guard let blueprint = pack.blueprint else { return ["no blueprint"] }
        let named = Set(blueprint.domains.flatMap(\.skills))
        return pack.skills.map(\.id).filter { !named.contains($0) }.map { "`\($0)`: in no blueprint domain" }
            + blueprint.coverage(in: pack).filter(\.isUnder).map { "domain `\($0.domainID)` is covered well under its weight" }
    }

    /// Overlap between a credential exam and practice, a credential exam without an explicit
    /// decision rule, and a quiz outside the credentials (a quick check) that can draw a sealed question.
    static func quizShortfalls(_ pack: Pack, pools: ExamPoolReport) -> [String] {
        var found: [String] = []
        let counted = Set(pack.credentials.flatMap(\.criteria.quizzes))
        for row in pools.rows where row.countsForCredential && !row.overlap.isEmpty {
            found.append("`\(row.quizID)`: \(row.overlap.count) `\(row.skillID)` question(s) also shown in practice")
        }
        let byID = pack.questionsByID()
        for quiz in pack.quizzes {
            if counted.contains(quiz.id) {
                if quiz.decision == nil { found.append("`\(quiz.id)`: counts for a credential but states no decision rule") }
                continue
            }
            let sealed = quiz.sections.flatMap { $0.poolQuestionIDs(in: pack, mode: quiz.mode) }.filter { byID[$0]?.pool == .exam }
            if !sealed.isEmpty { found.append("`\(quiz.id)`: counts for no credential but can draw \(sealed.count) sealed question(s)") }
        }
        return found
    }

    @Test func everyShippedCredentialPackMeetsTheBar() {
        let packs = Self.credentialPacks()
        #expect(packs.map(\.id).sorted() == [
            "ai-basics", "cybersecurity", "data-analytics", "online-teaching", "project-management", "ux-design",
        ])
        for pack in packs {
            let shortfalls = Self.shortfalls(pack)
            #expect(shortfalls.isEmpty, "\(pack.id): \(shortfalls.joined(separator: "; "))")
        }
    }

    /// Every credential exam states the default rule with `maxItems` at its sections' draw, and
    /// docs/scoring.md prints that rule's simulated error rates exactly as `attest-bench decision
    /// --max-items N` computes them (20,000 learners per row, seed 14).
    @Test func everyCredentialExamStatesTheRuleWhoseErrorRatesScoringPrints() throws {
        let scoring = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/scoring.md"), encoding: .utf8)
        var rules = Set<DecisionRule>()
        for pack in Self.credentialPacks() {
            for quiz in pack.quizzes where pack.credentials.contains(where: { $0.criteria.quizzes.contains(quiz.id) }) {
                let rule = try #require(quiz.decision, "\(quiz.id) states no decision rule")
                var expected = DecisionRule.default
                expected.maxItems = try #require(quiz.sections.compactMap(\.count).max())
                #expect(rule == expected, "\(quiz.id): \(rule)")
                #expect(quiz.sections.allSatisfy { $0.count == rule.maxItems && SectionDecision.skill(of: $0) != nil })
                rules.insert(rule)
            }
        }
        #expect(!rules.isEmpty)
        for rule in rules {
            let table = DecisionSimulation(rule: rule, learners: 20_000, seed: 14).markdown()
            #expect(scoring.contains(table), "docs/scoring.md lacks the table for maxItems \(rule.maxItems):\n\(table)")
        }
    }

    /// Each bar, slipped on an in-memory copy of a shipped pack, is caught.
    @Test(arguments: Slip.allCases)
    func aSlippedBarIsCaught(_ slip: Slip) throws {
        var pack = try #require(Self.credentialPacks().first { $0.id == "ai-basics" })
        #expect(Self.shortfalls(pack).isEmpty)
        let expected = try slip.apply(to: &pack)
        let shortfalls = Self.shortfalls(pack)
        #expect(shortfalls.contains { $0.contains(expected) }, "\(slip): \(shortfalls)")
    }

    /// One way the bar can slip, and the words of the shortfall it must produce.
    enum Slip: String, CaseIterable, Sendable {
        case fewerSkills, smallerSealedPool, largerDraw, smallerPracticePool, fewerAppliedItems, moreParameterised
        case noDifficulty, noExplanation, noSource, noDistractorFeedback, noBlueprint, overlap, noDecision
        case quickCheckDrawsSealed

        func apply(to pack: inout Pack) throws -> String {
            let skill = pack.skills[0].id
            let sealed = pack.questions.indices.filter { pack.questions[$0].pool == .exam && pack.questions[$0].skillIDs == [skill] }
            let exam = try #require(pack.quizzes.firstIndex { $0.id == "ai-basics-exam" })
            switch self {
            case .fewerSkills:
                pack.skills = Array(pack.skills.prefix(3))
                return "3 skills"
            case .smallerSealedPool:
                pack.questions.remove(at: sealed[0])
                return "sealed exam pool of 23"
            case .largerDraw:
                pack.quizzes[exam].sections[0].count = 9
                return "under 3× the 9.0 one sitting draws"
            case .smallerPracticePool:
                let practice = try #require(pack.questions.firstIndex { $0.pool == .practice && $0.skillIDs == [skill] })
                pack.questions[practice].pool = .exam
                return "11 practice questions"
            case .fewerAppliedItems:
                for index in sealed { pack.questions[index].itemKind = .recall }
                return "scenario or artefact items, under a third"
            case .moreParameterised:
                let template = try #require(pack.questions.first { $0.template != nil }?.template)
                for index in sealed.prefix(9) { pack.questions[index].template = template }
                return "are parameterised, over a third"
            case .noDifficulty:
                pack.questions[sealed[0]].difficultyStated = false
                return "no difficulty"
            case .noExplanation:
                pack.questions[sealed[0]].explanation = nil
                return "no explanation"
            case .noSource:
                pack.questions[sealed[0]].source = nil
                return "no source"
            case .noDistractorFeedback:
                let index = try #require(pack.questions.firstIndex { if case .singleChoice = $0.kind { true } else { false } })
                guard case var .singleChoice(options) = pack.questions[index].kind else { return "" }
                let wrong = try #require(options.firstIndex { !$0.correct })
                options[wrong].feedback = nil
                pack.questions[index].kind = .singleChoice(options)
                return "a wrong option without feedback"
            case .noBlueprint:
                pack.blueprint = nil
                return "no blueprint"
            case .overlap:
                pack.questions[sealed[0]].pool = .shared
                return "also shown in practice"
            case .noDecision:
                pack.quizzes[exam].decision = nil
                return "states no decision rule"
            case .quickCheckDrawsSealed:
                pack.quizzes.append(Quiz(
                    id: "ai-basics-warm-up", title: "Warm-up", mode: .exam,
                    sections: [QuizSection(pool: .skills([skill]), count: 2)], timeLimit: 300))
                return "counts for no credential but can draw 24 sealed"
            }
        }
    }
}
