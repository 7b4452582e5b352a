import AttestCredentials
import Foundation
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test func serializesCanonically() throws {
        let value = try JSONValue.parse(Data(#"{ "b": [1, 2.5, true, null], "a": "x\"/\n\u00e9", "B": -0.25e1 }"#.utf8))
        #expect(value.serialized == #"{"B":-2.5,"a":"x\"/\né","b":[1,2.5,true,null]}"#)
        #expect(try JSONValue.parse(value.data) == value)
        #expect(JSONValue.string("\u{01}").serialized == "\"\\u0001\"")
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate member \"a\""), ("[1,]", "invalid value"), ("01", "leading zero in a number"),
        (#"{"a":1} x"#, "unexpected text after the JSON value"), (#""\ud800""#, "unpaired surrogate"),
    ])
    func rejectsInvalidJSON(text: String, message: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Data(text.utf8)) }
        do { _ = try JSONValue.parse(Data(text.utf8)) } catch let error as JSONParseError { #expect(error.message == message) } catch {}
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONValue.parse(Data(#""\ud83d\ude00""#.utf8)) == .string("😀"))
    }
}
