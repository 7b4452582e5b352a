import Foundation
import Testing

@testable import AttestStore

/// The compact-array reader returns exactly what `JSONDecoder` returns, and nil (so the decoder decides) for
/// every form the store does not write itself.
@Suite("CompactJSONArray")
struct CompactJSONArrayTests {
    private func integers(_ json: String) -> [Int]? {
        var bytes = Array(json.utf8)
        return bytes.withUnsafeMutableBufferPointer { CompactJSONArray.integers(UnsafeBufferPointer($0)) }
    }

    private func strings(_ json: String) -> [String]? {
        var bytes = Array(json.utf8)
        return bytes.withUnsafeMutableBufferPointer { CompactJSONArray.strings(UnsafeBufferPointer($0)) }
    }

    @Test(arguments: ["[]", "[0]", "[7]", "[0,2,3]", "[10,200]", "[123456789012345678]"])
    func compactIntegersMatchTheDecoder(json: String) throws {
        #expect(integers(json) == (try JSONDecoder().decode([Int].self, from: Data(json.utf8))))
    }

    @Test(arguments: ["", "[", "]", "[1,]", "[,1]", "[1 ,2]", "[ 1]", "[01]", "[-1]", "[1.0]", "[1e2]", "[\"1\"]",
                      "[1234567890123456789]", "[1][2]", "{}", "null"])
    func otherIntegerFormsAreLeftToTheDecoder(json: String) {
        #expect(integers(json) == nil)
    }

    @Test(arguments: ["[]", "[\"\"]", "[\"q1\"]", "[\"da-sql-001\",\"da-sql-002\"]", "[\"café\",\"日本\",\"/x\"]"])
    func compactStringsMatchTheDecoder(json: String) throws {
        #expect(strings(json) == (try JSONDecoder().decode([String].self, from: Data(json.utf8))))
    }

    @Test(arguments: ["[\"a\\\"b\"]", "[\"a\\\\b\"]", "[\"\\u00e9\"]", "[\"a\" ,\"b\"]", "[ \"a\"]", "[\"a\",]",
                      "[\"a\"", "[\"a]", "[\"a\"\"b\"]", "[\"tab\there\"]", "[1]", "[null]", "\"a\""])
    func otherStringFormsAreLeftToTheDecoder(json: String) {
        #expect(strings(json) == nil)
    }

    @Test func invalidUTF8IsLeftToTheDecoder() {
        var bytes: [UInt8] = Array("[\"a".utf8) + [0xFF] + Array("\"]".utf8)
        #expect(bytes.withUnsafeMutableBufferPointer { CompactJSONArray.strings(UnsafeBufferPointer($0)) } == nil)
    }
}
