import Foundation

/// The text formats a GIFT field can name with a leading `[moodle]`, `[html]`, `[plain]` or
/// `[markdown]` marker; Moodle's default is `moodle` (HTML with line breaks kept).
enum GIFTFormat: String {
    case moodle, html, plain, markdown

    /// A leading format marker and the text after it; nil when the text names no known format
    /// (Moodle then keeps the bracket as text).
    static func marker(in text: GIFTText) -> (format: GIFTFormat, rest: GIFTText)? {
        guard text.hasPrefix("["), let end = text.find("]"), end <= 10,
              let format = GIFTFormat(rawValue: text[1..<end].text.lowercased())
        else { return nil }
        return (format, text[(end + 1)..<text.units.count])
    }
}

/// Turns the fields of one GIFT question into pack text as Moodle would display them:
/// a field's own format marker is stripped (answers and feedback default to the question's
/// format), HTML in the `moodle` and `html` formats is converted, and the media and
/// formatting dropped along the way are remembered for the import report.
struct GIFTFields {
    /// The question text's format: the default for its answers and feedback.
    var format: GIFTFormat
    private(set) var droppedMedia: [String] = []
    private(set) var droppedFormatting = false

    init(format: GIFTFormat) {
        self.format = format
    }

    /// An answer, feedback or general feedback: its own marker (if any) stripped, then converted.
    mutating func text(_ raw: GIFTText) -> String {
        let trimmed = raw.trimmed
        if let marked = GIFTFormat.marker(in: trimmed) {
            return convert(marked.rest.text, as: marked.format)
        }
        return convert(trimmed.text, as: format)
    }

    /// `text` (escapes already resolved) in `format`, as pack text.
    mutating func convert(_ text: String, as format: GIFTFormat) -> String {
        switch format {
        case .plain, .markdown:
            return text.trimmingEdges(in: .whitespacesAndNewlines)
        case .moodle, .html:
            // Moodle's own format keeps line breaks; in HTML a line break is a space.
            let source = format == .html ? text.replacingOccurrences(of: "\n", with: " ") : text
            let converted = HTMLText(html: source)
            droppedMedia += converted.droppedMedia
            droppedFormatting = droppedFormatting || converted.droppedFormatting
            return converted.text
        }
    }

    /// How the report names a dropped media element.
    static func mediaName(_ tag: String) -> String {
        switch tag {
        case "img": "an image"
        case "audio": "an audio clip"
        case "video": "a video"
        case "svg": "an SVG drawing"
        case "math": "a MathML formula"
        default: "an embedded <\(tag)>"
        }
    }
}

/// A Moodle short answer containing the `*` wildcard (any run of characters; `\*` is a literal
/// star), as a regular expression for `ShortTextKey.pattern` plus an example answer it accepts.
struct ShortAnswerWildcard {
    /// The answer as a regular expression: literal text escaped, each run of `*` as `.*`.
    var pattern: String
    /// The answer with its wildcards removed (what the review shows as the answer).
    var example: String

    /// Nil when `text` has no unescaped `*`.
    init?(_ text: String) {
        var pattern = ""
        var example = ""
        var literal = ""
        var wild = false
        var index = text.startIndex
        func flush() {
            pattern += NSRegularExpression.escapedPattern(for: literal)
            literal = ""
        }
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "\\", next < text.endIndex, text[next] == "*" {
                literal.append("*")
                example.append("*")
                index = text.index(after: next)
                continue
            }
            if character == "*" {
                flush()
                if !pattern.hasSuffix(".*") { pattern += ".*" }
                wild = true
            } else {
                literal.append(character)
                example.append(character)
            }
            index = next
        }
        guard wild else { return nil }
        flush()
        self.pattern = pattern
        self.example = example.trimmingCharacters(in: .whitespaces)
    }

    /// A wildcard-free answer with `\*` read as the literal star it stands for.
    static func literal(_ text: String) -> String {
        text.replacingOccurrences(of: "\\*", with: "*")
    }
}

extension ShortAnswerWildcard {
    /// One piece of a wildcard answer: literal text or Moodle's `*`.
    enum Piece: Equatable {
        case literal(String)
        case any
    }

    /// The wildcard answers a pattern stands for, when it is one this type made (escaped literal
    /// text and `.*`, alternatives joined by `|`); nil for any other regular expression.
    static func answers(fromPattern pattern: String) -> [[Piece]]? {
        var answers: [[Piece]] = []
        var pieces: [Piece] = []
        var literal = ""
        var characters = pattern[...]
        func flush() {
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
        }
        while let character = characters.first {
            characters = characters.dropFirst()
            switch character {
            case "\\":
                guard let next = characters.first, !next.isLetter, !next.isNumber else { return nil }
                literal.append(next)
                characters = characters.dropFirst()
            case ".":
                guard characters.first == "*" else { return nil }
                characters = characters.dropFirst()
                flush()
                pieces.append(.any)
            case "|":
                flush()
                answers.append(pieces)
                pieces = []
            case "^", "$", "*", "+", "?", "(", ")", "[", "]", "{", "}":
                return nil
            default:
                literal.append(character)
            }
        }
        flush()
        answers.append(pieces)
        return answers.allSatisfy({ $0.contains(.any) }) ? answers : nil
    }

    /// A short-text key as Moodle short answers: the accepted answers, then one `*` answer per
    /// alternative of a wildcard pattern, each literal part rendered by `literal` (which escapes
    /// `*`); `droppedPattern` is a pattern that is not wildcards (Moodle cannot hold it).
    static func moodleAnswers(_ key: ShortTextKey, literal: (String) -> String) -> (answers: [String], droppedPattern: String?) {
        var answers = key.accept.map(literal)
        guard let pattern = key.pattern else { return (answers, nil) }
        guard let wildcards = Self.answers(fromPattern: pattern) else { return (answers, pattern) }
        answers += wildcards.map { pieces in
            pieces.map { piece in
                if case let .literal(text) = piece { return literal(text) }
                return "*"
            }.joined()
        }
        return (answers, nil)
    }
}
