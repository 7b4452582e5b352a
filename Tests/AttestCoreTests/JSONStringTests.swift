import AttestCore
import Testing

@Suite("JSONString")
struct JSONStringTests {
    @Test func quotedTextRoundTrips() throws {
        let text = "He said \"hi\" \\ then\n\ttab \u{1B} é 😀 /"
        let quoted = JSONString.quoted(text)
        #expect(quoted == #""He said \"hi\" \\ then\n\ttab \u001b é 😀 /""#)
        #expect(try JSONParser.parse(Array(quoted.utf8)).root.stringValue == text)
    }
}
