import AttestCore
import Foundation
import Testing

/// Options and ordering items that repeat or only look different are errors, found in linear time.
@Suite("DistinctTexts")
struct DistinctTextsTests {
    static func pack(options: [String], items: [String] = ["one", "two"]) -> [UInt8] {
        let optionJSON = options.enumerated().map { index, text in
            let escaped = String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast()
            return "{\"text\": \(escaped)\(index == 0 ? ", \"correct\": true" : "")}"
        }.joined(separator: ",")
        let itemJSON = String(decoding: try! JSONSerialization.data(withJSONObject: items), as: UTF8.self)
        let text = """
            {"format": 1, "id": "p", "version": "1.0.0", "title": "P", "skills": [{"id": "s", "name": "S"}],
             "questions": [
               {"id": "q", "type": "single", "skill": "s", "prompt": "Which?", "explanation": "x", "options": [\(optionJSON)]},
               {"id": "o", "type": "ordering", "skill": "s", "prompt": "Order", "explanation": "x", "items": \(itemJSON)}],
             "quizzes": [{"id": "z", "title": "Z", "mode": "practice", "sections": [{"from": {"skills": ["s"]}}]}]}
            """
        return Array(text.utf8)
    }

    @Test func lookAlikeOptionsAndItemsAreReported() {
        let result = PackDecoder().decode(
            bytes: Self.pack(options: ["This one", "This one\u{200B}", "\u{0422}his one", "THIS  ONE", "Other"],
                             items: ["first", "f\u{0456}rst", "second"]),
            file: "p.json")
        let messages = result.errors.map { "\($0.path): \($0.message)" }
        #expect(messages.contains("/questions/0/options/1/text: option text looks the same as option 0 (it differs only in invisible or look-alike characters)"), "\(messages)")
        #expect(messages.contains("/questions/0/options/2/text: option text looks the same as option 0 (it differs only in invisible or look-alike characters)"))
        #expect(messages.contains("/questions/0/options/3/text: duplicate option text (same as option 0)"))
        #expect(messages.contains("/questions/1/items/1: item looks the same as item 0 (it differs only in invisible or look-alike characters)"))
        #expect(result.pack == nil)
    }

    @Test func distinctScriptsStayDistinct() {
        let result = PackDecoder().decode(bytes: Self.pack(options: ["Москва", "Moscow", "Αθήνα", "Athens", "東京"]), file: "p.json")
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description))")
    }

    /// 100,000 options: refused past the cap, and every repeat still found (pairwise, this took two minutes).
    @Test func aHugeOptionListIsCappedAndCheckedInOnePass() {
        var options = (0..<100_000).map { "option \($0)" }
        options[99_999] = "OPTION 5"
        let result = PackDecoder().decode(bytes: Self.pack(options: options), file: "p.json")
        let messages = result.errors.map(\.message)
        #expect(messages.contains("a choice question has at most \(PackLimits.options) options, found 100000"))
        #expect(messages.contains("duplicate option text (same as option 5)"))
    }
}
