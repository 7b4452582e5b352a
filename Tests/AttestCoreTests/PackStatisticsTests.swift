import AttestCore
import Testing

@Suite("PackStatistics")
struct PackStatisticsTests {
    private func samplePack() throws -> Pack {
        let bytes = try Fixtures.bytes(Fixtures.validDirectory.appendingPathComponent("sample.json"))
        return try #require(PackDecoder().decode(bytes: bytes, file: "sample.json").pack)
    }

    @Test func countsAndGapsOfTheSample() throws {
        let statistics = PackStatistics(pack: try samplePack())
        typealias Count = PackStatistics.Count
        #expect(statistics.questionCount == 7)
        #expect(statistics.questionsPerSkill == [Count(name: "sql", count: 6), Count(name: "stats", count: 2)])
        #expect(statistics.questionsPerType.map(\.count) == [1, 1, 1, 1, 2, 1])
        #expect(statistics.questionsPerDifficulty == [
            Count(name: "easy", count: 0), Count(name: "medium", count: 6), Count(name: "hard", count: 1),
        ])
        // 45 + 60 + 20 + 60 + 90 + 60 (its own time limit) + 75
        #expect(statistics.estimatedSeconds == 410)
        #expect(statistics.skillsWithFewQuestions == ["stats"])
        #expect(statistics.unusedTypes.isEmpty)
        #expect(statistics.skillsNoQuizDraws.isEmpty)
        #expect(statistics.skillsWithoutHardQuestions == ["stats"])
    }

    @Test func gapsOfASparsePack() throws {
        let pack = Pack(
            id: "p", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "P",
            skills: [Skill(id: "a", name: "A"), Skill(id: "b", name: "B")],
            questions: [Question(id: "q", skills: [SkillWeight(skill: "a")], prompt: "?", kind: .trueFalse(answer: true))],
            quizzes: [Quiz(id: "z", title: "Z", mode: .exam, sections: [QuizSection(pool: .questions(["q"]))])]
        )
        let statistics = PackStatistics(pack: pack)
        #expect(statistics.skillsWithFewQuestions == ["a", "b"])
        #expect(statistics.unusedTypes == ["single", "multiple", "text", "numeric", "ordering"])
        #expect(statistics.skillsNoQuizDraws == ["b"])
        #expect(statistics.skillsWithoutHardQuestions == ["a", "b"])
        #expect(statistics.estimatedSeconds == 20)
    }

    @Test func quizEstimateUsesDrawsAndLimits() throws {
        let pack = try samplePack()
        // The exam draws 3 + 1 questions at its 60-second question limit (q-range keeps its own 60).
        #expect(PackStatistics.estimatedSeconds(for: try #require(pack.quiz("sample-exam")), in: pack) == 240)
        let practice = try #require(pack.quiz("sample-practice"))
        // Six SQL questions, then the one `core` question left (q-numeric): 45+60+20+60+60+75 + 90.
        #expect(PackStatistics.estimatedSeconds(for: practice, in: pack) == 410)
    }
}
