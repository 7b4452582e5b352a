import LineEditor
import Testing

@Suite("ScriptedLineReader")
struct ScriptedLineReaderTests {
    @Test func replaysResultsThenEndsInput() {
        let reader = ScriptedLineReader([.line("café"), .interrupted, .timedOut(partial: "ab")])
        #expect(reader.readLine(ReadOptions(prompt: "a> ")) == .line("café"))
        #expect(reader.readLine(ReadOptions(prompt: "b> ")) == .interrupted)
        #expect(reader.readLine(ReadOptions(prompt: "c> ")) == .timedOut(partial: "ab"))
        #expect(reader.readLine(ReadOptions(prompt: "d> ")) == .endOfInput)
        #expect(reader.promptsSeen == ["a> ", "b> ", "c> ", "d> "])
    }

    @Test func initialTextStartsTheNextLine() {
        let reader = ScriptedLineReader([.line("e answer"), .timedOut(partial: "x")])
        #expect(reader.readLine(ReadOptions(prompt: "> ", initialText: "42 is th")) == .line("42 is the answer"))
        #expect(reader.readLine(ReadOptions(prompt: "> ", initialText: "y")) == .timedOut(partial: "yx"))
    }
}
