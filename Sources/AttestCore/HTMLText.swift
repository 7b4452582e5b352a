import Foundation

/// Converts the HTML that Moodle question banks carry (`[html]` and the default `[moodle]`
/// format) into the pack's text form: light Markdown with entities decoded, never raw tags.
///
/// `<br>` and paragraph-like blocks become line breaks, bold/italic/code become Markdown,
/// comments, scripts and styles disappear, every other tag is dropped keeping its text.
/// Media (`<img>`, `<audio>`, `<video>`, `<object>`, `<iframe>`) cannot be carried: the
/// converter names what it dropped so the importer can report it.
struct HTMLText {
    /// The converted text.
    var text: String
    /// Media elements dropped, by tag name (`img`, `audio`, ...), in order of appearance.
    var droppedMedia: [String]
    /// Whether any tag other than line breaks, paragraphs and inline formatting was dropped.
    var droppedFormatting: Bool

    static let media: Set<String> = ["img", "audio", "video", "object", "embed", "iframe", "svg", "math"]
    private static let blocks: Set<String> = [
        "p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
    ]
    private static let skippedContent: Set<String> = ["script", "style", "svg", "math"]
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "eacute": "é", "egrave": "è",
        "ecirc": "ê", "euml": "ë", "aacute": "á", "agrave": "à", "acirc": "â", "auml": "ä", "atilde": "ã", "aring": "å",
        "iacute": "í", "igrave": "ì", "icirc": "î", "iuml": "ï", "oacute": "ó", "ograve": "ò", "ocirc": "ô", "ouml": "ö",
        "otilde": "õ", "uacute": "ú", "ugrave": "ù", "ucirc": "û", "uuml": "ü", "ccedil": "ç", "ntilde": "ñ", "szlig": "ß",
        "Eacute": "É", "Egrave": "È", "Aacute": "Á", "Agrave": "À", "Ccedil": "Ç", "Ntilde": "Ñ", "Ouml": "Ö", "Uuml": "Ü",
        "Auml": "Ä", "aelig": "æ", "oslash": "ø", "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}",
        "ldquo": "\u{201C}", "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "laquo": "«", "raquo": "»",
        "copy": "©", "reg": "®", "trade": "\u{2122}", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
        "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}", "minus": "\u{2212}", "micro": "µ", "middot": "·",
        "bull": "\u{2022}", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "sect": "§", "para": "¶", "frac12": "½",
        "frac14": "¼", "frac34": "¾", "sup2": "²", "sup3": "³", "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ",
        "pi": "π", "sigma": "σ", "mu": "μ", "lambda": "λ", "theta": "θ", "omega": "ω", "Delta": "Δ", "Sigma": "Σ",
        "Omega": "Ω", "rarr": "\u{2192}", "larr": "\u{2190}", "harr": "\u{2194}", "infin": "\u{221E}", "thinsp": "\u{2009}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "shy": "",
    ]

    init(html: String) {
        var output = ""
        var media: [String] = []
        var dropped = false
        var skipping: String?
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let tag = Self.tag(in: html, at: index) {
                index = tag.end
                if let open = skipping {
                    if tag.closing, tag.name == open { skipping = nil }
                    continue
                }
                if tag.name == "!--" || tag.name.hasPrefix("!") || tag.name.hasPrefix("?") { continue }
                if Self.media.contains(tag.name), !tag.closing { media.append(tag.name) }
                if Self.skippedContent.contains(tag.name), !tag.closing, !tag.selfClosing { skipping = tag.name }
                switch tag.name {
                case "br": output += "\n"
                case "b", "strong": output += "**"
                case "i", "em": output += "*"
                case "code", "tt", "kbd", "samp": output += "`"
                case "pre": output += "\n```\n"
                case "li": if !tag.closing { output += "\n- " }
                case _ where Self.blocks.contains(tag.name): output += "\n"
                default: if !Self.media.contains(tag.name) { dropped = true }
                }
                continue
            }
            if skipping != nil {
                index = html.index(after: index)
                continue
            }
            if character == "&", let entity = Self.entity(in: html, at: index) {
                output += entity.text
                index = entity.end
                continue
            }
            output.append(character)
            index = html.index(after: index)
        }
        text = Self.tidy(output)
        droppedMedia = media
        droppedFormatting = dropped
    }

    /// A tag starting at `start` (`<` followed by a letter, `/`, `!` or `?`), or nil when the `<` is plain text.
    private static func tag(in html: String, at start: String.Index) -> (name: String, closing: Bool, selfClosing: Bool, end: String.Index)? {
        var index = html.index(after: start)
        guard index < html.endIndex else { return nil }
        if html[index...].hasPrefix("!--") {
            guard let close = html.range(of: "-->", range: index..<html.endIndex) else {
                return ("!--", false, true, html.endIndex)
            }
            return ("!--", false, true, close.upperBound)
        }
        var closing = false
        if html[index] == "/" {
            closing = true
            index = html.index(after: index)
        }
        guard index < html.endIndex, html[index].isASCII, html[index].isLetter || html[index] == "!" || html[index] == "?" else {
            return nil
        }
        var name = ""
        while index < html.endIndex, html[index].isASCII, html[index].isLetter || html[index].isNumber || html[index] == "!" || html[index] == "?" {
            name.append(html[index])
            index = html.index(after: index)
        }
        var quote: Character?
        var previous: Character = " "
        while index < html.endIndex {
            let character = html[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return (name.lowercased(), closing, previous == "/", html.index(after: index))
            }
            previous = character
            index = html.index(after: index)
        }
        return nil
    }

    /// `&name;`, `&#123;` or `&#x1F;` starting at `start`, decoded; nil when unknown (kept as written).
    private static func entity(in html: String, at start: String.Index) -> (text: String, end: String.Index)? {
        guard let semicolon = html[start...].prefix(12).firstIndex(of: ";") else { return nil }
        let body = html[html.index(after: start)..<semicolon]
        let end = html.index(after: semicolon)
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return (String(Character(scalar)), end)
        }
        guard let text = named[String(body)] else { return nil }
        return (text, end)
    }

    /// As a browser shows it: runs of spaces as one, each line trimmed, at most one blank line in a row;
    /// non-breaking spaces become plain spaces.
    private static func tidy(_ text: String) -> String {
        var result: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // Runs of spaces and tabs (non-breaking spaces included) become one space, in one pass.
            var line = ""
            line.reserveCapacity(raw.utf8.count)
            var pendingSpace = false
            for character in raw {
                if character == " " || character == "\t" || character == "\u{00A0}" {
                    pendingSpace = true
                    continue
                }
                if pendingSpace, !line.isEmpty { line.append(" ") }
                pendingSpace = false
                line.append(character)
            }
            if line.first?.isWhitespace == true || line.last?.isWhitespace == true {
                line = line.trimmingCharacters(in: .whitespaces)
            }
            if line.isEmpty, result.last?.isEmpty ?? true { continue }
            result.append(line)
        }
        while result.last?.isEmpty == true { result.removeLast() }
        let joined = result.joined(separator: "\n")
        return joined.first?.isWhitespace == true || joined.last?.isWhitespace == true
            ? joined.trimmingCharacters(in: .whitespacesAndNewlines) : joined
    }
}
