import AttestCore
import Foundation
import Testing

/// The flags of `ItemAnalysis` on a small class built so that each flag fires exactly where intended.
@Suite("ItemAnalysisFlags")
struct ItemAnalysisFlagsTests {
    static let learners = ["l1", "l2", "l3", "l4", "l5", "l6"]
    /// Per question, each learner's fraction of credit (l1 ... l6).
    static let scores: [(String, [Double])] = [
        ("c1", [1, 1, 1, 0, 0, 0]), ("c2", [1, 1, 0, 1, 0, 0]), ("c3", [1, 1, 1, 1, 0, 0]), ("c4", [1, 0, 0, 0, 0, 0]),
        ("easy", [1, 1, 1, 1, 1, 1]), ("hard", [0, 0, 0, 0, 0, 0]), ("trap", [0, 0, 1, 1, 1, 0]),
        ("noise", [1, 0, 0, 0, 1, 0]),
    ]
    /// Options chosen in `trap` (0 is the key): the two strongest learners pick option 1.
    static let trapChoices = [1, 1, 0, 0, 0, 2]

    static func pack() -> Pack {
        let skill = [SkillWeight(skill: "general")]
        var questions = scores.map { id, _ in Question(id: id, skills: skill, prompt: id, kind: .trueFalse(answer: true)) }
        questions[5].kind = .shortText(ShortTextKey(accept: ["x"]))
        questions[6].kind = .singleChoice([
            Option(text: "key", correct: true), Option(text: "tempting", correct: false), Option(text: "weak", correct: false),
        ])
        return Pack(
            id: "flags", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "Flags",
            skills: [Skill(id: "general", name: "General")], questions: questions)
    }

    static func attempts() -> [AnalysisAttempt] {
        let start = Date(timeIntervalSince1970: 1_000_000)
        return learners.enumerated().map { index, learner in
            let id = "a-\(learner)"
            let responses = scores.enumerated().map { position, item in
                let (question, values) = item
                let seconds: Double = question == "c4" ? 60 : 10
                let shown = start.addingTimeInterval(Double(position) * 100)
                return ResponseRecord(
                    attemptID: id, position: position, questionID: question, outcome: .answered, given: "x",
                    selection: question == "trap" ? [trapChoices[index]] : nil, score: values[index], points: values[index],
                    maxPoints: 1, skills: [SkillWeight(skill: "general")], difficulty: .medium, shownAt: shown,
                    answeredAt: shown.addingTimeInterval(seconds))
            }
            let attempt = AttemptRecord(
                id: id, learner: learner, packID: "flags", packVersion: "1.0.0", packHash: "", quizID: "exam", mode: .exam,
                seed: 1, questionIDs: scores.map(\.0), startedAt: start, endedAt: start.addingTimeInterval(900), status: .completed)
            return AnalysisAttempt(attempt: attempt, responses: responses)
        }
    }

    static func flags(_ analysis: ItemAnalysis, _ id: String) -> [ItemFlag.Kind] {
        analysis.questions.first { $0.questionID == id }?.flags.map(\.kind) ?? []
    }

    @Test func eachFlagFiresWhereIntended() {
        let analysis = ItemAnalysis(pack: Self.pack(), attempts: Self.attempts())
        #expect(Self.flags(analysis, "easy") == [.tooEasy])
        #expect(Self.flags(analysis, "hard") == [.tooHard])
        #expect(Self.flags(analysis, "trap").contains(.distractorBeatsKey))
        #expect(Self.flags(analysis, "trap").contains(.negativeDiscrimination))
        #expect(!Self.flags(analysis, "trap").contains(.unusedDistractor))
        #expect(Self.flags(analysis, "noise") == [.lowDiscrimination])
        #expect(Self.flags(analysis, "c4").contains(.slow))
        #expect(Self.flags(analysis, "c3").isEmpty)
        let trap = analysis.questions.first { $0.questionID == "trap" }
        let message = trap?.flags.first { $0.kind == .distractorBeatsKey }?.message
        #expect(message == "Option 2 (\"tempting\") was chosen by more of the top third (100%) than the key (0%). "
            + "Check the key, and whether this option can also be read as right.")
    }

    @Test func noFlagsBelowFiveAttempts() {
        let analysis = ItemAnalysis(pack: Self.pack(), attempts: Array(Self.attempts().prefix(4)))
        #expect(analysis.questions.allSatisfy { $0.flags.isEmpty })
    }

    @Test func unsubmittedAndOtherPacksAttemptsAreIgnored() {
        var attempts = Self.attempts()
        attempts[0].attempt.status = .abandoned
        attempts[1].attempt.packID = "other"
        let analysis = ItemAnalysis(pack: Self.pack(), attempts: attempts)
        #expect(analysis.test.submittedAttempts == 4 && analysis.test.attempts == 4)
    }

    @Test func differentQuestionSetsHaveNoAlpha() {
        var attempts = Self.attempts()
        attempts[0].attempt.questionIDs.removeLast()
        attempts[0].responses.removeLast()
        let analysis = ItemAnalysis(pack: Self.pack(), attempts: attempts)
        #expect(!analysis.test.sameQuestions && analysis.test.alpha == nil && analysis.test.standardError == nil)
        #expect(analysis.questions.first { $0.questionID == "noise" }?.attempts == 5)
    }
}
