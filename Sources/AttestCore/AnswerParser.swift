import Foundation

/// A learner's answer, read and mapped back to pack order, ready to score.
public enum Answer: Sendable, Hashable {
    /// Chosen options of a single- or multiple-choice question: original indices, ascending.
    case choice([Int])
    case truth(Bool)
    /// Short text as typed (scoring normalises it).
    case text(String)
    case number(Double)
    /// Ordering items as the learner ordered them: original indices, first to last.
    case ordering([Int])

    /// What `ResponseRecord.selection` stores: original indices for choice and ordering answers.
    public var selection: [Int]? {
        switch self {
        case let .choice(indices), let .ordering(indices): indices
        case .truth, .text, .number: nil
        }
    }
}

/// The result of reading raw input: an answer, or a short hint saying how to answer.
public enum AnswerParse: Sendable, Hashable {
    case answer(Answer)
    /// The input could not be read; the question stays open. The hint never repeats the input
    /// (the ambiguous-comma hint repeats only its digits).
    case invalid(hint: String)
}

/// Reads what a learner typed, for each question type, against the presented labels.
///
/// The accepted forms are documented in `docs/scoring.md`. Nothing depends on the
/// locale: a dot is always the decimal separator, and a comma is accepted only as a
/// thousands separator in groups of three (`1,000`); `3,5` is refused as ambiguous.
public enum AnswerParser {
    /// Longest input read as an answer, in UTF-8 bytes. No question needs more; refusing longer input
    /// before any work keeps a pasted or piped multi-megabyte line from stalling the quiz or the journal.
    public static let maximumLength = 10_000

    public static func parse(_ raw: String, for presented: PresentedQuestion) -> AnswerParse {
        guard raw.utf8.count <= maximumLength else {
            return .invalid(hint: "that is too long for an answer (at most \(maximumLength) characters)")
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        switch presented.question.kind {
        case .singleChoice:
            let labels = presented.labels
            guard let picked = labelIndices(text, labels: labels), picked.count == 1 else {
                return .invalid(hint: "answer with one letter, \(range(labels))")
            }
            return .answer(.choice([presented.order[picked[0]]]))
        case .multipleChoice:
            let labels = presented.labels
            guard let picked = labelIndices(text, labels: labels), !picked.isEmpty, Set(picked).count == picked.count
            else {
                return .invalid(
                    hint: "choose one or more letters from \(range(labels)), each once, separated by commas or spaces (e.g. a,c)")
            }
            return .answer(.choice(picked.map { presented.order[$0] }.sorted()))
        case .trueFalse:
            switch text.lowercased() {
            case "t", "true", "y", "yes": return .answer(.truth(true))
            case "f", "false", "n", "no": return .answer(.truth(false))
            default: return .invalid(hint: "answer t (true) or f (false)")
            }
        case .shortText:
            guard !text.isEmpty else { return .invalid(hint: "type your answer, or :skip") }
            return .answer(.text(text))
        case let .numeric(key):
            switch parseNumber(text, unit: key.unit) {
            case let .value(value): return .answer(.number(value))
            case let .invalid(hint): return .invalid(hint: hint)
            }
        case .ordering:
            let labels = presented.labels
            guard let picked = labelIndices(text, labels: labels), picked.sorted() == Array(labels.indices) else {
                let example = labels.reversed().joined(separator: " ")
                return .invalid(
                    hint: "put all \(labels.count) letters \(range(labels)) in order, each once (e.g. \(example))")
            }
            return .answer(.ordering(picked.map { presented.order[$0] }))
        }
    }

    /// The outcome of reading a number.
    public enum NumberParse: Sendable, Hashable {
        case value(Double)
        case invalid(hint: String)
    }

    /// Reads a decimal number: optional sign, digits (optionally grouped in threes by commas or
    /// spaces), an optional `.` fraction and an optional exponent; an optional trailing `unit`.
    public static func parseNumber(_ raw: String, unit: String? = nil) -> NumberParse {
        let invalid = NumberParse.invalid(hint: "type a number, e.g. 3.5, -2 or 1e3 (a dot for decimals)")
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\u{2212}", with: "-")
        if let unit, !unit.isEmpty, text.lowercased().hasSuffix(unit.lowercased()), text.count > unit.count {
            text = String(text.dropLast(unit.count)).trimmingCharacters(in: .whitespaces)
        }
        var chars = Substring(text)
        var sign = ""
        if let first = chars.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            chars = chars.dropFirst()
        }
        var exponent = ""
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var tail = chars[chars.index(after: e)...]
            var expSign = ""
            if let first = tail.first, first == "+" || first == "-" {
                expSign = first == "-" ? "-" : ""
                tail = tail.dropFirst()
            }
            guard !tail.isEmpty, tail.allSatisfy(isDigit) else { return invalid }
            exponent = "e" + expSign + tail
            chars = chars[..<e]
        }
        var integerPart = chars
        var fraction = ""
        if let dot = chars.firstIndex(of: ".") {
            let tail = chars[chars.index(after: dot)...]
            guard tail.allSatisfy(isDigit) else { return invalid }
            fraction = String(tail)
            integerPart = chars[..<dot]
        }
        guard !integerPart.isEmpty || !fraction.isEmpty else { return invalid }
        let separators: Set<Character> = [",", " ", "\u{00A0}", "\u{202F}"]
        let used = Set(integerPart.filter { separators.contains($0) })
        var digits = String(integerPart)
        if let separator = used.first {
            let groups = integerPart.split(separator: separator, omittingEmptySubsequences: false)
            let grouped = used.count == 1 && groups.allSatisfy { !$0.isEmpty && $0.allSatisfy(isDigit) }
                && groups[0].count <= 3 && groups[0] != "0" && groups.dropFirst().allSatisfy { $0.count == 3 }
            if !grouped {
                if separator == ",", used.count == 1, groups.count == 2, fraction.isEmpty, exponent.isEmpty,
                   groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) })
                {
                    return .invalid(
                        hint: "a comma here is ambiguous: write \(groups[0]).\(groups[1]) for a decimal, "
                            + "or \(groups[0])\(groups[1]) without the comma")
                }
                return invalid
            }
            digits = groups.joined()
        }
        guard digits.allSatisfy(isDigit) else { return invalid }
        let normalized = sign + (digits.isEmpty ? "0" : digits) + (fraction.isEmpty ? "" : "." + fraction) + exponent
        guard let value = Double(normalized), value.isFinite else { return invalid }
        return .value(value)
    }

    /// Presented indices named by `text`: labels separated by commas and/or white space, or run
    /// together (`acd`) when every label is one letter. Nil when any token is not a label.
    static func labelIndices(_ text: String, labels: [String]) -> [Int]? {
        let lowered = text.lowercased()
        var tokens = lowered.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
        if tokens.count == 1, labels.allSatisfy({ $0.count == 1 }), tokens[0].count > 1 {
            tokens = tokens[0].map { String($0) }
        }
        var indices: [Int] = []
        for token in tokens {
            guard let index = labels.firstIndex(of: token) else { return nil }
            indices.append(index)
        }
        return indices
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    private static func range(_ labels: [String]) -> String {
        switch labels.count {
        case 0: ""
        case 1: labels[0]
        case 2: "\(labels[0]) or \(labels[1])"
        default: "\(labels[0])–\(labels[labels.count - 1])"
        }
    }
}
