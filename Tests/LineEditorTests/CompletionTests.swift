import LineEditor
import Testing

@Suite struct CompletionTests {
    @Test func singleMatchCompletesWithASpace() {
        let answer = Completion.Candidates(word: "qu", candidates: ["quiz", "help"])
        #expect(Completion.action(for: answer) == .insert("iz "))
    }

    @Test func ambiguousMatchesExtendToTheCommonPrefix() {
        let answer = Completion.Candidates(word: "sw", candidates: ["swift-basics", "swift-concurrency"])
        #expect(Completion.action(for: answer) == .insert("ift-"))
    }

    @Test func ambiguousMatchesWithoutExtensionAreListedSortedAndUnique() {
        let answer = Completion.Candidates(word: "swift-", candidates: ["swift-c", "swift-b", "swift-c", "other"])
        #expect(Completion.action(for: answer) == .list(["swift-b", "swift-c"]))
    }

    @Test func noMatchDoesNothing() {
        #expect(Completion.action(for: .none) == .none)
        #expect(Completion.action(for: Completion.Candidates(word: "z", candidates: ["quiz"])) == .none)
    }

    @Test func commonPrefixWorksOnWholeCharacters() {
        #expect(Completion.longestCommonPrefix([]) == "")
        // Characters compare by canonical equivalence: a precomposed é matches e + combining accent.
        #expect(Completion.longestCommonPrefix(["café", "cafe\u{301}s"]) == "café")
        #expect(Completion.longestCommonPrefix(["naïve", "naive"]) == "na")
        #expect(Completion.longestCommonPrefix(["日本語", "日本"]) == "日本")
        #expect(Completion.longestCommonPrefix(["abc", "xyz"]) == "")
    }

    @Test func columnsFillTopToBottomWithinTheWidth() {
        let rows = Completion.columns(["a", "bb", "ccc", "dddd", "e"], width: 14)
        // Cells are 4 + 2 wide, so two columns fit in 14.
        #expect(rows == ["a     dddd", "bb    e", "ccc"])
        #expect(Completion.columns(["only"], width: 2) == ["only"])
        #expect(Completion.columns([], width: 80) == [])
    }

    @Test func wideCharactersTakeTwoCells() {
        #expect(Completion.displayWidth("日本") == 4)
        #expect(Completion.displayWidth("cafe\u{301}") == 4)
        #expect(Completion.columns(["日本", "ab"], width: 20) == ["日本  ab"])
    }
}
