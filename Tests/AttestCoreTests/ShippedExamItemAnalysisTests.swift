import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Item analysis of a simulated class on every shipped credential exam flags no question as miskeyed.
///
/// Each simulated learner has an ability, and answers each question right with the chance a Rasch
/// model gives for the question's difficulty; a right answer is typed as the key says (the canonical
/// accepted text, number, letters or order), a wrong one picks a wrong option at random. The real
/// engine draws, stops early and scores each sitting, and the real item analysis reads them. A key
/// the scorer does not accept, an option keyed wrongly or an answer template that computes the wrong
/// value shows as a question the strong learners miss: negative discrimination, a distractor the top
/// third prefers, or almost nobody earning credit, the flags whose advice is to check the key.
@Suite("ShippedExamItemAnalysis")
struct ShippedExamItemAnalysisTests {
    static let learners = 300
    static let keyFlags: Set<ItemFlag.Kind> = [.negativeDiscrimination, .distractorBeatsKey, .tooHard]

    /// The ability of the `index`th simulated learner: spread evenly from -2.5 to 3 logits.
    static func ability(_ index: Int) -> Double { -2.5 + 5.5 * Double(index) / Double(learners - 1) }

    /// The Rasch difficulty of each level, in logits.
    static func location(_ difficulty: Difficulty) -> Double {
        switch difficulty {
        case .easy: -1
        case .medium: 0
        case .hard: 1
        }
    }

    /// Input that earns no credit, with a wrong option chosen at random for choice questions.
    static func wrongInput(_ presented: PresentedQuestion, _ random: inout SeededGenerator) -> String {
        guard case let .options(keys) = CorrectAnswer(for: presented) else { return AnswerKey.wrongInput(for: presented) }
        let wrong = presented.choices.filter { !keys.contains($0) }
        return wrong.isEmpty ? AnswerKey.wrongInput(for: presented) : wrong[random.nextInt(below: wrong.count)].label
    }

    /// One learner of `ability` sitting `quiz` with seed `seed` until it ends. A right answer is the
    /// key of `known`'s version of the question when it has one (what the learner knows is right),
    /// else of the pack's.
    static func sitting(
        pack: Pack, quiz: Quiz, seed: UInt64, ability: Double, known: [String: Question] = [:], random: inout SeededGenerator
    ) throws -> AnalysisAttempt {
        let clock = TestClock()
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: seed)
        var engine = QuizEngine(pack: pack, quiz: quiz, plan: plan, attemptID: "sitting-\(seed)", clock: clock)
        while let item = engine.current {
            let chance = 1 / (1 + exp(location(item.presented.question.difficulty) - ability))
            let right = Double(random.next() >> 11) / Double(1 << 53) < chance
            clock.advance(by: 20)
            let truth = known[item.presented.question.id].map { PresentedQuestion(question: $0, order: item.presented.order) }
            _ = engine.submit(right ? AnswerKey.correctInput(for: truth ?? item.presented) : wrongInput(truth ?? item.presented, &random))
        }
        if engine.isAwaitingFinish { _ = engine.finish() }
        return AnalysisAttempt(
            attempt: engine.attemptRecord(learner: "learner-\(seed)"),
            responses: engine.responses.values.sorted { $0.position < $1.position })
    }

    @Test(arguments: ["ai-basics", "cybersecurity", "data-analytics", "online-teaching", "project-management", "ux-design"])
    func noQuestionOfTheCredentialExamIsFlaggedMiskeyed(packID: String) throws {
        let pack = try #require(ShippedPacks.pack(packID))
        let quizIDs = Set(pack.credentials.flatMap(\.criteria.quizzes))
        #expect(!quizIDs.isEmpty)
        for quizID in quizIDs.sorted() {
            let quiz = try #require(pack.quiz(quizID))
            var random = SeededGenerator(seed: 15)
            let attempts = try (0..<Self.learners).map { index in
                try Self.sitting(pack: pack, quiz: quiz, seed: UInt64(index + 1), ability: Self.ability(index), random: &random)
            }
            let analysis = ItemAnalysis(pack: pack, quizID: quizID, attempts: attempts)
            let analysed = analysis.questions.filter { $0.attempts >= ItemAnalysisMinimum.discrimination }
            #expect(analysed.count >= pack.questions.filter { $0.pool == .exam }.count * 9 / 10, "most of the sealed pool was analysed")
            let flagged = analysed.filter { !Self.keyFlags.isDisjoint(with: $0.flags.map(\.kind)) }
            #expect(flagged.isEmpty, "\(quizID): \(flagged.map { "\($0.questionID): \($0.flags.map(\.message))" })")
        }
    }

    /// The simulation can see a miskeyed question: with one question's key moved to a distractor,
    /// learners who know the answer lose its credit and the analysis says to check the key.
    @Test func aMovedKeyIsFlagged() throws {
        let shipped = try #require(ShippedPacks.pack("ux-design"))
        var pack = shipped
        let quiz = try #require(pack.quiz("ux-design-exam"))
        let moved = try #require(pack.questions.firstIndex { question in
            guard question.pool == .exam, case let .singleChoice(options) = question.kind else { return false }
            return options.count >= 4
        })
        guard case var .singleChoice(options) = pack.questions[moved].kind else { return }
        let key = try #require(options.firstIndex { $0.correct })
        options[key].correct = false
        options[(key + 1) % options.count].correct = true
        pack.questions[moved].kind = .singleChoice(options)
        var random = SeededGenerator(seed: 15)
        let attempts = try (0..<Self.learners).map { index in
            try Self.sitting(
                pack: pack, quiz: quiz, seed: UInt64(index + 1), ability: Self.ability(index),
                known: [shipped.questions[moved].id: shipped.questions[moved]], random: &random)
        }
        let scored = ItemAnalysis(pack: pack, quizID: quiz.id, attempts: attempts)
        let stats = try #require(scored.questions.first { $0.questionID == pack.questions[moved].id })
        #expect(!Self.keyFlags.isDisjoint(with: stats.flags.map(\.kind)), "\(stats.flags.map(\.message))")
    }
}
