import AttestCore
import Foundation
import Testing

@Suite("CredentialRules")
struct CredentialRulesTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func pack(
        _ id: String, skills: [(String, String)] = [("sql", "SQL querying")], quizzes: [(String, String, Quiz.Mode)] = [],
        credentials: [CredentialDefinition], levels: MasteryLevels = .default
    ) -> Pack {
        Pack(
            id: id, version: SemanticVersion(major: 1, minor: 0, patch: 0), title: id, levels: levels,
            skills: skills.map { Skill(id: $0.0, name: $0.1) },
            questions: [Question(id: "q1", skills: [SkillWeight(skill: skills[0].0)], prompt: "?", kind: .trueFalse(answer: true))],
            quizzes: quizzes.map { Quiz(id: $0.0, title: $0.1, mode: $0.2, sections: [QuizSection(pool: .questions(["q1"]))]) },
            credentials: credentials)
    }

    static func credential(_ id: String, _ criteria: CredentialCriteria, days: Int? = nil) -> CredentialDefinition {
        CredentialDefinition(id: id, name: "Name of \(id)", description: "", criteria: criteria, validForDays: days)
    }

    static let analytics = pack(
        "data-analytics", skills: [("sql", "SQL querying"), ("stats", "Statistics")],
        quizzes: [("da-exam", "Data Analytics Exam", .exam), ("da-practice", "Practice", .practice)],
        credentials: [
            credential(
                "analyst",
                CredentialCriteria(
                    skills: ["stats": .developing, "sql": .proficient], quizzes: ["da-exam"],
                    credentials: ["project-management/foundations"]),
                days: 365),
        ])
    static let management = pack(
        "project-management", credentials: [
            CredentialDefinition(
                id: "foundations", name: "Project Management Foundations", description: "",
                criteria: CredentialCriteria(skills: ["sql": .developing])),
        ])

    @Test func narrativeIsGeneratedFromTheRules() {
        let definition = Self.analytics.credentials[0]
        #expect(CredentialRules.narrative(for: definition, in: Self.analytics, catalog: [Self.management]) ==
            "Reach at least proficient (lower bound of the 90% credible interval ≥ 0.70) in SQL querying; "
            + "reach at least developing (lower bound of the 90% credible interval ≥ 0.40) in Statistics; "
            + "pass the exam Data Analytics Exam; hold Project Management Foundations (project-management/foundations).")
        #expect(CredentialRules.narrative(for: definition, in: Self.analytics).hasSuffix("hold project-management/foundations."))
    }

    @Test func metOnlyWhenEveryPartHolds() throws {
        let evidence = (bounds: ["sql": 0.71, "stats": 0.4], exams: Set(["da-exam"]), held: Set(["project-management/foundations"]))
        let met = CredentialRules.met(
            pack: Self.analytics, lowerBounds: evidence.bounds, passedExams: evidence.exams, held: evidence.held, at: Self.now)
        let evaluation = try #require(met.first)
        #expect(met.count == 1)
        #expect(evaluation.qualifiedID == "data-analytics/analyst")
        #expect(evaluation.outcomes.allSatisfy { $0.held })
        #expect(evaluation.heldPrerequisites == ["project-management/foundations"])
        #expect(evaluation.expiresAt == Self.now.addingTimeInterval(365 * 86_400))

        let noPrerequisite = CredentialRules.met(
            pack: Self.analytics, lowerBounds: evidence.bounds, passedExams: evidence.exams, held: [], at: Self.now)
        #expect(noPrerequisite.isEmpty)
        let progress = PackProgress(pack: Self.analytics, lowerBounds: evidence.bounds, passedExams: [])
        let unmet = try #require(CredentialRules.evaluate(progress, held: evidence.held, at: Self.now).first)
        #expect(!unmet.isMet)
        #expect(unmet.outcomes.map(\.held) == [true, true, false, true])
        #expect(unmet.outcomes[2].text == "pass the exam Data Analytics Exam")
    }

    @Test func skillsAreJudgedOnTheLowerBound() {
        func met(_ bounds: [String: Double]) -> Bool {
            !CredentialRules.met(
                pack: Self.analytics, lowerBounds: bounds, passedExams: ["da-exam"],
                held: ["project-management/foundations"], at: Self.now).isEmpty
        }
        #expect(met(["sql": 0.70, "stats": 0.40]))
        #expect(!met(["sql": 0.6999, "stats": 0.9]))
        #expect(!met(["sql": 0.9]))  // stats: not enough evidence yet
    }

    @Test func practiceQuizzesNeverCount() {
        let pack = Self.pack("p", quizzes: [("warm-up", "Warm-up", .practice)],
                             credentials: [Self.credential("c", CredentialCriteria(quizzes: ["warm-up"]))])
        #expect(CredentialRules.met(pack: pack, lowerBounds: [:], passedExams: ["warm-up"], held: [], at: Self.now).isEmpty)
    }

    @Test func stackingAcrossThreePacksReachesAFixedPoint() {
        // c/top needs b/middle, which needs a/base and c/side; c/side needs a/base. Packs are given in an order
        // that needs several passes.
        let c = Self.pack("c", credentials: [
            Self.credential("top", CredentialCriteria(credentials: ["b/middle"])),
            Self.credential("side", CredentialCriteria(credentials: ["a/base"])),
        ])
        let b = Self.pack("b", credentials: [Self.credential("middle", CredentialCriteria(credentials: ["a/base", "c/side"]))])
        let a = Self.pack("a", credentials: [
            Self.credential("base", CredentialCriteria(skills: ["sql": .proficient])),
            Self.credential("unreached", CredentialCriteria(skills: ["sql": .expert])),
        ])
        let progress = [c, b, a].map { PackProgress(pack: $0, lowerBounds: ["sql": 0.8], passedExams: []) }
        let awarded = CredentialRules.stack(progress, held: [], at: Self.now)
        #expect(awarded.map(\.qualifiedID) == ["a/base", "c/side", "b/middle", "c/top"])
        #expect(CredentialRules.stack(progress, held: ["a/base"], at: Self.now).map(\.qualifiedID) == ["c/side", "b/middle", "c/top"])
        let weak = [c, b, a].map { PackProgress(pack: $0, lowerBounds: ["sql": 0.5], passedExams: []) }
        #expect(CredentialRules.stack(weak, held: [], at: Self.now).isEmpty)
    }

    @Test func cyclesAcrossPacksAreDetectedOnce() {
        let x = Self.pack("x", credentials: [Self.credential("one", CredentialCriteria(credentials: ["y/two"]))])
        let y = Self.pack("y", credentials: [
            Self.credential("two", CredentialCriteria(credentials: ["x/one"])),
            Self.credential("self", CredentialCriteria(credentials: ["self"])),
            Self.credential("after", CredentialCriteria(credentials: ["two"])),
        ])
        #expect(CredentialRules.requirementCycles([x, y]) == [["x/one", "y/two", "x/one"], ["y/self", "y/self"]])
        let issues = CredentialRules.validate([x, y])
        #expect(issues.map(\.kind).contains(.cycle(["x/one", "y/two", "x/one"])))
        #expect(issues.contains(CredentialRuleIssue(credential: "y/after", kind: .requiresUnearnable("y/two"))))
        #expect(issues.first { $0.credential == "y/self" }?.errorDescription == "credentials require each other in a cycle: y/self → y/self; none of them can be earned")
        #expect(CredentialRules.requirementCycles([Self.analytics, Self.management]).isEmpty)
    }

    @Test func unearnableCredentialsAreReported() {
        let steep = MasteryLevels(developing: 0.4, proficient: 0.7, expert: 1.2)
        let pack = Self.pack(
            "p", quizzes: [("drill", "Drill", .practice)],
            credentials: [
                Self.credential("ghost", CredentialCriteria(credentials: ["q/missing"])),
                Self.credential("drilled", CredentialCriteria(quizzes: ["drill", "nope"])),
                Self.credential("summit", CredentialCriteria(skills: ["sql": .expert, "cooking": .developing])),
                Self.credential("empty", CredentialCriteria(), days: 0),
                Self.credential("heir", CredentialCriteria(credentials: ["ghost"])),
            ],
            levels: steep)
        let issues = CredentialRules.validate([pack])
        #expect(issues.map(\.kind) == [
            .unknownCredential("q/missing"), .quizNotExam("drill"), .unknownQuiz("nope"), .unknownSkill("cooking"),
            .unreachableLevel(skill: "sql", level: .expert, threshold: 1.2), .noCriteria, .invalidValidity(0),
            .requiresUnearnable("p/ghost"),
        ])
        #expect(issues[1].errorDescription == "credential p/drilled requires quiz \"drill\", which is a practice quiz; only exam quizzes count (set its mode to \"exam\")")
        #expect(!issues[6].makesUnearnable)
        #expect(CredentialRules.validate([Self.analytics, Self.management]).isEmpty)
        #expect(CredentialRules.validate([Self.analytics]) == [
            CredentialRuleIssue(credential: "data-analytics/analyst", kind: .unknownCredential("project-management/foundations")),
        ])
    }

    @Test func expiryCountsDaysFromTheAward() {
        let definition = Self.credential("c", CredentialCriteria(skills: ["sql": .developing]), days: 30)
        #expect(CredentialRules.expiry(of: definition, awardedAt: Self.now) == Self.now.addingTimeInterval(30 * 86_400))
        #expect(CredentialRules.expiry(of: Self.management.credentials[0], awardedAt: Self.now) == nil)
        #expect(CredentialRules.qualifiedID("c", inPack: "p") == "p/c")
        #expect(CredentialRules.qualifiedID("o/c", inPack: "p") == "o/c")
    }
}
