/// Makes untrusted text (from packs, answers, files) safe to write to a terminal.
///
/// Pack text never reaches the terminal raw: every C0 control character except
/// newline and tab, DEL, every C1 control (which some terminals treat like ESC),
/// and the Unicode bidirectional overrides that can disguise text are replaced by
/// a visible marker such as `^[` or `<U+202E>`, so an escape sequence is
/// shown, never obeyed.
public enum TerminalText {
    /// Returns `text` with every dangerous scalar made visible and inert.
    public static func sanitize(_ text: some StringProtocol, keepNewlines: Bool = true) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isDangerous(scalar, keepNewlines: keepNewlines) {
            needsWork = true
            break
        }
        if !needsWork { return String(text) }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isDangerous(scalar, keepNewlines: keepNewlines) else {
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

    /// Whether writing `scalar` raw could change the terminal's state or disguise text.
    static func isDangerous(_ scalar: Unicode.Scalar, keepNewlines: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: return !keepNewlines
        case 0x09: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
