import Foundation

/// Renders the light Markdown of pack text for the terminal: paragraphs wrapped to
/// the width, `**bold**`, `` `inline code` ``, fenced code blocks (kept verbatim,
/// indented, never wrapped) and `- ` / `* ` / `1. ` lists with hanging indents.
///
/// The text is sanitized first, so pack text can never emit its own escape sequences.
public struct MarkdownRenderer {
    public var width: Int
    public var useColor: Bool
    /// Prepended to every output line.
    public var indent: String

    public init(width: Int, useColor: Bool, indent: String = "") {
        self.width = max(10, width)
        self.useColor = useColor
        self.indent = indent
    }

    /// The rendered lines, without trailing newlines.
    public func render(_ markdown: String) -> [String] {
        let source = TerminalText.shown(markdown).replacingOccurrences(of: "\r\n", with: "\n")
        var output: [String] = []
        var paragraph: [String] = []
        var inFence = false

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            output += wrap(paragraph.joined(separator: " "), firstPrefix: indent, restPrefix: indent)
            paragraph = []
        }

        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                flushParagraph()
                inFence.toggle()
                continue
            }
            if inFence {
                let code = line.replacingOccurrences(of: "\t", with: "    ")
                output.append(indent + "    " + (useColor ? Style.cyan.apply(code) : code))
                continue
            }
            if trimmed.isEmpty {
                flushParagraph()
                if output.last.map({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? false { output.append("") }
                continue
            }
            if let (marker, rest) = listItem(trimmed) {
                flushParagraph()
                let hanging = String(repeating: " ", count: DisplayWidth.of(marker) + 1)
                output += wrap(rest, firstPrefix: indent + marker + " ", restPrefix: indent + hanging)
                continue
            }
            paragraph.append(trimmed)
        }
        flushParagraph()
        while output.last?.trimmingCharacters(in: .whitespaces).isEmpty ?? false { output.removeLast() }
        return output
    }

    private func listItem(_ line: String) -> (String, String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") {
            return ("•", String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3, line.dropFirst(digits.count).hasPrefix(". ") {
            return (digits + ".", String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// A styled word: its visible width and its text with escape codes.
    private struct Word {
        var text: String
        var width: Int
    }

    /// Splits inline Markdown into styled words, keeping code spans and bold runs whole where possible.
    private func words(_ text: String) -> [Word] {
        var result: [Word] = []
        var current = ""
        var currentWidth = 0
        var bold = false
        var code = false
        var index = text.startIndex

        func emit(_ piece: String) {
            guard !piece.isEmpty else { return }
            let styled: String
            if useColor && code {
                styled = Style.cyan.apply(piece)
            } else if useColor && bold {
                styled = Style.bold.apply(piece)
            } else {
                styled = piece
            }
            current += styled
            currentWidth += DisplayWidth.of(piece)
        }
        func endWord() {
            if currentWidth > 0 { result.append(Word(text: current, width: currentWidth)) }
            current = ""
            currentWidth = 0
        }

        var piece = ""
        while index < text.endIndex {
            let character = text[index]
            if character == "`" {
                emit(piece)
                piece = ""
                code.toggle()
                index = text.index(after: index)
                continue
            }
            if !code, text[index...].hasPrefix("**") {
                emit(piece)
                piece = ""
                bold.toggle()
                index = text.index(index, offsetBy: 2)
                continue
            }
            if character == " " && !code {
                emit(piece)
                piece = ""
                endWord()
            } else {
                piece.append(character)
            }
            index = text.index(after: index)
        }
        emit(piece)
        endWord()
        return result
    }

    private func wrap(_ text: String, firstPrefix: String, restPrefix: String) -> [String] {
        var lines: [String] = []
        var line = firstPrefix
        var lineWidth = DisplayWidth.of(firstPrefix)
        var lineHasWord = false
        for word in words(text) {
            let needed = (lineHasWord ? 1 : 0) + word.width
            if lineHasWord && lineWidth + needed > width {
                lines.append(line)
                line = restPrefix
                lineWidth = DisplayWidth.of(restPrefix)
                lineHasWord = false
            }
            if lineHasWord {
                line += " "
                lineWidth += 1
            }
            line += word.text
            lineWidth += word.width
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }
}
