import AttestCore
import Foundation

/// The packs in the repository's `Assessments/` folder, decoded for tests that need
/// to know what a quiz will ask (e.g. to answer it correctly from a script).
public enum ShippedPacks {
    public static var directory: URL {
        AttestBinary.repositoryRoot.appendingPathComponent("Assessments")
    }

    /// Every shipped pack file path.
    public static var paths: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    /// The shipped pack with `id`, decoded (nil if missing or invalid).
    public static func pack(_ id: String) -> Pack? {
        let path = directory.appendingPathComponent(id + ".json").path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return PackDecoder().decode(bytes: [UInt8](data), file: path).pack
    }

    /// One line per question of `quiz` drawn with `seed`: the right answers, or wrong ones.
    /// On an exam with a decision rule, the questions its early stopping saves are left out, as the
    /// engine never shows them.
    public static func answers(pack: Pack, quiz: String, seed: UInt64, correct: Bool = true) throws -> [String] {
        guard let quiz = pack.quiz(quiz) else { return [] }
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: seed)
        // Parameterised questions are answered as the attempt's own instance asks them.
        let drawn = pack.instantiated(seed: plan.seed, questionIDs: plan.entries.map(\.questionID))
        let rule = quiz.mode == .exam ? quiz.decision : nil
        var asked: [Int: Int] = [:]
        var settled = Set<Int>()
        return plan.entries.compactMap { entry in
            guard let question = drawn.question(entry.questionID) else { return nil }
            if let section = entry.section, let rule, SectionDecision.skill(of: quiz.sections[section]) != nil {
                if settled.contains(section) { return nil }
                asked[section, default: 0] += 1
                let available = plan.entries.filter { $0.section == section }.count
                let answered = asked[section]!
                if rule.decide(right: correct ? answered : 0, answered: answered, available: available).isDecided {
                    settled.insert(section)
                }
            }
            let presented = PresentedQuestion(question: question, order: entry.order)
            return correct ? AnswerKey.correctInput(for: presented) : AnswerKey.wrongInput(for: presented)
        }
    }

    /// Installs in `sandbox`'s own pack folder the data-analytics pack as version 9.0.0 whose quick
    /// check is sat as a short exam: two sealed questions per skill, timed, no decision rule, so every
    /// question is asked. For tests of what an exam journals and resumes, which the shipped quick check
    /// (a practice quiz) and exam (which stops early) do not show plainly. `change` edits that quiz
    /// further. Returns the installed pack.
    @discardableResult
    public static func installShortExam(in sandbox: AttestSandbox, _ change: (inout [String: Any]) -> Void = { _ in }) throws -> Pack {
        let url = directory.appendingPathComponent("data-analytics.json")
        guard var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        json["version"] = "9.0.0"
        json["quizzes"] = (json["quizzes"] as? [[String: Any]])?.map { quiz in
            guard quiz["id"] as? String == shortExamID else { return quiz }
            var exam = quiz
            exam["mode"] = "exam"
            change(&exam)
            return exam
        }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
        let path = try sandbox.write(text, to: "data/attest/packs/data-analytics.json")
        guard let pack = PackDecoder().decode(bytes: Array(text.utf8), file: path).pack else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return pack
    }

    /// The quiz `installShortExam` turns into a short exam.
    public static let shortExamID = "data-analytics-quick-check"
}
