import AttestCore
import Foundation
import Testing

/// Sealing: no practice route shows an exam-only question, no exam draws a practice-only one.
@Suite("QuestionPool")
struct QuestionPoolTests {
    /// A random pack: 1–4 skills, 5–40 questions with random pools, tags and skills, a practice
    /// quiz and an exam drawing by skills, tags and explicit lists.
    static func randomPack(_ generator: inout SeededGenerator) -> Pack {
        let skills = (0..<(1 + generator.nextInt(below: 4))).map { Skill(id: "s\($0)", name: "S\($0)") }
        let pools = QuestionPool.allCases
        let questions = (0..<(5 + generator.nextInt(below: 36))).map { index in
            Question(
                id: "q\(index)", skills: [SkillWeight(skill: skills[generator.nextInt(below: skills.count)].id)],
                prompt: "Q\(index)?", kind: .trueFalse(answer: generator.nextInt(below: 2) == 0),
                tags: generator.nextInt(below: 2) == 0 ? ["t"] : [], pool: pools[generator.nextInt(below: pools.count)])
        }
        let sections: [QuizSection] = [
            QuizSection(pool: .skills(skills.map(\.id))),
            QuizSection(pool: .tags(["t"])),
            QuizSection(pool: .questions(questions.shuffled(using: &generator).prefix(5).map(\.id))),
        ]
        return Pack(
            id: "random", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "Random", skills: skills,
            questions: questions,
            quizzes: [Quiz(id: "practice", title: "P", mode: .practice, sections: sections),
                      Quiz(id: "exam", title: "E", mode: .exam, sections: sections)])
    }

    /// Every question a quiz of `pack` would show, over several seeds.
    static func shown(_ pack: Pack, _ quiz: Quiz) -> Set<String> {
        var ids = Set<String>()
        for seed in UInt64(1)...5 {
            if let plan = try? QuizPlan(pack: pack, quiz: quiz, seed: seed) { ids.formUnion(plan.entries.map(\.questionID)) }
        }
        return ids
    }

    @Test func noPracticeRouteShowsASealedQuestionInRandomPacks() throws {
        var generator = SeededGenerator(seed: 14)
        for _ in 0..<200 {
            let pack = Self.randomPack(&generator)
            let byID = pack.questionsByID()
            var practiceShown = Self.shown(pack, pack.quiz("practice")!)
            if let whole = try? Quiz.practice(pack: pack) { practiceShown.formUnion(Self.shown(pack, whole)) }
            for skill in pack.skills {
                if let one = try? Quiz.practice(pack: pack, skill: skill.id) { practiceShown.formUnion(Self.shown(pack, one)) }
            }
            if let missed = try? Quiz.practiceMissed(pack: pack, questionIDs: pack.questions.map(\.id)) {
                practiceShown.formUnion(Self.shown(pack, missed))
            }
            #expect(practiceShown.allSatisfy { byID[$0]!.pool != .exam })
            let examShown = Self.shown(pack, pack.quiz("exam")!)
            #expect(examShown.allSatisfy { byID[$0]!.pool != .practice })
            // Everything practice may show is reachable: sealing hides nothing else.
            let practiceable = Set(pack.questions.filter { $0.pool != .exam }.map(\.id))
            if let whole = try? Quiz.practice(pack: pack) { #expect(Self.shown(pack, whole) == practiceable) }
        }
    }

    @Test func aPracticeQuizListingASealedQuestionIsRejected() {
        let json = """
        {"format": 1, "id": "p", "version": "1.0.0", "title": "P", "skills": [{"id": "s", "name": "S"}],
         "questions": [{"id": "a", "type": "true-false", "skill": "s", "prompt": "A?", "answer": true, "pool": "exam", "explanation": "x"}],
         "quizzes": [{"id": "q", "title": "Q", "mode": "practice", "sections": [{"from": {"questions": ["a"]}}]}]}
        """
        let result = PackDecoder().decode(bytes: Array(json.utf8), file: "p.json")
        #expect(result.errors.contains { $0.message.contains("question `a` is exam-only (sealed); a practice quiz cannot show it") })
    }

    @Test func anExamReviewDoesNotShowASealedKey() throws {
        var generator = SeededGenerator(seed: 3)
        var pack = Self.randomPack(&generator)
        for index in pack.questions.indices { pack.questions[index].pool = .exam }
        let quiz = Quiz(id: "exam", title: "E", mode: .exam, sections: [QuizSection(pool: .questions([pack.questions[0].id]))])
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: 1)
        let start = Date(timeIntervalSince1970: 0)
        let result = QuizResult(pack: pack, quiz: quiz, plan: plan, responses: [], startedAt: start, endedAt: start, status: .completed)
        #expect(result.missed.count == 1)
        #expect(result.missed[0].correctAnswer == nil && result.missed[0].explanation == nil)
    }
}
