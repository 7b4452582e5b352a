import Testing
@testable import AttestLinkedData

/// The JSON reader and the RFC 8785 canonical writer used for rdf:JSON literals.
@Suite struct JSONValueTests {
    @Test func numbersFollowECMAScriptFormatting() {
        #expect(JSONValue.format(1) == "1")
        #expect(JSONValue.format(-0.0) == "0")
        #expect(JSONValue.format(2.5) == "2.5")
        #expect(JSONValue.format(1e21) == "1e+21")
        #expect(JSONValue.format(1e-7) == "1e-7")
        #expect(JSONValue.format(0.000001) == "0.000001")
        #expect(JSONValue.format(1.2345678901234568e20) == "123456789012345680000")
        #expect(JSONValue.format(4.5e-8) == "4.5e-8")
    }

    @Test func canonicalTextSortsKeysAndEscapes() throws {
        let value = try JSONValue.parse(#"{"b": [true, null, "x\u0001\"é"], "a": {"€": 1, "\r": 2}}"#)
        #expect(value.canonicalText == #"{"a":{"\r":2,"€":1},"b":[true,null,"x\u0001\"é"]}"#)
    }

    @Test func syntaxErrorsSayWhere() {
        #expect(throws: JSONValue.SyntaxError(offset: 7, reason: "duplicate key \"a\"")) { try JSONValue.parse(#"{"a":1,"a":2}"#) }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse("[1,]") }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(String(repeating: "[", count: 300)) }
    }
}
