import AttestCore
import Foundation
import Testing

/// Every figure of `ItemAnalysis` against values computed independently with numpy/scipy
/// (`Fixtures/item-analysis/analyse.py`, whose output is committed as `expected.json`).
@Suite("ItemAnalysis")
struct ItemAnalysisTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/item-analysis")

    static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func pack() throws -> Pack {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("pack.json")))
        return try #require(PackDecoder().decode(bytes: bytes, file: "pack.json").pack)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }

    /// A field of the fixture, of the expected type.
    static func field<T>(_ object: [String: Any], _ key: String, as type: T.Type = T.self) throws -> T {
        guard let value = object[key] as? T else { throw FixtureError(description: "fixture field \(key) is missing or not \(T.self)") }
        return value
    }

    /// The fixture's attempts in the shape the store exports.
    static func attempts() throws -> [AnalysisAttempt] {
        let root = try #require(try json("attempts.json") as? [String: Any])
        let list: [[String: Any]] = try field(root, "attempts")
        return try list.map { item in
            let id: String = try field(item, "id")
            let started = Date(timeIntervalSince1970: try field(item, "started", as: Double.self))
            var clock = started
            let responses = try field(item, "responses", as: [[String: Any]].self).map { r -> ResponseRecord in
                let shown = clock
                clock = shown.addingTimeInterval(try field(r, "duration", as: Double.self))
                guard let outcome = ResponseOutcome(rawValue: try field(r, "outcome")) else {
                    throw FixtureError(description: "bad outcome")
                }
                return ResponseRecord(
                    attemptID: id, position: try field(r, "position"), questionID: try field(r, "question"), outcome: outcome,
                    given: r["given"] as? String, selection: r["selection"] as? [Int], score: try field(r, "score"),
                    points: try field(r, "points"), maxPoints: try field(r, "maxPoints"),
                    skills: [SkillWeight(skill: "general")], difficulty: .medium, shownAt: shown, answeredAt: clock)
            }
            guard let status = AttemptStatus(rawValue: try field(item, "status")) else {
                throw FixtureError(description: "bad status")
            }
            let record = AttemptRecord(
                id: id, learner: try field(item, "learner"), packID: "item-analysis", packVersion: "1.0.0", packHash: "",
                quizID: try field(item, "quiz"), mode: .exam, seed: 1, questionIDs: try field(item, "questions"),
                startedAt: started, endedAt: clock, status: status)
            return AnalysisAttempt(attempt: record, responses: responses)
        }
    }

    static func close(_ actual: Double?, _ expected: Any?, _ what: String, tolerance: Double = 1e-9) {
        guard let expected = expected as? Double else {
            #expect(actual == nil, "\(what): expected nil, got \(String(describing: actual))")
            return
        }
        guard let actual else {
            Issue.record("\(what): expected \(expected), got nil")
            return
        }
        #expect(abs(actual - expected) <= tolerance * max(1, abs(expected)), "\(what): \(actual) vs numpy \(expected)")
    }

    @Test(arguments: AttemptPick.allCases)
    func figuresMatchNumpy(pick: AttemptPick) throws {
        let expectedAll = try #require(try Self.json("expected.json") as? [String: Any])
        let expected = try #require(expectedAll[pick.rawValue] as? [String: Any])
        let analysis = ItemAnalysis(pack: try Self.pack(), quizID: "ia-exam", attempts: try Self.attempts(), pick: pick)
        let test = try #require(expected["test"] as? [String: Any])
        #expect(analysis.test.attempts == test["attempts"] as? Int)
        #expect(analysis.test.submittedAttempts == test["submittedAttempts"] as? Int)
        #expect(analysis.test.sameQuestions)
        Self.close(analysis.test.mean, test["mean"], "mean")
        Self.close(analysis.test.median, test["median"], "median")
        Self.close(analysis.test.standardDeviation, test["standardDeviation"], "SD")
        Self.close(analysis.test.skewness, test["skewness"], "skewness")
        Self.close(analysis.test.kurtosis, test["kurtosis"], "kurtosis")
        Self.close(analysis.test.alpha, test["alpha"], "alpha")
        Self.close(analysis.test.errorRatio, test["errorRatio"], "error ratio")
        Self.close(analysis.test.standardError, test["standardError"], "standard error")
        let questions = try #require(expected["questions"] as? [[String: Any]])
        #expect(analysis.questions.map(\.questionID) == questions.compactMap { $0["id"] as? String })
        for (stat, item) in zip(analysis.questions, questions) {
            let id = stat.questionID
            #expect(stat.attempts == item["attempts"] as? Int)
            Self.close(stat.facility, item["facility"], "\(id) facility")
            Self.close(stat.standardDeviation, item["standardDeviation"], "\(id) SD")
            Self.close(stat.randomGuessScore, item["randomGuessScore"], "\(id) random guess")
            Self.close(stat.intendedWeight, item["intendedWeight"], "\(id) intended weight")
            Self.close(stat.effectiveWeight, item["effectiveWeight"], "\(id) effective weight")
            Self.close(stat.discrimination, item["discrimination"], "\(id) discrimination")
            Self.close(stat.discriminativeEfficiency, item["discriminativeEfficiency"], "\(id) efficiency")
            // Durations go through `Date` (about 0.1 µs resolution at these timestamps).
            Self.close(stat.medianDuration, item["medianDuration"], "\(id) median duration", tolerance: 1e-6)
            let options = try #require(item["options"] as? [[String: Any]])
            #expect(stat.options.count == options.count)
            for (option, reference) in zip(stat.options, options) {
                #expect(option.index == reference["index"] as? Int)
                #expect(option.chosen == reference["chosen"] as? Int, "\(id) option \(option.index) chosen")
                Self.close(option.topThird, reference["topThird"], "\(id) option \(option.index) top third")
                Self.close(option.bottomThird, reference["bottomThird"], "\(id) option \(option.index) bottom third")
            }
            #expect(stat.flags.map(\.kind.rawValue) == item["flags"] as? [String], "\(id) flags")
        }
    }

    /// Proves `expected.json` is what the committed script prints today.
    @Test func expectedJSONIsCurrent() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import numpy, scipy"]
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            print("SKIP ItemAnalysis.expectedJSONIsCurrent: python3 cannot be started (\(error.localizedDescription))")
            return
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            print("SKIP ItemAnalysis.expectedJSONIsCurrent: python3 lacks numpy or scipy")
            return
        }
        let run = Process()
        run.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        run.arguments = ["python3", Self.folder.appendingPathComponent("analyse.py").path]
        let pipe = Pipe()
        run.standardOutput = pipe
        try run.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        let fresh = try JSONSerialization.jsonObject(with: output)
        let committed = try Self.json("expected.json")
        #expect(Self.differences(fresh, committed).isEmpty, "\(Self.differences(fresh, committed).prefix(5))")
    }

    /// Where two JSON values differ; numbers agree within 1e-12 relative, since numpy and scipy releases differ
    /// in the last binary digit of the same statistic.
    static func differences(_ fresh: Any, _ committed: Any, at path: String = "$") -> [String] {
        switch (fresh, committed) {
        case let (a as [String: Any], b as [String: Any]):
            return Set(a.keys).union(b.keys).sorted().flatMap { key -> [String] in
                guard let x = a[key], let y = b[key] else { return ["\(path).\(key): only in one"] }
                return differences(x, y, at: "\(path).\(key)")
            }
        case let (a as [Any], b as [Any]):
            guard a.count == b.count else { return ["\(path): \(a.count) vs \(b.count) elements"] }
            return zip(a, b).enumerated().flatMap { differences($1.0, $1.1, at: "\(path)[\($0)]") }
        case let (a as NSNumber, b as NSNumber) where !(a is Bool) && !(b is Bool):
            let x = a.doubleValue, y = b.doubleValue
            return abs(x - y) <= 1e-12 * max(1, abs(x), abs(y)) ? [] : ["\(path): \(x) vs \(y)"]
        default:
            return (fresh as? NSObject) == (committed as? NSObject) ? [] : ["\(path): \(fresh) vs \(committed)"]
        }
    }

    @Test func figuresNeedTheirMinimumAttempts() throws {
        let pack = try Self.pack()
        let all = try Self.attempts().filter { $0.attempt.quizID == "ia-exam" && $0.attempt.status == .completed }
        let three = Array(all.prefix(3))
        let analysis = ItemAnalysis(pack: pack, quizID: "ia-exam", attempts: three)
        #expect(analysis.test.attempts == 3)
        #expect(analysis.test.standardDeviation != nil)
        #expect(analysis.test.skewness != nil)
        #expect(analysis.test.kurtosis == nil)
        #expect(analysis.questions.allSatisfy { $0.discrimination == nil && $0.discriminativeEfficiency == nil && $0.flags.isEmpty })
        #expect(analysis.questions.allSatisfy { $0.options.allSatisfy { $0.topThird == nil } })
        let one = ItemAnalysis(pack: pack, quizID: "ia-exam", attempts: Array(all.prefix(1)))
        #expect(one.test.mean != nil && one.test.standardDeviation == nil && one.test.alpha == nil)
        let none = ItemAnalysis(pack: pack, quizID: "ia-exam", attempts: [])
        #expect(none.test.mean == nil && none.questions.isEmpty)
    }

    @Test func randomGuessForMultipleMatchesEnumeration() {
        // k = 2 correct, w = 2 wrong: 15 non-empty subsets whose clamped scores sum to 3 (worked out in the guide).
        #expect(abs(RandomGuess.multipleChoiceExpectedScore(correct: 2, wrong: 2) - 3.0 / 15.0) < 1e-12)
        // Every option correct: the mean of i/k over non-empty subsets of 3 is (3·1/3 + 3·2/3 + 1) / 7 = 4/7.
        #expect(abs(RandomGuess.multipleChoiceExpectedScore(correct: 3, wrong: 0) - 4.0 / 7.0) < 1e-12)
        #expect(RandomGuess.expectedScore(for: .trueFalse(answer: true)) == 0.5)
        #expect(RandomGuess.expectedScore(for: .ordering(["a", "b", "c"])) == 0.5)
        #expect(RandomGuess.expectedScore(for: .shortText(ShortTextKey(accept: ["x"]))) == 0)
    }
}
