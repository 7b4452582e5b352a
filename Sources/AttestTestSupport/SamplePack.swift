import AttestCore
import Foundation

/// A small in-code pack with every question type, two skills and two quizzes, for tests.
public enum SamplePack {
    public static func make() -> Pack {
        let questions: [Question] = [
            Question(
                id: "sql-select", skills: [SkillWeight(skill: "sql")], prompt: "Which clause filters rows?",
                kind: .singleChoice([
                    Option(text: "ORDER BY", correct: false, feedback: "That sorts."),
                    Option(text: "WHERE", correct: true),
                    Option(text: "GROUP BY", correct: false),
                    Option(text: "LIMIT", correct: false),
                ]), difficulty: .easy, explanation: "WHERE filters rows before grouping."),
            Question(
                id: "sql-aggregates", skills: [SkillWeight(skill: "sql")], prompt: "Which are aggregate functions?",
                kind: .multipleChoice([
                    Option(text: "COUNT", correct: true),
                    Option(text: "SUM", correct: true),
                    Option(text: "UPPER", correct: false, feedback: "UPPER works on one value."),
                    Option(text: "AVG", correct: true),
                    Option(text: "TRIM", correct: false),
                ]), points: 2, difficulty: .medium, explanation: "COUNT, SUM and AVG aggregate."),
            Question(
                id: "sql-null", skills: [SkillWeight(skill: "sql")], prompt: "`NULL = NULL` is true.",
                kind: .trueFalse(answer: false), difficulty: .easy, explanation: "It is unknown."),
            Question(
                id: "sql-order", skills: [SkillWeight(skill: "sql", weight: 2), SkillWeight(skill: "stats")],
                prompt: "Order the clauses as written.",
                kind: .ordering(["SELECT", "FROM", "WHERE", "GROUP BY"]), difficulty: .hard,
                explanation: "SELECT, FROM, WHERE, GROUP BY."),
            Question(
                id: "stats-mean", skills: [SkillWeight(skill: "stats")], prompt: "Mean of 1, 2, 3, 6?",
                kind: .numeric(NumericKey(target: .absolute(value: 3, tolerance: 0))), explanation: "12 / 4 = 3."),
            Question(
                id: "stats-median", skills: [SkillWeight(skill: "stats")], prompt: "Name the middle value.",
                kind: .shortText(ShortTextKey(accept: ["median", "the median"], ignoreDiacritics: true)),
                difficulty: .easy, timeLimit: 20, explanation: "The median is the middle value.", tags: ["terms"]),
            Question(
                id: "stats-sd", skills: [SkillWeight(skill: "stats")], prompt: "SD of a constant sample?",
                kind: .numeric(NumericKey(target: .range(low: -0.001, high: 0.001))), difficulty: .hard,
                explanation: "No spread.", tags: ["terms"]),
            Question(
                id: "stats-mode", skills: [SkillWeight(skill: "stats")], prompt: "Most frequent value?",
                kind: .shortText(ShortTextKey(accept: ["mode"], pattern: "(the )?modes?")), explanation: "The mode."),
        ]
        let quizzes = [
            Quiz(
                id: "mixed-exam", title: "Mixed exam", mode: .exam,
                sections: [
                    QuizSection(title: "SQL", pool: .skills(["sql"]), count: 3),
                    QuizSection(title: "Stats", pool: .skills(["stats"]), count: 3),
                ], timeLimit: 600, questionTimeLimit: 60),
            Quiz(
                id: "stats-practice", title: "Stats practice", mode: .practice,
                sections: [QuizSection(pool: .skills(["stats"]))], allowBack: true),
        ]
        return Pack(
            id: "sample", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "Sample",
            skills: [Skill(id: "sql", name: "SQL"), Skill(id: "stats", name: "Statistics")],
            questions: questions, quizzes: quizzes)
    }
}
