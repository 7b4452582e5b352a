import AttestCore
import Foundation
import Testing

/// Every number a pack holds, swept through extreme values: nothing traps, a number that becomes a
/// duration, a date, a count or an index is refused past its limit with a located error, and a pack
/// that loads can be planned and measured (a `timeLimit` of 1e19 once loaded and crashed `attest packs`).
@Suite("PackLimits")
struct PackLimitsTests {
    /// The JSON Pointers of every numeric field of the sample pack (some added for the sweep), and
    /// whether the field is bounded (a duration, date, count or index) rather than a free value.
    static let numericFields: [(pointer: String, bounded: Bool)] = [
        ("/format", true), ("/levels/developing", true), ("/questions/0/points", true), ("/questions/0/timeLimit", true),
        ("/questions/4/answer", false), ("/questions/4/tolerance", false), ("/questions/5/range/0", false),
        ("/questions/5/range/1", false), ("/questions/5/timeLimit", true), ("/questions/5/skills/stats", true),
        ("/quizzes/1/timeLimit", true), ("/quizzes/1/questionTimeLimit", true), ("/quizzes/1/passThreshold", true),
        ("/quizzes/1/skillThresholds/stats", true), ("/quizzes/1/sections/0/draw", true), ("/credentials/0/validForDays", true),
    ]

    /// Written into the JSON text as is: JSON has no NaN or Infinity and 1e400 overflows a Double, so the
    /// parser must refuse those; the rest are numbers JSON allows.
    static let extremes = [
        "0", "-0", "-1", "0.5", "5e-324", "1e19", "-1e19", "1e300", "1e308", "-1e308", "9007199254740993",
        "1e400", "-1e400", "NaN", "Infinity", "-Infinity",
    ]

    static func pack(setting pointer: String, to number: String) throws -> [UInt8] {
        let url = Fixtures.validDirectory.appendingPathComponent("sample.json")
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        root["$schema"] = nil
        let placeholder = "@@number@@"
        root = try #require(set(root, path: pointer.split(separator: "/").map(String.init), placeholder) as? [String: Any])
        let text = String(decoding: try JSONSerialization.data(withJSONObject: root, options: .sortedKeys), as: UTF8.self)
        return Array(text.replacingOccurrences(of: "\"\(placeholder)\"", with: number).utf8)
    }

    private static func set(_ value: Any, path: [String], _ new: Any) -> Any {
        guard let key = path.first else { return new }
        if var array = value as? [Any], let index = Int(key) {
            array[index] = set(array[index], path: Array(path.dropFirst()), new)
            return array
        }
        var object = value as? [String: Any] ?? [:]
        object[key] = set(object[key] as Any, path: Array(path.dropFirst()), new)
        return object
    }

    @Test(arguments: numericFields.map(\.pointer))
    func extremeValuesNeverTrapAndBoundedOnesAreRefusedPastTheirLimit(pointer: String) throws {
        let bounded = try #require(Self.numericFields.first { $0.pointer == pointer }).bounded
        for number in Self.extremes {
            let result = PackDecoder().decode(bytes: try Self.pack(setting: pointer, to: number), file: "sweep.json")
            if ["1e400", "-1e400", "NaN", "Infinity", "-Infinity"].contains(number) {
                #expect(result.pack == nil && !result.errors.isEmpty, "\(pointer) = \(number) is not JSON")
                continue
            }
            if bounded, ["1e19", "-1e19", "1e300", "1e308", "-1e308"].contains(number) {
                #expect(result.pack == nil, "\(pointer) = \(number) must be refused")
                #expect(result.errors.contains { $0.path == pointer && $0.line > 0 }, "\(pointer) = \(number): \(result.errors.map(\.description))")
            }
            guard let pack = result.pack else { continue }
            for question in pack.questions {
                #expect(question.points <= PackLimits.points && (question.timeLimit ?? 0) <= PackLimits.questionTimeLimit)
                #expect(question.skills.allSatisfy { $0.weight <= PackLimits.skillWeight })
            }
            for quiz in pack.quizzes {
                #expect((quiz.timeLimit ?? 0) <= PackLimits.quizTimeLimit)
                #expect((quiz.questionTimeLimit ?? 0) <= PackLimits.questionTimeLimit)
                _ = try QuizPlan(pack: pack, quiz: quiz, seed: 1)
                _ = PackStatistics.estimatedSeconds(for: quiz, in: pack)
            }
            _ = PackStatistics(pack: pack)
        }
    }

    /// The hostile packs of issue #12, kept as fuzz seeds, are tests too: each is refused with located errors.
    @Test func theHostileFuzzSeedsAreRefused() throws {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Fuzz/Corpus/pack-loader")
        let seeds = try Fixtures.jsonFiles(in: folder).filter { $0.lastPathComponent.hasPrefix("hostile-") }
        #expect(seeds.count == 4)
        for seed in seeds {
            let result = PackDecoder().decode(bytes: try Fixtures.bytes(seed), file: seed.lastPathComponent)
            #expect(result.pack == nil && result.errors.allSatisfy { $0.line > 0 }, "\(seed.lastPathComponent)")
            #expect(result.errors.contains { $0.message.contains("at most") || $0.message.contains("looks the same") },
                    "\(seed.lastPathComponent): \(result.errors.map(\.description))")
        }
    }

    @Test func theLimitsAreTheDocumentedOnes() throws {
        #expect(PackLimits.questionTimeLimit == 86_400 && PackLimits.quizTimeLimit == 604_800)
        let schema = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Assessments/schema/attest-pack-v1.schema.json"), encoding: .utf8)
        for limit in ["\"maximum\": 86400", "\"maximum\": 604800", "\"maximum\": 1000000", "\"maximum\": 36525", "\"maxItems\": 1000"] {
            #expect(schema.contains(limit), "the JSON Schema states \(limit)")
        }
        let docs = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/pack-format.md"), encoding: .utf8)
        #expect(docs.contains("at most 86,400 (one day)") && docs.contains("at most 604,800 (one week)"))
    }

    @Test func theLookAlikeSkeletonIgnoresInvisibleAndMixedScriptCharacters() {
        let plain = LookAlike.skeleton("This one")
        for variant in ["This one\u{200B}", "\u{0422}his one", "This\u{00A0}one", "Th\u{0456}s \u{043E}ne", "\u{FF34}his one", "This one\u{202E}"] {
            #expect(LookAlike.skeleton(variant) == plain, "\(variant.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(LookAlike.skeleton("That one") != plain)
        #expect(LookAlike.skeleton("Привет") == LookAlike.skeleton("Пpивет"), "a Latin p among Cyrillic letters")
    }
}
