import AttestCore
import AttestScheduling
import Foundation

/// A plan to a pack's credential exam for one learner: what `ExamPlanner` needs, read from the pack and the
/// learner's memory, and the forecast kept in the store for `progress`.
struct StudyPlan {
    /// Seconds assumed for a question nobody has timed yet.
    static let untimedSeconds = 60.0
    /// No question is planned at less than this (reading it takes that long; scripted runs time near zero).
    static let minimumSeconds = 5.0

    let pack: Pack
    let exam: Quiz
    let items: [ExamPlanner.Item]
    /// Questions with a measured answer time, and their mean.
    let timedCount: Int
    let meanSeconds: Double

    /// The exam a pack's credential requires (its first credential naming one), else its first exam quiz.
    static func exam(of pack: Pack) -> Quiz? {
        let required = pack.credentials.lazy.flatMap(\.criteria.quizzes).compactMap { pack.quiz($0) }.first { $0.mode == .exam }
        return required ?? pack.quizzes.first { $0.mode == .exam }
    }

    init(pack: Pack, exam: Quiz, ledger: MemoryLedger) {
        self.pack = pack
        self.exam = exam
        var weights: [MemoryItem: Double] = [:]
        var skills: [MemoryItem: [String]] = [:]
        var order: [MemoryItem] = []
        let questions = pack.questionsByID()
        for section in exam.sections {
            // The exam's own questions may be sealed: the plan reviews the questions practice may show from the
            // same section (its skills or tags), each weighted by the share of the exam pool one sitting draws.
            let examPool = section.poolQuestionIDs(in: pack, mode: .exam).filter { questions[$0] != nil }
            let pool = section.poolQuestionIDs(in: pack, mode: .practice).filter { questions[$0] != nil }
            guard !pool.isEmpty, !examPool.isEmpty else { continue }
            let share = Double(min(section.count ?? examPool.count, examPool.count)) / Double(examPool.count)
            for id in pool {
                let item = MemoryItem(packID: pack.id, key: LearnerScheduling.keying.key(pack.id, id))
                if weights[item] == nil { order.append(item) }
                weights[item, default: 0] += share
                skills[item, default: []].append(contentsOf: questions[id]?.skillIDs ?? [])
            }
        }
        let timed = order.compactMap { ledger.items[$0] }.filter { $0.state.reviews > 0 && $0.seconds > 0 }
        timedCount = timed.count
        meanSeconds = timed.isEmpty
            ? Self.untimedSeconds : max(Self.minimumSeconds, timed.reduce(0) { $0 + $1.meanSeconds } / Double(timed.count))
        let fallback = meanSeconds
        items = order.map { item in
            let measured = ledger.items[item].flatMap { $0.seconds > 0 ? max(Self.minimumSeconds, $0.meanSeconds) : nil }
            return ExamPlanner.Item(item: item, skills: Array(Set(skills[item] ?? [])).sorted(), examWeight: weights[item] ?? 0, seconds: measured ?? fallback)
        }
    }

    /// What `progress` shows while a plan exists: the exam date, the budget and the forecast.
    struct Forecast: Codable, Equatable {
        var examID: String
        var by: String
        var minutesPerDay: Int
        var score: Double
        var readiness: [String: Double]
    }

    static func forecastKey(learner: String, packID: String) -> String {
        "scheduling.plan." + learner + "." + packID
    }
}
