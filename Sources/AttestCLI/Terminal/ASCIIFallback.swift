/// Plain-ASCII stand-ins for the box drawing, blocks and symbols Attest draws, for a terminal whose
/// locale is not UTF-8 (`LANG=C`, `LC_ALL=POSIX`, a Latin-1 locale): there they would print as
/// mojibake or question marks. Every stand-in is one column wide, like what it replaces, so tables
/// stay aligned. Text from packs and learners is left as it is.
enum ASCIIFallback {
    /// Whether the locale the environment names is explicitly not UTF-8. The first of `LC_ALL`,
    /// `LC_CTYPE` and `LANG` that is set decides, as for the C library; with none set, UTF-8 is assumed.
    static func isNeeded(environment: [String: String]) -> Bool {
        guard let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty })
        else { return false }
        let lowered = locale.lowercased()
        return !(lowered.contains("utf-8") || lowered.contains("utf8"))
    }

    /// `text` with each drawn symbol replaced by its ASCII stand-in.
    static func text(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let replacement = table[scalar] { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    private static let table: [Unicode.Scalar: String] = [
        "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
        "┬": "+", "┴": "+", "┼": "+", "╭": "+", "╮": "+", "╯": "+", "╰": "+",
        "█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "=", "▍": "=", "▎": "-", "▏": "|", "▕": "|",
        "▁": "_", "▂": ".", "▃": "-", "▄": "-", "▅": "=", "▆": "=", "▇": "#",
        "✓": "v", "✔": "v", "✗": "x", "✘": "x", "⚑": "F", "⚠": "!", "⏱": "@", "•": "*", "·": "-",
        "—": "-", "–": "-", "…": "~", "→": ">", "←": "<", "↑": "^", "↓": "v", "≤": "<", "≥": ">",
        "‘": "'", "’": "'", "“": "\"", "”": "\"", "×": "x",
    ]
}
