import Foundation

/// GIFT text with its escapes resolved: each character remembers whether it was escaped,
/// so `\{` is plain text while `{` opens an answer block.
struct GIFTText {
    struct Unit: Equatable {
        var character: Character
        var escaped: Bool
    }

    /// The characters `\` makes literal (as in Moodle, `\\` is one backslash); `\n` is a line break.
    static let escapable: Set<Character> = ["\\", "~", "=", "#", "{", "}", ":"]

    var units: [Unit]

    init(units: [Unit]) {
        self.units = units
    }

    init(_ text: String) {
        var result: [Unit] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                let next = characters[index + 1]
                if Self.escapable.contains(next) {
                    result.append(Unit(character: next, escaped: true))
                    index += 2
                    continue
                }
                if next == "n" {
                    result.append(Unit(character: "\n", escaped: true))
                    index += 2
                    continue
                }
            }
            result.append(Unit(character: character, escaped: false))
            index += 1
        }
        units = result
    }

    var isEmpty: Bool { text.isEmpty }

    /// The plain text, trimmed.
    var text: String {
        String(units.map(\.character)).trimmingEdges(in: .whitespacesAndNewlines)
    }

    subscript(range: Range<Int>) -> GIFTText {
        GIFTText(units: Array(units[range]))
    }

    func dropFirst(_ count: Int) -> GIFTText {
        GIFTText(units: Array(units.dropFirst(count)))
    }

    /// Leading and trailing white space removed.
    var trimmed: GIFTText {
        var slice = units[...]
        while let first = slice.first, !first.escaped, first.character.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, !last.escaped, last.character.isWhitespace { slice = slice.dropLast() }
        return GIFTText(units: Array(slice))
    }

    /// Where the unescaped `marker` first starts at or after `start`.
    func find(_ marker: String, from start: Int = 0) -> Int? {
        let pattern = Array(marker)
        guard !pattern.isEmpty, units.count >= pattern.count, start <= units.count - pattern.count else { return nil }
        for index in start...(units.count - pattern.count) {
            var matches = true
            for (offset, character) in pattern.enumerated() {
                let unit = units[index + offset]
                if unit.escaped || unit.character != character {
                    matches = false
                    break
                }
            }
            if matches { return index }
        }
        return nil
    }

    /// Where the unescaped `marker` last starts.
    func findLast(_ marker: String) -> Int? {
        var found: Int?
        var start = 0
        while let index = find(marker, from: start) {
            found = index
            start = index + 1
        }
        return found
    }

    func hasPrefix(_ marker: String) -> Bool { find(marker) == 0 && units.count >= marker.count }

    /// Splits before each unescaped character in `markers`; the text before the first marker comes first.
    func split(before markers: Set<Character>) -> (leading: GIFTText, parts: [(marker: Character, body: GIFTText)]) {
        var leading: [Unit] = []
        var parts: [(Character, [Unit])] = []
        for unit in units {
            if !unit.escaped, markers.contains(unit.character) {
                parts.append((unit.character, []))
            } else if parts.isEmpty {
                leading.append(unit)
            } else {
                parts[parts.count - 1].1.append(unit)
            }
        }
        return (GIFTText(units: leading), parts.map { ($0.0, GIFTText(units: $0.1)) })
    }

    /// The text before and after the first unescaped `marker` (nil after when absent).
    func cut(at marker: String) -> (before: GIFTText, after: GIFTText?) {
        guard let index = find(marker) else { return (self, nil) }
        return (self[0..<index], self[(index + marker.count)..<units.count])
    }

    /// A leading `%weight%` as Moodle reads it (`%`, optional `-`, one or two digits, optional
    /// decimals, `%`), and the rest; `invalid` holds a `%…%` prefix Moodle does not read as a weight.
    func weight() -> (weight: Double?, rest: GIFTText, invalid: String?) {
        let body = trimmed
        guard body.hasPrefix("%"), let end = body.find("%", from: 1) else { return (nil, body, nil) }
        let raw = body[1..<end].text
        let shape = raw.range(of: "^-*[0-9]{1,2}\\.?[0-9]*$", options: .regularExpression) != nil
        guard shape, let value = Double(raw.replacingOccurrences(of: "^-+", with: "-", options: .regularExpression)), value.isFinite
        else { return (nil, body, raw) }
        return (value, body[(end + 1)..<body.units.count], nil)
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in:)`, skipped when neither end is in `set`: on Linux Foundation's trimming
    /// copies through NSString, the bulk of an importer's time on a large bank.
    func trimmingEdges(in set: CharacterSet) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        if !set.contains(first), !set.contains(last) { return String(self) }
        return trimmingCharacters(in: set)
    }
}
