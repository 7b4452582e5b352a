import Foundation

/// Why Attest will not write a new pack (`pack new`, `pack import`) under a given id or title.
///
/// Both commands produce a pack that must lint clean, so they check the same two things up front:
/// the id is a slug short enough for the quiz ids derived from it, and the title holds no control
/// character (the title is not repeated in the message: it may hold escape sequences).
public enum NewPackError: LocalizedError, Equatable {
    case invalidID(String)
    case invalidTitle(control: Unicode.Scalar)

    /// The longest id accepted: the slug limit. Quiz ids made from it are shortened to fit (`derivedID`).
    public static let maximumIDLength = 64

    /// `id` + `suffix` (e.g. `-practice`) within the 64-character slug limit: a long id's stem is cut,
    /// at a hyphen when there is one in reach, so the result stays a slug.
    public static func derivedID(_ id: String, suffix: String) -> String {
        guard id.count + suffix.count > maximumIDLength else { return id + suffix }
        var stem = String(id.prefix(maximumIDLength - suffix.count))
        while stem.hasSuffix("-") { stem.removeLast() }
        return stem + suffix
    }

    /// Throws when `id` or `title` cannot be used for a new pack.
    public static func check(id: String, title: String?) throws(NewPackError) {
        guard id.utf8.count <= maximumIDLength, PackDecoding.isSlug(id) else { throw .invalidID(id) }
        if let control = title?.unicodeScalars.first(where: ImportedPack.isControl) { throw .invalidTitle(control: control) }
    }

    public var errorDescription: String? {
        switch self {
        case let .invalidTitle(control):
            "the pack title contains the control character U+\(hex4(control.value)); give a title of plain text (--title)"
        case let .invalidID(id):
            "pack id \"\(id)\" must be a slug of at most \(Self.maximumIDLength) characters: lowercase letters and digits "
                + "in hyphen-separated words, e.g. data-analytics"
        }
    }
}

/// Why an import could not start at all (problems inside the file are `ImportIssue`s instead).
public typealias PackImportError = NewPackError
