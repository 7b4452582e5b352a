/// Tab completion: the provider type the REPL supplies and the pure decisions the line
/// editor takes from its answer (what to insert, when to list, how to lay out a list).
/// Kept free of libedit so it can be unit-tested.
public enum Completion {
    /// Given the text left of the cursor, returns the word being completed and the candidates.
    public typealias Provider = @Sendable (_ textBeforeCursor: String) -> Candidates

    /// A provider's answer.
    public struct Candidates: Sendable, Hashable {
        /// The word being completed: a suffix of the text before the cursor (may be empty).
        public var word: String
        /// Full replacements for `word`; those not starting with `word` are ignored.
        public var candidates: [String]

        public init(word: String, candidates: [String]) {
            self.word = word
            self.candidates = candidates
        }

        /// Nothing to complete.
        public static let none = Candidates(word: "", candidates: [])
    }

    /// What the editor does after TAB.
    public enum Action: Sendable, Hashable {
        /// Insert this text at the cursor (a single match gets a trailing space).
        case insert(String)
        /// Show these candidates (sorted, unique) below the line, then redraw the line.
        case list([String])
        /// No candidate: ring the bell.
        case none
    }

    /// Decides the action: a single match completes plus a space; several matches extend to
    /// their longest common prefix, and list themselves when no extension is possible (so a
    /// second TAB lists them).
    public static func action(for answer: Candidates) -> Action {
        var seen = Set<String>()
        let matches = answer.candidates
            .filter { $0.hasPrefix(answer.word) && seen.insert($0).inserted }
            .sorted()
        switch matches.count {
        case 0:
            return .none
        case 1:
            return .insert(String(matches[0].dropFirst(answer.word.count)) + " ")
        default:
            let common = longestCommonPrefix(matches)
            if common.count > answer.word.count {
                return .insert(String(common.dropFirst(answer.word.count)))
            }
            return .list(matches)
        }
    }

    /// The longest prefix (in whole characters) shared by all `strings`; empty for none.
    public static func longestCommonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            var shared = 0
            for (a, b) in zip(prefix, string) {
                if a != b { break }
                shared += 1
            }
            prefix = Array(prefix.prefix(shared))
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }

    /// Lays `items` out in columns no wider than `width` terminal cells, filled top to bottom
    /// like `ls`; returns the rows without trailing spaces.
    public static func columns(_ items: [String], width: Int) -> [String] {
        guard !items.isEmpty else { return [] }
        let widths = items.map(displayWidth)
        let gap = 2
        let cell = (widths.max() ?? 0) + gap
        let columnCount = max(1, (width + gap) / cell)
        let rowCount = (items.count + columnCount - 1) / columnCount
        var rows: [String] = []
        for row in 0..<rowCount {
            var line = ""
            var column = row
            while column < items.count {
                let next = column + rowCount
                line += items[column]
                if next < items.count {
                    line += String(repeating: " ", count: cell - widths[column])
                }
                column = next
            }
            rows.append(line)
        }
        return rows
    }

    /// Terminal cells taken by `text`: East Asian wide characters and most emoji take two,
    /// combining marks and zero-width characters none, everything else one.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + cellWidth($1) }
    }

    static func cellWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        let wideRanges: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }
}

/// The completion provider the REPL passes to `LineReaders.standard`.
public typealias CompletionProvider = Completion.Provider
