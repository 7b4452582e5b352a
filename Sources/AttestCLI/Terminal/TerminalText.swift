/// Makes untrusted text (from packs, answers, files) safe to write to a terminal: the one path every
/// string that did not come from Attest takes (pack text, file names, arguments echoed in messages,
/// learner names, imported values, error messages, completion candidates).
///
/// Pack text never reaches the terminal raw: every C0 control character except
/// newline and tab, DEL, every C1 control (which some terminals treat like ESC),
/// the Unicode bidirectional overrides, isolates and marks that can disguise text, and the
/// invisible zero-width characters are replaced by a visible marker such as `^[` or `<U+202E>`,
/// so an escape sequence is shown, never obeyed. `quoted` does the same for one-line echoes and
/// cuts very long values short with a visible marker.
public enum TerminalText {
    /// `text` made safe for one line (newlines and tabs shown as `^J`/`^I` too) and cut after
    /// `limit` UTF-8 bytes with a marker saying how much was left out (`… (1.2 MB more)`): for a file
    /// name, an argument or an imported value quoted in a message or a listing.
    public static func quoted(_ text: some StringProtocol, limit: Int = 400) -> String {
        let (kept, marker) = cut(Substring(text), limit: limit)
        return sanitize(kept, keepNewlines: false, keepTabs: false) + marker
    }

    /// Longer texts are cut short by `shown` (and so by `Console.safe` and the Markdown renderer).
    public static let displayLimit = 64 * 1024

    /// `text` made safe as `sanitize` does (newlines kept), cut after `limit` UTF-8 bytes with a
    /// visible marker: a 30 MB credential name or a 200 MB prompt is not printed whole.
    public static func shown(_ text: some StringProtocol, limit: Int = displayLimit) -> String {
        let (kept, marker) = cut(Substring(text), limit: limit)
        return sanitize(kept) + marker
    }

    /// The first `limit` bytes of `text` (at a scalar boundary) and the marker saying what was left out.
    private static func cut(_ text: Substring, limit: Int) -> (Substring, String) {
        let utf8 = text.utf8
        guard utf8.count > limit else { return (text[...], "") }
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        let kept = text[..<end]
        return (kept, "… (" + byteCount(utf8.count - kept.utf8.count) + " more)")
    }

    /// `512 bytes`, `12.5 KB`, `1.2 MB`, `3.4 GB` (powers of 1,000, one decimal).
    public static func byteCount(_ bytes: Int) -> String {
        if bytes < 1_000 { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1_000
        var unit = 0
        while value >= 999.95, unit < units.count - 1 {
            value /= 1_000
            unit += 1
        }
        return String(format: "%.1f ", value) + units[unit]
    }

    /// Returns `text` with every dangerous scalar made visible and inert.
    public static func sanitize(_ text: some StringProtocol, keepNewlines: Bool = true, keepTabs: Bool = true) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isDangerous(scalar, keepNewlines: keepNewlines, keepTabs: keepTabs) {
            needsWork = true
            break
        }
        if !needsWork { return String(text) }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isDangerous(scalar, keepNewlines: keepNewlines, keepTabs: keepTabs) else {
                result.append(scalar)
                continue
            }
            let marker: String
            switch scalar.value {
            case 0x00...0x1F: marker = "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: marker = "^?"
            default: marker = "<U+" + String(scalar.value, radix: 16, uppercase: true) + ">"
            }
            result.append(contentsOf: marker.unicodeScalars)
        }
        return String(result)
    }

    /// Whether writing `scalar` raw could change the terminal's state or disguise text: C0/C1 controls
    /// and DEL, bidi embeddings/overrides/isolates/marks, line and paragraph separators, and invisible
    /// zero-width characters (the joiners U+200C/U+200D stay: emoji and several scripts need them).
    public static func isDangerous(_ scalar: Unicode.Scalar, keepNewlines: Bool = false, keepTabs: Bool = false) -> Bool {
        switch scalar.value {
        case 0x0A: return !keepNewlines
        case 0x09: return !keepTabs
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        case 0x200B, 0x2060...0x2064, 0xFEFF, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
