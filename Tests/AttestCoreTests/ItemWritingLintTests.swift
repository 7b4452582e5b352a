import AttestCore
import Testing

@Suite("ItemWritingLint")
struct ItemWritingLintTests {
    static func choice(_ id: String, _ prompt: String, key: String, others: [String], feedback: Bool = true, difficulty: Bool = true) -> Question {
        let options = [Option(text: key, correct: true)] + others.map { Option(text: $0, correct: false, feedback: feedback ? "Because." : nil) }
        return Question(
            id: id, skills: [SkillWeight(skill: "s")], prompt: prompt, kind: .singleChoice(options), explanation: "Why.",
            pool: .exam, difficultyStated: difficulty)
    }

    static func pack(_ questions: [Question], pool: QuestionPool? = nil, credential: Bool = true) -> Pack {
        var questions = questions
        if let pool { for index in questions.indices { questions[index].pool = pool } }
        let exam = Quiz(id: "exam", title: "Exam", mode: .exam, sections: [QuizSection(pool: .skills(["s"]), count: 1)])
        let credentials = credential
            ? [CredentialDefinition(id: "c", name: "C", description: "C", criteria: CredentialCriteria(quizzes: ["exam"]))] : []
        return Pack(
            id: "p", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "P", skills: [Skill(id: "s", name: "S")],
            questions: questions, quizzes: [exam], credentials: credentials)
    }

    static func rules(_ pack: Pack) -> [ItemWritingLint.Rule] { ItemWritingLint.findings(pack).map(\.rule) }

