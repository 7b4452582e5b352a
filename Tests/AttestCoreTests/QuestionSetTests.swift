@testable import AttestCore
import Testing

@Suite("QuestionSet")
struct QuestionSetTests {
    @Test func countsUnionsAndIntersections() {
        var evens = QuestionSet(capacity: 130)
        var low = QuestionSet(capacity: 130)
        #expect(evens.isEmpty)
        evens.insert(contentsOf: Array(stride(from: 0, to: 130, by: 2)))
        low.insert(contentsOf: Array(0..<10))
        low.insert(129)
        #expect(evens.count == 65)
        #expect(evens.intersection(low).count == 5)
        #expect(!evens.isEmpty)
        var union = evens
        union.formUnion(low)
        #expect(union.count == 65 + 6)
    }
}
