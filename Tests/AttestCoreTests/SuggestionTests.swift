import AttestCore
import Testing

@Suite("Suggestion")
struct SuggestionTests {
    @Test func closeNamesAreSuggested() {
        #expect(Suggestion.closest(to: "explaination", in: ["explanation", "prompt"]) == "explanation")
        #expect(Suggestion.closest(to: "sqll", in: ["sql", "stats"]) == "sql")
        #expect(Suggestion.closest(to: "tpye", in: ["type", "tags"]) == "type")
        #expect(Suggestion.closest(to: "zebra", in: ["sql", "stats"]) == nil)
        #expect(Suggestion.hint(for: "Prompt", in: ["prompt"]) == "did you mean `prompt`?")
        #expect(Suggestion.closest(to: String(repeating: "a", count: 10_000), in: [String(repeating: "a", count: 10_000)]) == nil)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}
