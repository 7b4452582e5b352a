import AttestCore
import Testing

@Suite("ExamPoolReport")
struct ExamPoolReportTests {
    static func pack(pools: [QuestionPool], draw: Int) -> Pack {
        let questions = pools.enumerated().map { index, pool in
            Question(id: "q\(index)", skills: [SkillWeight(skill: "s")], prompt: "Q?", kind: .trueFalse(answer: true), pool: pool)
        }
        return Pack(
            id: "p", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "P",
            skills: [Skill(id: "s", name: "S"), Skill(id: "t", name: "T")], questions: questions,
            quizzes: [Quiz(id: "exam", title: "E", mode: .exam, sections: [QuizSection(pool: .skills(["s"]), count: draw)])],
            credentials: [CredentialDefinition(id: "c", name: "C", description: "C", criteria: CredentialCriteria(quizzes: ["exam"]))],
            blueprint: Blueprint(domains: [
                BlueprintDomain(id: "a", name: "A", weight: 3, skills: ["s"]), BlueprintDomain(id: "b", name: "B", weight: 1, skills: ["t"]),
            ]))
    }

    @Test func reportsPoolDrawPracticeOverlapAndSittingShare() {
        let row = ExamPoolReport(pack: Self.pack(pools: [.exam, .exam, .exam, .exam, .shared, .practice, .practice], draw: 2)).rows
        #expect(row.count == 1)
        #expect(row[0].examPool == 5 && row[0].examDraw == 2 && row[0].practicePool == 3)
        #expect(row[0].overlap == ["q4"] && row[0].countsForCredential)
        #expect(row[0].sittingShare == 0.4)
        let sealed = ExamPoolReport(pack: Self.pack(pools: [.exam, .exam, .practice], draw: 1)).rows[0]
        #expect(sealed.overlap.isEmpty && sealed.practicePool == 1 && sealed.examPool == 2)
    }

    @Test func blueprintCoverageComparesQuestionSharesWithWeights() {
        let pack = Self.pack(pools: [.exam, .practice], draw: 1)
        let coverage = pack.blueprint!.coverage(in: pack)
        #expect(coverage.map(\.domainID) == ["a", "b"])
        #expect(coverage[0].weightShare == 0.75 && coverage[0].questionShare == 1 && !coverage[0].isUnder)
        #expect(coverage[1].questions == 0 && coverage[1].isUnder)
    }
}
