import Foundation

/// What a badge picture says in words: the credential's name, who stands behind it and the date.
///
/// The PNG and SVG draw exactly these lines, and `creds verify` compares an SVG's visible text with
/// the lines computed from the signed credential, so the words on the picture cannot drift from it.
public struct BadgeFace: Sendable, Hashable {
    /// The credential's name, wrapped for the disc.
    public var nameLines: [String]
    /// "Self-assessed" or "Issued by …" (see `issuerLine(kind:issuerName:)`).
    public var issuerKind: String
    /// The day the credential became valid, yyyy-MM-dd in UTC.
    public var date: String

    /// Characters per line of the name on the disc.
    public static let lineLength = 14

    public init(name: String, kind: IssuerKind, issuerName: String?, validFrom: Date) {
        nameLines = Self.wrap(name.trimmingCharacters(in: .whitespacesAndNewlines), width: Self.lineLength, maxLines: 3)
        issuerKind = Self.issuerLine(kind: kind, issuerName: issuerName)
        date = String(ISODate.format(validFrom).prefix(10))
    }

    /// Every line, top to bottom, as the picture shows them.
    public var lines: [String] { nameLines + [issuerKind, date] }

    /// The picture's words for who stands behind the credential: the credential's own issuer kind
    /// (`OpenBadgeCredential.issuerKind`, decided by the signed achievement's tag) — never its display name,
    /// which a setting can change. An issued credential names its issuer, shortened to fit.
    public static func issuerLine(kind: IssuerKind, issuerName: String?) -> String {
        let name = (issuerName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if kind == .selfAssessed || name.isEmpty { return kind == .selfAssessed ? "Self-assessed" : "Issued" }
        return "Issued by " + (name.count > 24 ? String(name.prefix(23)) + "…" : name)
    }

    /// Words packed into lines of at most `width` characters, breaking only at spaces (a longer
    /// word is cut), at most `maxLines` lines, the last ending in "…" when text is left over.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            let piece = word.count > width ? String(word.prefix(width - 1)) + "…" : word
            if current.isEmpty {
                current = piece
            } else if current.count + 1 + piece.count <= width {
                current += " " + piece
            } else {
                lines.append(current)
                current = piece
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            let last = lines[maxLines - 1]
            lines[maxLines - 1] = (last.count >= width ? String(last.prefix(width - 1)) : last) + "…"
        }
        return lines.isEmpty ? [""] : lines
    }
}

extension BadgeFace {
    /// The face of a credential as `creds verify` decoded it; nil when it lacks a name or a start date.
    public init?(_ summary: CredentialSummary) {
        guard let name = summary.name, let validFrom = summary.validFrom else { return nil }
        self.init(name: name, kind: summary.issuerKind, issuerName: summary.issuerName, validFrom: validFrom)
    }
}
