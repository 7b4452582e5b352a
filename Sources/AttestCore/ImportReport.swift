import Foundation

/// Something in an imported question bank that did not make it into the pack as written:
/// a skipped question, a dropped feature, a changed text. Never silent.
public struct ImportIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line in the source file.
    public var line: Int
    /// What was affected, e.g. `matching question "Pairs"`.
    public var what: String
    /// Why, and what happened to it.
    public var why: String

    public init(line: Int, what: String, why: String) {
        self.line = line
        self.what = what
        self.why = why
    }

    public var description: String { "line \(line): \(what): \(why)" }
}

/// What an importer produced: pack JSON text (nil when no question could be imported) and every issue.
public struct PackImportResult: Sendable, Hashable {
    /// A complete pack in the format of `docs/pack-format.md`, or nil when nothing was importable.
    public var json: String?
    public var questionCount: Int
    public var skillCount: Int
    public var issues: [ImportIssue]
}

/// The question-bank formats Attest imports.
public enum PackImportFormat: String, Sendable, Hashable, CaseIterable {
    /// Moodle's GIFT format.
    case gift
    /// The Aiken format: one-line questions, lettered options, `ANSWER: X`.
    case aiken
    /// Moodle XML (`<quiz>` of `<question>` elements).
    case moodleXML = "moodle-xml"

    /// The format a bank's text is in, judged by its content: XML starts with `<`; Aiken has an
    /// `ANSWER:` line and no `{`; GIFT has an answer block `{` or starts as GIFT does (`::title::`,
    /// a `//` comment, `$CATEGORY:`). Nil when none fits.
    public static func detect(_ text: Substring) -> PackImportFormat? {
        let start = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if start.hasPrefix("<") { return .moodleXML }
        let braces = start.contains("{")
        let answerLine = start.split(whereSeparator: \.isNewline).contains { $0.trimmingCharacters(in: .whitespaces).uppercased().hasPrefix("ANSWER:") }
        if answerLine, !braces { return .aiken }
        let giftStart = start.hasPrefix("::") || start.hasPrefix("//") || start.lowercased().hasPrefix("$category:")
        return braces || giftStart ? .gift : nil
    }

    /// A pack id made from a file name: `Week 3 Quiz.gift` becomes `week-3-quiz` ("imported" when nothing is left).
    public static func suggestedID(forFileName path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = name.contains(".") ? String(name[..<name.lastIndex(of: ".")!]) : name
        let slug = ImportedPack.slug(stem, limit: NewPackError.maximumIDLength)
        return slug.isEmpty ? "imported" : slug
    }

    /// Converts `text` into a pack called `id` (title from the id unless given).
    public func importPack(_ text: String, id: String, title: String? = nil) throws(PackImportError) -> PackImportResult {
        switch self {
        case .gift: try GIFTImporter.importPack(text, id: id, title: title)
        case .aiken: try AikenImporter.importPack(text, id: id, title: title)
        case .moodleXML: try MoodleXMLImporter.importPack(text, id: id, title: title)
        }
    }
}
