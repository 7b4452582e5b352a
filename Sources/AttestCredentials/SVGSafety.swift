import Foundation

/// Decides whether a pack's SVG badge image may be baked into a learner's credential.
///
/// An SVG is a document, not a picture: opened in a browser it can run scripts (`<script>`, `on…`
/// event attributes, `javascript:` URLs), embed HTML (`<foreignObject>`), and fetch or include other
/// files (`href`/`xlink:href` to a URL or another file, CSS `url(…)` and `@import`, XML entities).
/// A badge is opened by whoever the learner shares it with, so Attest refuses, rather than silently
/// rewrites, an image holding any of these: the pack author sees exactly what to remove, and the learner
/// never hands out an image that does something. Only references inside the image (`#id`) and inline
/// PNG, JPEG or GIF data (`data:image/png;base64,…`) are allowed.
public enum SVGSafety {
    /// What in `svg` makes it unsafe to bake, one description per kind found; empty when it is safe.
    public static func problems(in svg: String) -> [String] {
        let text = decodedCharacterReferences(svg.lowercased())
        let compact = String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0.value >= 0x20 }.map(Character.init))
        var found: [String] = []
        if text.contains("<script") { found.append("a <script> element") }
        if text.contains("<foreignobject") { found.append("a <foreignObject> element") }
        if matches(#"[\s"'/]on[a-z]+\s*="#, in: text) { found.append("an event-handler attribute (on…=)") }
        if compact.contains("javascript:") || compact.contains("vbscript:") { found.append("a javascript: URL") }
        if compact.contains("<!entity") { found.append("an XML entity declaration") }
        if compact.contains("@import") { found.append("a CSS @import") }
        if references(in: text).contains(where: { !isInternal($0) }) {
            found.append("a reference to another file or a URL (href, xlink:href, src or url(…) not starting with #)")
        }
        return found
    }

    private static func isInternal(_ reference: String) -> Bool {
        let value = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty || value.hasPrefix("#")
            || ["data:image/png", "data:image/jpeg", "data:image/gif"].contains { value.hasPrefix($0) }
    }

    /// The values of `href`, `xlink:href` and `src` attributes and of CSS `url(…)`.
    private static func references(in text: String) -> [String] {
        let patterns = [#"(?:href|src)\s*=\s*"([^"]*)""#, #"(?:href|src)\s*=\s*'([^']*)'"#, #"url\(\s*["']?([^"')]*)"#]
        return patterns.flatMap { pattern -> [String] in
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
                Range(match.range(at: 1), in: text).map { String(text[$0]) }
            }
        }
    }

    private static func matches(_ pattern: String, in text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// `text` with numeric character references (`&#106;`, `&#x6A;`) replaced by their characters, so
    /// `&#106;avascript:` is seen for what it is.
    private static func decodedCharacterReferences(_ text: String) -> String {
        guard text.contains("&#"), let regex = try? NSRegularExpression(pattern: #"&#(x?)([0-9a-f]{1,6});?"#) else { return text }
        var result = ""
        var last = text.startIndex
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(match.range, in: text), let digits = Range(match.range(at: 2), in: text) else { continue }
            let hex = match.range(at: 1).length > 0
            result += text[last..<whole.lowerBound]
            if let value = UInt32(text[digits], radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value) {
                result.unicodeScalars.append(scalar)
            }
            last = whole.upperBound
        }
        return result + text[last...]
    }
}
