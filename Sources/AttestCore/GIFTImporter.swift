import Foundation

/// Converts a Moodle GIFT question bank into an Attest pack, reporting everything it could not carry over.
///
/// Pure text in, pack JSON text and a report out. Supported: multiple choice (with weights;
/// negative weights make a select-all-that-apply question), true/false, short answer,
/// numerical, missing word, titles, categories (→ skills), comments, per-answer and general
/// feedback, format tags and escapes. Matching and essay questions are reported and skipped.
/// `docs/instructor-guide.md` lists what maps where.
public enum GIFTImporter {
    public static func importPack(_ text: String, id: String, title: String? = nil) throws(PackImportError) -> PackImportResult {
        var pack = try ImportedPack(id: id, title: title)
        var category: String?
        for block in blocks(text) {
            var lines = block
            if let first = lines.first, first.text.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("$category:") {
                let path = first.text.trimmingCharacters(in: .whitespaces).dropFirst("$category:".count)
                var parts = path.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty && !($0.hasPrefix("$") && $0.hasSuffix("$")) }
                if parts.first?.lowercased() == "top" { parts.removeFirst() }
                category = parts.last
                if parts.isEmpty {
                    pack.report(first.number, "category \"\(path.trimmingCharacters(in: .whitespaces))\"",
                                "names no category below $course$ and top; following questions go to the skill \"general\"")
                }
                lines.removeFirst()
                if lines.isEmpty { continue }
            }
            parseQuestion(lines, category: category, into: &pack)
        }
        return pack.result()
    }

    struct Line {
        var number: Int
        var text: String
    }

    /// Questions are separated by blank lines (as in Moodle); `//` comment lines are dropped.
    static func blocks(_ text: String) -> [[Line]] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var blocks: [[Line]] = []
        var current: [Line] = []
        for (offset, raw) in normalized.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(raw)
            if offset == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") { continue }
            if trimmed.isEmpty {
                if !current.isEmpty { blocks.append(current) }
                current = []
                continue
            }
            current.append(Line(number: offset + 1, text: line))
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    static func parseQuestion(_ lines: [Line], category: String?, into pack: inout ImportedPack) {
        let line = lines[0].number
        var body = GIFTText(lines.map(\.text).joined(separator: "\n")).trimmed
        var title: String?
        var format = "moodle"
        // `::title::[format]` is Moodle's order; a format tag before the title is accepted too.
        for _ in 0..<2 {
            if title == nil, body.hasPrefix("::"), let end = body.find("::", from: 2) {
                title = body[2..<end].text
                body = body[(end + 2)..<body.units.count].trimmed
            }
            if body.hasPrefix("["), let end = body.find("]"), end <= 10 {
                let name = body[1..<end].text.lowercased()
                if ["html", "moodle", "plain", "markdown"].contains(name) {
                    format = name
                    body = body[(end + 1)..<body.units.count].trimmed
                }
            }
        }
        let preview = title ?? String(body.text.prefix(40))
        let label = "question \"\(preview)\""
        guard let open = body.find("{") else {
            if body.find("}") != nil {
                return pack.report(line, label, "skipped: a closing } has no opening {")
            }
            return pack.report(line, label, "skipped: no answer block in braces (a description, not a question)")
        }
        guard let close = body.find("}", from: open + 1) else {
            return pack.report(line, label, "skipped: the answer block opened with { is never closed")
        }
        let after = body[(close + 1)..<body.units.count]
        if after.find("{") != nil {
            return pack.report(line, label, "skipped: more than one answer block (embedded answers are not supported)")
        }
        var html = HTMLCleaner(active: format == "html")
        var prompt = html.clean(body[0..<open].text)
        let tail = html.clean(after.text)
        if !tail.isEmpty {
            let joiner = tail.first.map { $0.isPunctuation } == true ? "" : " "
            prompt = (prompt.isEmpty ? "____" : prompt + " ____") + joiner + tail
        }
        var answers = body[(open + 1)..<close]
        var explanation: String?
        let general = answers.cut(at: "####")
        if let feedback = general.after {
            explanation = html.clean(feedback.text)
            answers = general.before
        }
        let context = Context(line: line, title: title, label: label, category: category, prompt: prompt, explanation: explanation)
        parseAnswers(answers.trimmed, context, html: &html, into: &pack)
        if html.removedTags {
            pack.report(line, label, "HTML tags removed; their formatting is not carried over")
        }
    }

    struct Context {
        var line: Int
        var title: String?
        var label: String
        var category: String?
        var prompt: String
        var explanation: String?

        func item(_ key: ImportedPack.Item.Key) -> ImportedPack.Item {
            ImportedPack.Item(line: line, title: title, prompt: prompt, key: key, explanation: explanation, skillName: category)
        }
    }

    static func parseAnswers(_ answers: GIFTText, _ context: Context, html: inout HTMLCleaner, into pack: inout ImportedPack) {
        let line = context.line
        if answers.isEmpty {
            return pack.report(line, "essay " + context.label, "skipped: Attest cannot score free-form answers")
        }
        if answers.hasPrefix("#") {
            return parseNumerical(answers.dropFirst(1), context, into: &pack)
        }
        let truth = answers.cut(at: "#")
        switch truth.before.text.uppercased() {
        case "T", "TRUE", "F", "FALSE":
            if let feedback = truth.after, !feedback.text.replacingOccurrences(of: "#", with: "").trimmingCharacters(in: .whitespaces).isEmpty {
                pack.report(line, context.label, "true/false feedback not carried over (Attest shows the explanation instead)")
            }
            return pack.add(context.item(.truth(truth.before.text.uppercased().hasPrefix("T"))), label: context.label)
        default:
            break
        }
        let (leading, parts) = answers.split(before: ["=", "~"])
        if !leading.isEmpty {
            return pack.report(line, context.label, "skipped: text \"\(leading.text.prefix(30))\" before the first = or ~ in the answers")
        }
        if parts.contains(where: { $0.marker == "=" && $0.body.find("->") != nil }) {
            return pack.report(line, "matching " + context.label, "skipped: Attest has no matching questions")
        }
        struct Answer {
            var weight: Double
            var text: String
            var feedback: String?
        }
        var list: [Answer] = []
        for part in parts {
            let weighed = part.body.weight()
            if let invalid = weighed.invalid {
                pack.report(line, context.label, "weight %\(invalid)% is not a number; the answer counts as wrong")
            }
            let split = weighed.rest.cut(at: "#")
            let feedback = split.after.map { html.clean($0.text) }.flatMap { $0.isEmpty ? nil : $0 }
            list.append(Answer(
                weight: weighed.weight ?? (part.marker == "=" ? 100 : 0), text: html.clean(split.before.text), feedback: feedback))
        }
        if !parts.contains(where: { $0.marker == "~" }) {
            var accepted: [String] = []
            for answer in list {
                if answer.weight >= 100 {
                    accepted.append(answer.text)
                } else {
                    pack.report(line, context.label, "partial-credit answer \"\(answer.text)\" (\(percent(answer.weight))) not carried over")
                }
                if answer.feedback != nil {
                    pack.report(line, context.label, "feedback for answer \"\(answer.text)\" not carried over (short-answer questions have none)")
                }
            }
            if accepted.isEmpty {
                return pack.report(line, context.label, "skipped: no answer carries full credit")
            }
            return pack.add(context.item(.text(accepted)), label: context.label)
        }
        if list.contains(where: { $0.weight < 0 }) {
            pack.report(line, context.label, "answer weights replaced by Attest's select-all-that-apply scoring: "
                + "options with a positive weight are the correct ones")
            let choices = list.map { ImportedPack.Item.Choice(text: $0.text, correct: $0.weight > 0, feedback: $0.feedback) }
            return pack.add(context.item(.multiple(choices)), label: context.label)
        }
        for answer in list where answer.weight > 0 && answer.weight < 100 {
            pack.report(line, context.label, "partial credit (\(percent(answer.weight))) for option \"\(answer.text)\" not carried over: it counts as wrong")
        }
        let choices = list.map { ImportedPack.Item.Choice(text: $0.text, correct: $0.weight >= 100, feedback: $0.feedback) }
        let full = choices.filter(\.correct).count
        if full > 1 {
            pack.report(line, context.label, "\(full) options carry full credit: imported as select-all-that-apply")
            return pack.add(context.item(.multiple(choices)), label: context.label)
        }
        pack.add(context.item(.single(choices)), label: context.label)
    }

    static func parseNumerical(_ answers: GIFTText, _ context: Context, into pack: inout ImportedPack) {
        let line = context.line
        let (leading, parts) = answers.split(before: ["="])
        var specs: [(weight: Double, spec: GIFTText)] = []
        if parts.isEmpty {
            specs = [(100, leading)]
        } else {
            if !leading.isEmpty {
                return pack.report(line, context.label, "skipped: text \"\(leading.text.prefix(30))\" before the first = in a numerical answer")
            }
            for part in parts {
                let weighed = part.body.weight()
                specs.append((weighed.weight ?? 100, weighed.rest))
            }
        }
        var chosen: ImportedPack.Item.Key?
        for (weight, spec) in specs {
            let split = spec.cut(at: "#")
            let raw = split.before.text
            if split.after.map({ !$0.isEmpty }) == true {
                pack.report(line, context.label, "feedback for answer \(raw) not carried over (numeric questions have none)")
            }
            guard weight >= 100, chosen == nil else {
                pack.report(line, context.label, "\(weight >= 100 ? "another full-credit" : "partial-credit") answer \(raw)"
                    + (weight >= 100 ? "" : " (\(percent(weight)))") + " not carried over")
                continue
            }
            guard let key = numericKey(raw) else {
                return pack.report(line, context.label, "skipped: cannot read the number \"\(raw)\"")
            }
            chosen = key
        }
        guard let chosen else {
            return pack.report(line, context.label, "skipped: no numerical answer carries full credit")
        }
        pack.add(context.item(chosen), label: context.label)
    }

    /// `3`, `3:0.5` (value and tolerance) or `1..5` (range).
    static func numericKey(_ raw: String) -> ImportedPack.Item.Key? {
        func number(_ text: Substring) -> Double? {
            Double(text.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
        }
        if let range = raw.range(of: "..") {
            guard let low = number(raw[..<range.lowerBound]), let high = number(raw[range.upperBound...]), low <= high else { return nil }
            return .range(low: low, high: high)
        }
        let pieces = raw.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let value = number(pieces[0]) else { return nil }
        if pieces.count == 2 {
            guard let tolerance = number(pieces[1]), tolerance >= 0 else { return nil }
            return .number(value: value, tolerance: tolerance)
        }
        return .number(value: value, tolerance: 0)
    }

    static func percent(_ weight: Double) -> String {
        "\(CorrectAnswer.format(weight))%"
    }
}

/// Strips tags from `[html]` text (keeping their content) and decodes the common entities,
/// remembering that it did so the importer can report it.
struct HTMLCleaner {
    var active: Bool
    private(set) var removedTags = false

    init(active: Bool) {
        self.active = active
    }

    mutating func clean(_ text: String) -> String {
        guard active else { return text }
        var result = ""
        var inTag = false
        for character in text {
            if character == "<" {
                inTag = true
                removedTags = true
            } else if character == ">", inTag {
                inTag = false
            } else if !inTag {
                result.append(character)
            }
        }
        let entities = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")]
        for (entity, replacement) in entities {
            result = result.replacingOccurrences(of: entity, with: replacement)
        }
        return result.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
