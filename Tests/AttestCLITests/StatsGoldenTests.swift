import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// Pins `attest stats` byte for byte (table, CSV and JSON, every `--pick`, a pack and a quiz) over a store of
/// 240 generated attempts: several per learner, every status, superseded answers, missing positions, skipped and
/// timed-out responses, choice selections, and a question the pack no longer has.
///
/// Set `ATTEST_RECORD_STATS_GOLDEN=1` to rewrite the expected files after an intended change to the report.
@Suite("StatsGolden")
struct StatsGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/stats-golden")

    static let cases: [(name: String, arguments: [String])] = [
        ("pack-first.txt", ["data-analytics"]),
        ("pack-best.txt", ["data-analytics", "--pick", "best"]),
        ("pack-last.csv", ["data-analytics", "--pick", "last", "--csv"]),
        ("pack-first.csv", ["data-analytics", "--csv"]),
        ("pack-best.json", ["data-analytics", "--pick", "best", "--json"]),
        ("quiz-first.txt", ["data-analytics/data-analytics-exam"]),
        ("quiz-last.json", ["data-analytics-exam", "--pick", "last", "--json"]),
    ]

    @Test(arguments: cases.map(\.name))
    func outputIsPinned(name: String) throws {
        let arguments = try #require(Self.cases.first { $0.name == name }).arguments
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-stats-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pack = try #require(ShippedPacks.pack("data-analytics"))
        let storePath = folder.appendingPathComponent("store.sqlite").path
        try AttestDatabase.open(path: storePath).importAttempts(Self.classAttempts(pack))
        let (console, output) = Console.capture(width: 100)
        let context = AppContext(
            console: console, environment: [:], storePath: storePath, learner: "teacher",
            extraPackDirectories: [ShippedPacks.directory.path], bundledPacks: nil)
        let command = try StatsCommand.parse(arguments)
        try AppContext.$current.withValue(context) { try command.run() }
        let expectedURL = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ATTEST_RECORD_STATS_GOLDEN"] == "1" {
            try Data(output.standardOutput.utf8).write(to: expectedURL)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(Array(output.standardOutput.utf8) == Array(expected.utf8))
        #expect(output.standardError.isEmpty)
    }

    /// A class of 90 learners with 1...4 attempts each at the pack's quizzes, drawn from a fixed seed.
    static func classAttempts(_ pack: Pack) -> [RecordedAttempt] {
        var random = SeededGenerator(seed: 20_261_129)
        let statuses: [AttemptStatus] = [.completed, .completed, .completed, .timedOut, .abandoned, .inProgress, .interrupted]
        let outcomes: [ResponseOutcome] = [.answered, .answered, .answered, .answered, .answered, .skipped, .timedOut]
        let skills = [SkillWeight(skill: "sql", weight: 1)]
        var attempts: [RecordedAttempt] = []
        for learnerIndex in 0..<90 {
            let learner = "learner-\(learnerIndex)"
            let ability = Double(random.nextInt(below: 100)) / 100
            for attemptIndex in 0..<(1 + random.nextInt(below: 4)) {
                let quiz = pack.quizzes[random.nextInt(below: pack.quizzes.count)]
                var questions = pack.questions
                questions.seededShuffle(using: &random)
                var ids = questions.prefix(6 + random.nextInt(below: 3)).map(\.id)
                if quiz.id == "data-analytics-exam" {
                    ids = pack.questions.prefix(8).map(\.id)
                } else if random.nextInt(below: 10) == 0 {
                    ids.append("retired-question")
                }
                let id = "att-\(learnerIndex)-\(attemptIndex)"
                let start = 1_800_000_000 + Double(learnerIndex * 10_000 + attemptIndex * 1_000) + Double(random.nextInt(below: 8)) / 4
                var clock = start
                var responses: [ResponseRecord] = []
                for (position, questionID) in ids.enumerated() where random.nextInt(below: 12) != 0 {
                    for _ in 0..<(random.nextInt(below: 6) == 0 ? 2 : 1) {
                        let question = pack.question(questionID)
                        let outcome = outcomes[random.nextInt(below: outcomes.count)]
                        let maxPoints = question?.points ?? 1
                        let right = outcome == .answered && Double(random.nextInt(below: 100)) / 100 < ability
                        let score = right ? 1 : (outcome == .answered && random.nextInt(below: 5) == 0 ? 0.5 : 0)
                        var selection: [Int]?
                        switch question?.kind {
                        case let .singleChoice(options)?, let .multipleChoice(options)?:
                            if outcome == .answered {
                                selection = Array(Set((0..<(1 + random.nextInt(below: 2))).map { _ in
                                    random.nextInt(below: options.count)
                                })).sorted()
                            }
                        default: break
                        }
                        let shown = clock
                        clock += Double(5 + random.nextInt(below: 120)) / 4
                        responses.append(ResponseRecord(
                            attemptID: id, position: position, questionID: questionID, outcome: outcome,
                            given: outcome == .answered ? "answer \(position)" : nil, selection: selection, score: score,
                            points: score * maxPoints, maxPoints: maxPoints, skills: skills, difficulty: .medium,
                            shownAt: Date(timeIntervalSince1970: shown), answeredAt: Date(timeIntervalSince1970: clock)))
                    }
                }
                let status = statuses[random.nextInt(below: statuses.count)]
                attempts.append(RecordedAttempt(
                    attempt: AttemptRecord(
                        id: id, learner: learner, packID: pack.id, packVersion: pack.version.description, packHash: "",
                        quizID: quiz.id, mode: .exam, seed: UInt64(learnerIndex), questionIDs: ids,
                        startedAt: Date(timeIntervalSince1970: start),
                        endedAt: status == .inProgress ? nil : Date(timeIntervalSince1970: clock), status: status),
                    responses: responses))
            }
        }
        return attempts
    }
}