    @Test func sealingErrorsWhenACredentialExamCanDrawAPracticeQuestion() {
        let shared = Self.pack([Self.choice("a", "Pick.", key: "Yes", others: ["No", "Maybe"])], pool: .shared)
        let finding = ItemWritingLint.findings(shared).first { $0.rule == .examSealing }
        #expect(finding?.isError == true)
        #expect(finding?.message.contains("`a`") == true)
        #expect(!Self.rules(Self.pack([Self.choice("a", "Pick.", key: "Yes", others: ["No", "Maybe"])])).contains(.examSealing))
        #expect(!Self.rules(Self.pack([Self.choice("a", "Pick.", key: "Yes", others: ["No", "Maybe"])], pool: .shared, credential: false))
            .contains(.examSealing))
    }

    @Test func aQuizNoCredentialNamesMayNotDrawSealedQuestions() {
        let questions = [
            Self.choice("sealed", "Pick.", key: "Yes", others: ["No", "Maybe"]),
            { var q = Self.choice("drill", "Choose.", key: "Yes", others: ["No", "Maybe"]); q.pool = .practice; return q }(),
        ]
        var pack = Self.pack(questions)
        pack.quizzes.append(Quiz(id: "quick", title: "Quick", mode: .exam, sections: [QuizSection(pool: .skills(["s"]), count: 1)]))
        let finding = ItemWritingLint.findings(pack).first { $0.rule == .sealedOutsideCredential }
        #expect(finding?.message.contains("quiz `quick` counts for no credential but can draw 1 sealed question(s): `sealed`") == true)
        #expect(finding?.pointer == "/quizzes/1" && finding?.isError == false)
        pack.quizzes[1].mode = .practice
        #expect(!Self.rules(pack).contains(.sealedOutsideCredential), "a practice quiz draws the practice question only")
        pack.quizzes[1].mode = .exam
        pack.credentials = []
        #expect(!Self.rules(pack).contains(.sealedOutsideCredential), "without credential exams, sealing is the author's own")
    }

    static func statement(_ id: String, _ prompt: String, _ answer: Bool) -> Question {
        Question(id: id, skills: [SkillWeight(skill: "s")], prompt: prompt, kind: .trueFalse(answer: answer), explanation: "Why.", pool: .exam)
    }

    @Test func absoluteWordsKeyedFalseAreFlaggedNamingTheOthers() {
        let cued = Self.pack([Self.statement("t1", "Backups always succeed.", false), Self.statement("t2", "Tests always pass.", false)])
        let findings = ItemWritingLint.findings(cued).filter { $0.rule == .absoluteWord }
        #expect(findings.count == 2)
        #expect(findings[0].message.contains("“always”") && findings[0].message.contains("`t2`"))
        let balanced = Self.pack([Self.statement("t1", "Backups always succeed.", false), Self.statement("t2", "Gravity always pulls.", true)])
        #expect(!Self.rules(balanced).contains(.absoluteWord))
    }

    static func multiple(_ id: String, _ prompt: String, keys: Int) -> Question {
        let options = (0..<5).map { Option(text: "Option \($0)", correct: $0 < keys, feedback: $0 < keys ? nil : "No.") }
        return Question(id: id, skills: [SkillWeight(skill: "s")], prompt: prompt, kind: .multipleChoice(options), explanation: "Why.", pool: .exam)
    }

    @Test func aStatedCountIsFlaggedWithItsWords() {
        let stated = ItemWritingLint.findings(Self.pack([Self.multiple("m", "Select three options that apply.", keys: 3)]))
            .first { $0.rule == .statedCount }
        #expect(stated?.message.contains("select three options") == true)
        #expect(!Self.rules(Self.pack([Self.multiple("m", "Select all that apply.", keys: 3)])).contains(.statedCount))
    }

    @Test func aHabitualKeyCountIsFlagged() {
        let same = Self.pack((0..<4).map { Self.multiple("m\($0)", "Select all that apply.", keys: 3) })
        #expect(ItemWritingLint.findings(same).first { $0.rule == .keyCountPattern }?.message.contains("4 of 4") == true)
        let varied = Self.pack((0..<4).map { Self.multiple("m\($0)", "Select all that apply.", keys: 1 + $0) })
        #expect(!Self.rules(varied).contains(.keyCountPattern))
    }

    @Test func theKeyBeingTheLongestOptionIsFlagged() {
        let long = Self.pack((0..<4).map { Self.choice("q\($0)", "Which?", key: "The much longer correct option", others: ["Short", "Brief"]) })
        #expect(ItemWritingLint.findings(long).first { $0.rule == .longestOption }?.message.contains("4 of 4") == true)
        let even = Self.pack((0..<4).map { Self.choice("q\($0)", "Which?", key: "Short", others: ["The much longer wrong option", "Brief"]) })
        #expect(!Self.rules(even).contains(.longestOption))
    }

    @Test func aStemThatHoldsAnotherQuestionsKeyIsAGiveAway() {
        let pair = Self.pack([
            Self.choice("a", "Which technique estimates generalisation?", key: "k-fold cross-validation", others: ["Dropout", "Pruning"]),
            Self.choice("b", "Why does k-fold cross-validation repeat training?", key: "To average", others: ["To cache", "To sort"]),
        ])
        let finding = ItemWritingLint.findings(pair).first { $0.rule == .giveAway }
        #expect(finding?.message.contains("`b`") == true && finding?.message.contains("`a`") == true)
        #expect(finding?.pointer == "/questions/1", "the warning is at the question whose stem gives the answer away")
        #expect(finding?.notes == [ItemWritingLint.Note(pointer: "/questions/0", message: "`a` keys “k-fold cross-validation”")],
                "and a note is at the question it gives away")
        #expect(finding?.message.contains("k-fold cross-validation") == true)
        let apart = Self.pack([
            Self.choice("a", "Which technique estimates generalisation?", key: "k-fold cross-validation", others: ["Dropout", "Pruning"]),
            Self.choice("b", "Why does resampling repeat training?", key: "To average", others: ["To cache", "To sort"]),
        ])
        #expect(!Self.rules(apart).contains(.giveAway))
    }

    @Test func aDistinctiveTermOfAKeyInAnotherStemIsAGiveAway() {
        let pair = Self.pack([
            Self.choice("a", "What limits access?", key: "Authorisation policies", others: ["Firewalls", "Backups"]),
            Self.choice("b", "When is authorisation checked?", key: "On each request", others: ["At login only", "Never"]),
        ])
        #expect(ItemWritingLint.findings(pair).first { $0.rule == .giveAway }?.message.contains("“authorisation”") == true)
    }

    @Test func missingDifficultyAndDistractorFeedbackAreFlagged() {
        let bare = Self.pack([Self.choice("a", "Pick.", key: "Yes", others: ["No", "Maybe"], feedback: false, difficulty: false)])
        let findings = ItemWritingLint.findings(bare)
        #expect(findings.contains { $0.rule == .missingDifficulty && $0.message.contains("`a`") })
        #expect(findings.contains { $0.rule == .distractorFeedback && $0.message.contains("“No”") && $0.pointer == "/questions/0/options/1" })
        #expect(findings.allSatisfy { !$0.isError })
        let complete = Self.pack([Self.choice("a", "Pick.", key: "Yes", others: ["No", "Maybe"])])
        #expect(!Self.rules(complete).contains(.missingDifficulty))
        #expect(!Self.rules(complete).contains(.distractorFeedback))
    }
}
