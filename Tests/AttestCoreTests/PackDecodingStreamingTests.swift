import AttestCore
import Testing

/// The questions of a pack are decoded while they are parsed when the skills come first, and
/// from the whole tree otherwise; both must report exactly the same problems.
@Suite("PackDecoding+Streaming")
struct PackDecodingStreamingTests {
    private static let skills = #""skills": [{"id": "s", "name": "S"}, {"id": "t", "name": "T"}]"#
    private static let questions = #"""
        "questions": [
          {"id": "q1", "type": "single", "skill": "s", "prompt": "Pick", "explaination": "x",
           "options": [{"text": "A", "correct": true}, {"text": " a "}]},
          {"id": "q1", "type": "true-false", "skill": "nope", "prompt": "Tru\u001be?", "answer": true},
          {"id": "q3", "type": "numeric", "skills": {"s": 1, "t": 0}, "prompt": "N", "answer": 1, "tolerance": -1},
          {"id": "q4", "type": "ordering", "skill": "t", "prompt": "O", "items": ["x", "X"], "explanation": "e"}
        ]
        """#

    private static func pack(_ members: [String]) -> [UInt8] {
        Array(("{\n" + members.joined(separator: ",\n") + "\n}\n").utf8)
    }

    private static let head = [#""format": 1"#, #""id": "p""#, #""version": "1.0.0""#, #""title": "T""#]

    /// Diagnostics without their positions (which move when members are reordered).
    private static func unlocated(_ result: PackLoadResult) -> [String] {
        result.diagnostics.map { "\($0.severity) \($0.path) \($0.message) \($0.hint ?? "")" }.sorted()
    }

    @Test func streamedAndTreeDecodingReportTheSameProblems() {
        let streamed = PackDecoder().decode(bytes: Self.pack(Self.head + [Self.skills, Self.questions]), file: "a.json")
        let fromTree = PackDecoder().decode(bytes: Self.pack(Self.head + [Self.questions, Self.skills]), file: "b.json")
        #expect(streamed.pack == nil)
        #expect(Self.unlocated(streamed) == Self.unlocated(fromTree))
        #expect(streamed.errors.map(\.path) == [
            "/questions/0/explaination", "/questions/0/options/1/text", "/questions/1/id", "/questions/1/skill",
            "/questions/1/prompt", "/questions/2/skills/t", "/questions/2/tolerance", "/questions/3/items/1",
        ])
    }

    @Test func aControlCharacterComesFirstAmongProblemsAtTheSamePlace() {
        let questions = #""questions": [{"id": "Q\u0007", "type": "true-false", "skill": "s", "prompt": "P", "answer": true}]"#
        let result = PackDecoder().decode(bytes: Self.pack(Self.head + [Self.skills, questions]), file: "c.json")
        #expect(result.errors.map(\.description) == [
            "c.json:7:22: error: id contains a control character U+0007 (BEL): control characters are not allowed [/questions/0/id]",
            "c.json:7:22: error: `id` \"Q\u{7}\" is not a slug [/questions/0/id] (use lowercase letters and digits in hyphen-separated words, at most 64 characters)",
        ])
    }

    @Test func anUnsupportedFormatAfterTheQuestionsDropsTheirProblems() {
        let questions = #""questions": [{"id": "Bad\u0007", "type": "nope", "skill": "s", "prompt": "P"}]"#
        let result = PackDecoder().decode(bytes: Self.pack([Self.skills, questions, #""format": 7"#]), file: "f.json")
        #expect(result.errors.map(\.message) == [
            "id contains a control character U+0007 (BEL): control characters are not allowed",
            "format 7 is not supported; this Attest reads format 1",
        ])
    }

    @Test func repeatedQuestionsAreDecodedFromTheLastOne() {
        let first = #""questions": [{"id": "BAD"}]"#
        let last = #""questions": [{"id": "q", "type": "true-false", "skill": "s", "prompt": "P", "answer": true, "explanation": "e"}]"#
        let result = PackDecoder().decode(bytes: Self.pack(Self.head + [Self.skills, first, last]), file: "r.json")
        #expect(result.errors.map(\.description) == ["r.json:8:1: error: field `questions` appears more than once [/questions]"])
    }

    @Test func anEmptyStreamedQuestionListIsReported() {
        let result = PackDecoder().decode(bytes: Self.pack(Self.head + [Self.skills, #""questions": []"#]), file: "e.json")
        #expect(result.errors.map(\.description) == ["e.json:7:14: error: a pack needs at least one question [/questions]"])
    }

    @Test func aSyntaxErrorAfterStreamedQuestionsIsTheOnlyDiagnostic() {
        let bytes = Self.pack(Self.head + [Self.skills, Self.questions, #""quizzes": [,]"#])
        let result = PackDecoder().decode(bytes: bytes, file: "s.json")
        #expect(result.diagnostics.map(\.message) == ["expected a JSON value, found ','"])
    }
}
