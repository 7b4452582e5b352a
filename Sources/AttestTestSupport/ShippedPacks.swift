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
    public static func answers(pack: Pack, quiz: String, seed: UInt64, correct: Bool = true) throws -> [String] {
        guard let quiz = pack.quiz(quiz) else { return [] }
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: seed)
        // Parameterised questions are answered as the attempt's own instance asks them.
        let drawn = pack.instantiated(seed: plan.seed, questionIDs: plan.entries.map(\.questionID))
        return plan.entries.compactMap { entry in
            guard let question = drawn.question(entry.questionID) else { return nil }
            let presented = PresentedQuestion(question: question, order: entry.order)
            return correct ? AnswerKey.correctInput(for: presented) : AnswerKey.wrongInput(for: presented)
        }
    }
}
