@testable import AttestCLI
import Testing

@Suite("TerminalText")
struct TerminalTextTests {
    @Test(arguments: [
        ("\u{1B}[2J\u{1B}[H", "^[[2J^[[H"),
        ("\u{1B}]52;c;ZXZpbA==\u{07}", "^[]52;c;ZXZpbA==^G"),
        ("\u{1B}]0;owned\u{1B}\\", "^[]0;owned^[\\"),
        ("\u{9B}31m", "<U+9B>31m"),
        ("a\u{7F}b\rc", "a^?b^Mc"),
        ("evil\u{202E}txt", "evil<U+202E>txt"),
        ("café 日本語\tok\n", "café 日本語\tok\n"),
    ])
    func escapeSequencesAreShownNeverObeyed(input: String, expected: String) {
        let clean = TerminalText.sanitize(input)
        #expect(clean == expected)
        #expect(!clean.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\u{07}" })
    }

    @Test func newlinesCanBeMadeVisibleToo() {
        #expect(TerminalText.sanitize("a\nb", keepNewlines: false) == "a^Jb")
    }

    @Test(arguments: [
        ("zero\u{200B}width", "zero<U+200B>width"), ("\u{FEFF}bom", "<U+FEFF>bom"), ("rlm\u{200F}", "rlm<U+200F>"),
        ("iso\u{2066}late\u{2069}", "iso<U+2066>late<U+2069>"), ("word\u{2060}joiner", "word<U+2060>joiner"),
        ("line\u{2028}sep", "line<U+2028>sep"), ("👩\u{200D}💻", "👩\u{200D}💻"),
    ])
    func invisibleAndBidiCharactersAreShown(input: String, expected: String) {
        #expect(TerminalText.sanitize(input) == expected)
    }

    @Test func quotedValuesAreOneLineAndCutShortWithAMarker() {
        #expect(TerminalText.quoted("a\tb\nc\u{1B}]0;x\u{07}") == "a^Ib^Jc^[]0;x^G")
        let long = String(repeating: "é", count: 1_500_000)
        let quoted = TerminalText.quoted(long, limit: 401)
        #expect(quoted.hasPrefix(String(repeating: "é", count: 200) + "… (3.0 MB more)"), "cut at a character boundary: \(quoted.suffix(30))")
        #expect(TerminalText.shown(String(repeating: "x", count: 70_000)).hasSuffix("x… (4.5 KB more)"))
        #expect(TerminalText.shown("short\n") == "short\n")
        let rendered = MarkdownRenderer(width: 60, useColor: false, indent: "").render(String(repeating: "word ", count: 400_000))
        #expect(rendered.last?.hasSuffix("… (1.9 MB more)") == true, "a 2 MB prompt is cut short: \(rendered.last ?? "")")
        #expect(TerminalText.byteCount(1) == "1 byte" && TerminalText.byteCount(999) == "999 bytes")
        #expect(TerminalText.byteCount(1_234_567) == "1.2 MB" && TerminalText.byteCount(999_999) == "1.0 MB")
    }
}

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test func wrapsAtSpacesAndCutsOnlyWordsWiderThanALine() {
        #expect(DisplayWidth.wrap("Question 1 of 10 · Machine learning · 1 point", to: 20)
            == ["Question 1 of 10 ·", "Machine learning · 1", "point"])
        #expect(DisplayWidth.wrap("supercalifragilistic!", to: 10) == ["supercalif", "ragilistic", "!"])
        #expect(DisplayWidth.wrap("日本語のテスト", to: 6) == ["日本語", "のテス", "ト"])
    }
}

@Suite("ASCIIFallback")
struct ASCIIFallbackTests {
    @Test func aLocaleThatIsNotUTF8GetsOneColumnASCIIStandIns() {
        #expect(ASCIIFallback.isNeeded(environment: ["LANG": "C"]))
        #expect(ASCIIFallback.isNeeded(environment: ["LANG": "en_US.UTF-8", "LC_ALL": "POSIX"]))
        #expect(!ASCIIFallback.isNeeded(environment: ["LANG": "C", "LC_CTYPE": "de_DE.utf8"]))
        #expect(!ASCIIFallback.isNeeded(environment: [:]))
        let drawn = "── Q ─ ▕██▌   ▏ ✓ ✗ ⚑ · …"
        let plain = ASCIIFallback.text(drawn)
        #expect(plain == "-- Q - |##=   | v x F - ~")
        #expect(plain.unicodeScalars.allSatisfy(\.isASCII) && plain.count == drawn.count)
        #expect(ASCIIFallback.text("Été") == "Été", "text from packs is left alone")
    }
}

@Suite("MarkdownRenderer")
struct MarkdownRendererTests {
    @Test func wrapsParagraphsAndKeepsCodeBlocksVerbatim() {
        let text = """
            Which **clause** filters groups after `GROUP BY` has aggregated them, and why does it matter here?

            ```
            SELECT dept, COUNT(*) FROM staff GROUP BY dept HAVING COUNT(*) > 10;
            ```
            - first item that is long enough to wrap onto a second line of output
            - second
            """
        let lines = MarkdownRenderer(width: 40, useColor: false, indent: "  ").render(text)
        #expect(lines == [
            "  Which clause filters groups after",
            "  GROUP BY has aggregated them, and why",
            "  does it matter here?",
            "",
            "      SELECT dept, COUNT(*) FROM staff GROUP BY dept HAVING COUNT(*) > 10;",
            "  • first item that is long enough to",
            "    wrap onto a second line of output",
            "  • second",
        ])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 || $0.contains("SELECT") })
    }

    @Test func stylesOnlyWithColourAndNeverPassesPackEscapes() {
        let coloured = MarkdownRenderer(width: 60, useColor: true).render("**bold** `code` \u{1B}[31mred")
        #expect(coloured.joined().contains("\u{1B}[1mbold\u{1B}[0m"))
        #expect(coloured.joined().contains("^[[31mred"))
        let plain = MarkdownRenderer(width: 60, useColor: false).render("**bold** `code`")
        #expect(plain == ["bold code"])
    }

    @Test func wideCharactersCountTwoColumns() {
        let lines = MarkdownRenderer(width: 20, useColor: false).render("日本語 日本語 日本語 日本語")
        #expect(lines == ["日本語 日本語 日本語", "日本語"])
        #expect(DisplayWidth.of("日本語") == 6 && DisplayWidth.of("café") == 4 && DisplayWidth.of("\u{1B}[1mx\u{1B}[0m") == 1)
    }
}

@Suite("CommandLineSplitter")
struct CommandLineSplitterTests {
    @Test func splitsLikeAShell() throws {
        #expect(try CommandLineSplitter.split("take  quiz-1 --seed 3") == ["take", "quiz-1", "--seed", "3"])
        #expect(try CommandLineSplitter.split(#"load "my packs/a b.json""#) == ["load", "my packs/a b.json"])
        #expect(try CommandLineSplitter.split(#"revoke x --reason 'it''s wrong'"#) == ["revoke", "x", "--reason", "its wrong"])
        #expect(try CommandLineSplitter.split(#"a\ b "q\"uote""#) == ["a b", #"q"uote"#])
        #expect(try CommandLineSplitter.split("") == [])
        #expect(try CommandLineSplitter.split(#"x """#) == ["x", ""])
    }

    @Test func reportsUnfinishedQuotes() {
        #expect(throws: CommandLineSplitter.Failure.unterminatedQuote("'")) { try CommandLineSplitter.split("say 'hi") }
        #expect(throws: CommandLineSplitter.Failure.trailingBackslash) { try CommandLineSplitter.split("oops\\") }
    }
}
