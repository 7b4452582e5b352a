import AttestCore
import Foundation
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8)).root
    }

    private func failure(_ text: String) -> JSONSyntaxError? {
        failure(Array(text.utf8))
    }

    private func failure(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func valuesKeepTheirOffsetsAndKeyOrder() throws {
        let root = try parse(#"{ "b": [1, true, null], "a": {"x": "y"} }"#)
        let object = try #require(root.objectValue)
        #expect(root.offset == 0)
        #expect(object.members.map(\.key) == ["b", "a"])
        #expect(object.members.map(\.keyOffset) == [2, 24])
        let items = try #require(object["b"]?.arrayValue)
        #expect(items.map(\.offset) == [8, 11, 17])
        #expect(items[0].kind == .number(1))
        #expect(items[1].kind == .bool(true))
        #expect(items[2].kind == .null)
        #expect(object["a"]?.objectValue?["x"]?.stringValue == "y")
        #expect(object["a"]?.offset == 29)
        #expect(!object.hasDuplicateKeys)
    }

    @Test func duplicateKeysAreFlagged() throws {
        let object = try #require(try parse(#"{"a": 1, "b": 2, "a": 3}"#).objectValue)
        #expect(object.hasDuplicateKeys)
        #expect(object.duplicateMembers.map(\.keyOffset) == [17])
        #expect(object["a"]?.numberValue == 3)
        let many = "{" + (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + ", \"k7\": 0}"
        #expect(try parse(many).objectValue?.hasDuplicateKeys == true)
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let value = try parse(#""a\"b\\c\/d\b\f\n\r\t \u00e9 \ud83d\ude00 \u20AC""#)
        #expect(value.stringValue == "a\"b\\c/d\u{8}\u{c}\n\r\t é 😀 €")
        #expect(try parse("\"café ☕ 😀\"").stringValue == "café ☕ 😀")
    }

    @Test func numbersParseExactly() throws {
        let cases: [(String, Double)] = [
            ("0", 0), ("-0", -0.0), ("12", 12), ("-7.25", -7.25), ("1e3", 1000), ("2.5E-3", 0.0025),
            ("0.1", 0.1), ("123456789012345678901234567890", 123456789012345678901234567890),
            ("1.7976931348623157e308", 1.7976931348623157e308), ("4.9e-324", 4.9e-324), ("0.30000000000000004", 0.30000000000000004),
        ]
        for (text, expected) in cases {
            #expect(try parse(text).numberValue == expected, "\(text)")
        }
    }

    @Test func controlCharactersInStringsAreNoted() throws {
        let document = try JSONParser.parse(Array(#"{"a": "x\u001by", "b": "tab\tok\nfine", "c": "del\u007f", "\u009bk": 1}"#.utf8))
        #expect(document.controlCharacters == [6: "\u{1B}", 45: "\u{7F}", 58: "\u{9B}"])
        let raw = try JSONParser.parse(Array("[\"a\u{7F}\", \"b\u{85}\"]".utf8))
        #expect(raw.controlCharacters == [1: "\u{7F}", 7: "\u{85}"])
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "expected a string key after ',', found '}'", 1, 9),
        ("[1, 2,]", "expected a value after ',' (trailing commas are not allowed)", 1, 7),
        ("{\"a\": 1 \"b\": 2}", "expected ',' or '}' after object member, found '\"'", 1, 9),
        ("[1 2]", "expected ',' or ']' after array element, found '2'", 1, 4),
        ("{\"a\" 1}", "expected ':' after object key, found '1'", 1, 6),
        ("{\n  // note\n  \"a\": 1\n}", "expected a string key or '}', found '/' (comments are not allowed in JSON)", 2, 3),
        ("[NaN]", "NaN and Infinity are not valid JSON numbers", 1, 2),
        ("[01]", "numbers must not have leading zeros", 1, 2),
        ("[1.]", "expected a digit after the decimal point", 1, 4),
        ("[-]", "expected a digit after '-'", 1, 3),
        ("[1e]", "expected a digit in the exponent", 1, 4),
        ("[1e999]", "number is too large", 1, 2),
        ("['a']", "strings must use double quotes", 1, 2),
        ("[\"a\\x\"]", "invalid escape sequence '\\x'", 1, 4),
        ("[\"\\u12\"]", "\\u must be followed by four hexadecimal digits", 1, 3),
        ("[\"\\ud83d\"]", "lone high surrogate \\uD83D must be followed by a low surrogate escape", 1, 3),
        ("[\"\\ud83d\\u0041\"]", "\\uD83D must be followed by a low surrogate, not \\u0041", 1, 9),
        ("[\"\\ude00\"]", "lone low surrogate \\uDE00", 1, 3),
        ("[\"tab\there\"]", "control characters must be escaped in strings (found U+0009)", 1, 6),
        ("[\"open", "unterminated string", 1, 2),
        ("{\"a\": [1, 2", "expected ',' or ']' after array element, found the end of the file", 1, 12),
        ("", "expected a JSON value, found the end of the file", 1, 1),
        ("  \n ", "expected a JSON value, found the end of the file", 2, 2),
        ("{} {}", "unexpected '{' after the JSON value", 1, 4),
        ("[tru]", "expected a JSON value, found 't'", 1, 2),
        ("{\"é\": x}", "expected a JSON value, found 'x'", 1, 7),
    ])
    func syntaxErrorsAreLocated(text: String, message: String, line: Int, column: Int) {
        let error = failure(text)
        #expect(error?.message == message)
        #expect(error?.line == line)
        #expect(error?.column == column)
    }

    @Test func invalidUTF8IsRejected() {
        #expect(failure([0x22, 0x61, 0xFF, 0x22])?.message == "invalid UTF-8 byte 0xFF")
        #expect(failure([0x22, 0xC3, 0x28, 0x22])?.message == "invalid UTF-8 sequence starting with byte 0xC3")
        #expect(failure([0x22, 0xED, 0xA0, 0x80, 0x22])?.message == "invalid UTF-8 sequence starting with byte 0xED")
        #expect(failure([0x22, 0xC0, 0xAF, 0x22])?.message == "invalid UTF-8 byte 0xC0")
        #expect(failure([0x22, 0xE2, 0x82])?.message == "truncated UTF-8 sequence")
        #expect(failure([0xEF, 0xBB, 0xBF, 0x7B, 0x7D])?.message == "a byte order mark is not allowed at the start of JSON")
    }

    @Test func deepNestingFailsCleanly() {
        let depth = 100_000
        let error = failure(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(error?.message == "nesting is deeper than \(JSONParser.maximumDepth) levels")
        #expect(error?.column == JSONParser.maximumDepth + 1)
        let limit = JSONParser.maximumDepth
        #expect(failure(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)) == nil)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        var source = SourceText(bytes: Array("{\n  \"café\": \"😀\", x\n}".utf8))
        let error = failure(source.bytes)
        #expect(error?.line == 2)
        #expect(error?.column == 16)
        #expect(source.location(of: 0) == (1, 1))
        #expect(source.location(of: 2) == (2, 1))
        #expect(SourceText.location(of: 2, in: source.bytes) == (2, 1))
    }

    /// Strings are scanned eight bytes at a time: whatever needs a look on its own must be found
    /// at every position within and after such a chunk, up to the very end of the input.
    @Test(arguments: 0..<20)
    func specialBytesAreFoundAtEveryPosition(position: Int) throws {
        let lead = String(repeating: "a", count: position)
        #expect(try parse("\"\(lead)\"").stringValue == lead)
        #expect(try parse("[\"\(lead)\\n\", 1]").arrayValue?.first?.stringValue == lead + "\n")
        #expect(try parse("\"\(lead)é\"").stringValue == lead + "é")
        let control = try JSONParser.parse(Array("\"\(lead)\u{7F}b\"".utf8))
        #expect(control.controlCharacters == [0: "\u{7F}"])
        #expect(failure("\"\(lead)\tb\"")?.offset == position + 1)
        #expect(failure(Array("\"\(lead)".utf8) + [0xFF, 0x22])?.message == "invalid UTF-8 byte 0xFF")
        #expect(failure("\"\(lead)")?.message == "unterminated string")
    }

    @Test func repeatedShortStringsKeepTheirOwnText() throws {
        let texts = ["id", "type", "ib", "", "exactly15bytes!", "fifteen-bytes-x", "sixteen-bytes-xx", "é", "e", "id"]
        let json = "[" + texts.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        #expect(try parse(json).arrayValue?.compactMap(\.stringValue) == texts)
        // The last string ends within sixteen bytes of the end of the input.
        #expect(try parse("{\"k\": \"near-the-end\"}").objectValue?["k"]?.stringValue == "near-the-end")
    }
}
