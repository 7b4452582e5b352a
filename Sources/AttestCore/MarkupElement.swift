import Foundation

/// A small, strict XML reader for the question banks Attest imports (Moodle XML), safe on
/// untrusted files: no DTD is read (a document type with an internal subset is refused), no
/// entity but XML's five and character references is expanded, nothing is fetched, and
/// nesting depth and the number of elements are capped, so a hostile file cannot make it
/// expand, recurse or allocate without bound. Errors name the line and column.
///
/// Foundation's `XMLParser` is not used: on Linux it lives in FoundationXML over libxml2,
/// whose entity handling is harder to pin down than a reader that knows no entities at all.
struct MarkupElement: Sendable, Hashable {
    var name: String
    var attributes: [String: String]
    var children: [MarkupElement]
    /// The element's own text (character data and CDATA directly inside it, joined).
    var text: String
    /// 1-based line of the start tag.
    var line: Int

    /// The first child named `name`.
    func child(_ name: String) -> MarkupElement? { children.first { $0.name == name } }

    /// Every child named `name`, in order.
    func children(_ name: String) -> [MarkupElement] { children.filter { $0.name == name } }

    /// The text of the `<text>` child of the child `name` (Moodle's `<name><text>…</text></name>` shape).
    func textOf(_ name: String) -> String? { child(name)?.child("text")?.text }
}

/// Why an XML document could not be read, with where.
struct MarkupError: Error, Hashable, CustomStringConvertible {
    var line: Int
    var column: Int
    var reason: String

    var description: String { "line \(line), column \(column): \(reason)" }
}
