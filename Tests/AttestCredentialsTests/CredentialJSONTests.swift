import AttestCredentials
import Foundation
import Testing

@Suite("CredentialJSON")
struct CredentialJSONTests {
    @Test func serializesCanonically() throws {
        let value = try CredentialJSON.parse(Data(#"{ "b": [1, 2.5, true, null], "a": "x\"/\n\u00e9", "B": -0.25e1 }"#.utf8))
        #expect(value.serialized == #"{"B":-2.5,"a":"x\"/\né","b":[1,2.5,true,null]}"#)
        #expect(try CredentialJSON.parse(value.data) == value)
        #expect(CredentialJSON.string("\u{01}").serialized == "\"\\u0001\"")
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate member \"a\""), ("[1,]", "trailing commas are not allowed"),
        ("01", "leading zeros"), (#"{"a":1} x"#, "unexpected 'x' after the JSON value"), (#""\ud800""#, "lone high surrogate"),
    ])
    func rejectsInvalidJSON(text: String, message: String) {
        #expect(throws: CredentialJSONError.self) { try CredentialJSON.parse(Data(text.utf8)) }
        do { _ = try CredentialJSON.parse(Data(text.utf8)) } catch let error as CredentialJSONError { #expect(error.message.contains(message)) } catch {}
    }

    @Test func refusesDeepNestingBeforeTheCoreLimit() {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        #expect(throws: CredentialJSONError.self) { try CredentialJSON.parse(Data(deep.utf8)) }
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try CredentialJSON.parse(Data(#""\ud83d\ude00""#.utf8)) == .string("😀"))
    }
}
