import AttestCore
import AttestTestSupport
import Foundation
import Testing

@Suite("CompactQuestionCoding")
struct CompactQuestionCodingTests {
    /// One question of every kind and key shape, with every optional both present and absent.
    static let questions: [Question] = [
        Question(
            id: "single", skills: [SkillWeight(skill: "a", weight: 0.25), SkillWeight(skill: "b")], prompt: "Pick **one** é",
            kind: .singleChoice([Option(text: "x", correct: true, feedback: "yes"), Option(text: "y", correct: false)]),
            points: 2.5, difficulty: .hard, timeLimit: 30, explanation: "because", tags: ["t1", "t2"]),
        Question(
            id: "multiple", skills: [SkillWeight(skill: "a")], prompt: "",
            kind: .multipleChoice([Option(text: "x", correct: true), Option(text: "y", correct: true, feedback: "")])),
        Question(id: "tf", skills: [], prompt: "True?", kind: .trueFalse(answer: false), difficulty: .easy),
        Question(
            id: "text", skills: [SkillWeight(skill: "a")], prompt: String(repeating: "long ", count: 100),
            kind: .shortText(ShortTextKey(accept: ["café", "cafe"], ignoreDiacritics: true, pattern: "^c.f[eé]$"))),
        Question(id: "text-2", skills: [], prompt: "p", kind: .shortText(ShortTextKey(accept: []))),
        Question(
            id: "abs", skills: [], prompt: "p",
            kind: .numeric(NumericKey(target: .absolute(value: -0.1, tolerance: 1e-9), unit: "ms"))),
        Question(id: "rel", skills: [], prompt: "p", kind: .numeric(NumericKey(target: .relative(value: 1e300, tolerance: 0.01)))),
        Question(id: "range", skills: [], prompt: "p", kind: .numeric(NumericKey(target: .range(low: -.infinity, high: 3)))),
        Question(id: "order", skills: [], prompt: "p", kind: .ordering(["1", "2", "3"]), timeLimit: 0.5),
    ]

    @Test func everyKindRoundTrips() throws {
        for question in Self.questions {
            #expect(CompactQuestionCoding.decode(CompactQuestionCoding.encode(question)) == question)
        }
    }

    @Test func generatedAndShippedQuestionsRoundTrip() throws {
        let packs = ShippedPacks.paths.compactMap { path in
            FileManager.default.contents(atPath: path).flatMap { PackDecoder().decode(bytes: [UInt8]($0), file: path).pack }
        } + [try #require(GeneratedPack.make(questionCount: 120))]
        for question in packs.flatMap(\.questions) {
            #expect(CompactQuestionCoding.decode(CompactQuestionCoding.encode(question)) == question)
        }
    }

    @Test func anythingButOneWholeQuestionIsRefused() throws {
        for question in Self.questions {
            let data = CompactQuestionCoding.encode(question)
            for length in 0..<data.count {
                #expect(CompactQuestionCoding.decode(data.prefix(length)) == nil)
            }
            #expect(CompactQuestionCoding.decode(data + Data([0])) == nil)
        }
        var badKind = CompactQuestionCoding.encode(Self.questions[2])
        let kindOffset = 1 + "tf".utf8.count + 1 + 1 + "True?".utf8.count
        #expect(badKind[kindOffset] == 2)
        badKind[kindOffset] = 9
        #expect(CompactQuestionCoding.decode(badKind) == nil)
    }
}
