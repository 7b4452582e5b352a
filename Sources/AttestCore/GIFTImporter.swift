import Foundation

/// Converts a Moodle GIFT question bank into an Attest pack, reporting everything it could not carry over.
///
/// Pure text in, pack JSON text and a report out. The reading follows Moodle's own
/// `qformat_gift` (question/format/gift/format.php): the question type is decided the way
/// Moodle decides it (`#` numerical, any `~` multiple choice, `=` with `->` matching,
/// `T`/`F` true/false, anything else short answer), weights, format markers, escapes and
/// general feedback are read as Moodle reads them, and HTML in the `[html]` and default
/// `[moodle]` formats becomes the pack's light-Markdown text. Where Attest cannot hold what
/// Moodle would (partial credit, matching, essays, media), the report says so, one line each.
/// `docs/instructor-guide.md` lists what maps where.
public enum GIFTImporter {
    public static func importPack(_ text: String, id: String, title: String? = nil) throws(PackImportError) -> PackImportResult {
        var importer = try GIFTStreamImporter(id: id, title: title)
        return importer.importing(text)
    }

    /// A block's leading `$CATEGORY:` line (which sets the skill for the questions after it) is
    /// taken first; the rest, if any, is a question.
    static func take(_ block: GIFTBlock, category: inout String?, into pack: inout ImportedPack) {
        var lines = block.lines
        if let first = lines.first, first.text.trimmingEdges(in: .whitespaces).lowercased().hasPrefix("$category:") {
            let path = first.text.trimmingCharacters(in: .whitespaces).dropFirst("$category:".count)
            let parts = categoryComponents(String(path))
            category = parts.last
            if parts.isEmpty {
                pack.report(first.number, "category \"\(path.trimmingCharacters(in: .whitespaces))\"",
                            "names no category below $course$ and top; following questions go to the skill \"general\"")
            }
            lines.removeFirst()
            if lines.isEmpty { return }
        }
        parseQuestion(GIFTBlock(lines: lines, sourceID: block.sourceID, tags: block.tags), category: category, into: &pack)
    }

    /// A Moodle category path's names below the context (`$course$`, `$cat1$`, ...) and `top`;
    /// `//` stands for a `/` inside a name, as Moodle writes it.
    static func categoryComponents(_ path: String) -> [String] {
        let marker = "\u{1}"
        var parts = path.replacingOccurrences(of: "//", with: marker).split(separator: "/")
            .map { $0.replacingOccurrences(of: marker, with: "/").trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !($0.hasPrefix("$") && $0.hasSuffix("$")) }
        if parts.first?.lowercased() == "top" { parts.removeFirst() }
        return parts
    }

    struct Line {
        var number: Int
        var text: String
    }

    /// One question's lines, with the id and tags newer Moodle writes in `// [id:…] [tag:…]` comments.
    struct GIFTBlock {
        var lines: [Line]
        var sourceID: String?
        var tags: [String]
    }

    /// The `[id:value]` and `[tag:value]` markers of a comment line (`\]` stands for `]` inside a value).
    static func markers(in comment: String) -> [(name: String, value: String)] {
        var found: [(String, String)] = []
        var rest = Substring(comment)
        while let open = rest.range(of: "[") {
            let after = rest[open.upperBound...]
            let name = after.hasPrefix("id:") ? "id" : after.hasPrefix("tag:") ? "tag" : nil
            guard let name else {
                rest = after
                continue
            }
            var value = ""
            var index = after.index(after.startIndex, offsetBy: name.count + 1)
            var closed = false
            while index < after.endIndex {
                let character = after[index]
                if character == "\\", after.index(after: index) < after.endIndex, after[after.index(after: index)] == "]" {
                    value.append("]")
                    index = after.index(index, offsetBy: 2)
                    continue
                }
                if character == "]" {
                    closed = true
                    break
                }
                value.append(character)
                index = after.index(after: index)
            }
            guard closed else { break }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { found.append((name, trimmed)) }
            rest = after[after.index(after: index)...]
        }
        return found
    }

    static func parseQuestion(_ block: GIFTBlock, category: String?, into pack: inout ImportedPack) {
        let lines = block.lines
        let line = lines[0].number
        var body = GIFTText(lines.map(\.text).joined(separator: "\n")).trimmed
        var title: String?
        var unclosedTitle = false
        var format = GIFTFormat.moodle
        // `::title::[format]` is Moodle's order; a format marker before the title is accepted too.
        for _ in 0..<2 {
            if title == nil, !unclosedTitle, body.hasPrefix("::") {
                if let end = body.find("::", from: 2) {
                    title = body[2..<end].text
                    body = body[(end + 2)..<body.units.count].trimmed
                } else {
                    // Moodle drops the `::` of a title that is never closed and names the question from its text.
                    unclosedTitle = true
                    body = body.dropFirst(2).trimmed
                }
            }
            if let marked = GIFTFormat.marker(in: body) {
                format = marked.format
                body = marked.rest.trimmed
            }
        }
        var fields = GIFTFields(format: format)
        var scratch = fields
        let preview = title ?? String(scratch.convert(body[0..<(body.find("{") ?? body.units.count)].text, as: format).prefix(40))
        let label = "question \"\(preview)\""
        if unclosedTitle {
            pack.report(line, label, "the title's opening :: is never closed; like Moodle, the :: is dropped and the text is the question")
        }
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
        var prompt = fields.convert(body[0..<open].text, as: format)
        let tail = fields.convert(after.text, as: format)
        if !tail.isEmpty {
            let joiner = tail.first.map { $0.isPunctuation } == true ? "" : " "
            prompt = (prompt.isEmpty ? "____" : prompt + " ____") + joiner + tail
        }
        var answers = body[(open + 1)..<close].trimmed
        var explanation: String?
        // Moodle splits at the last `####`.
        if let general = answers.findLast("####") {
            explanation = fields.text(answers[(general + 4)..<answers.units.count])
            answers = answers[0..<general].trimmed
        }
        let context = Context(
            line: line, title: title, label: label, category: category, prompt: prompt, explanation: explanation,
            sourceID: block.sourceID, tags: block.tags)
        parseAnswers(answers, context, fields: &fields, into: &pack)
        for medium in fields.droppedMedia {
            pack.report(line, label, "\(GIFTFields.mediaName(medium)) not carried over (Attest packs hold text only)")
        }
        if fields.droppedFormatting {
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
        var sourceID: String?
        var tags: [String]
        var points: Double?
        var skillID: String?

        func item(_ key: ImportedPack.Item.Key, unit: String? = nil) -> ImportedPack.Item {
            ImportedPack.Item(
                line: line, title: title, prompt: prompt, key: key, explanation: explanation, skillName: category,
                sourceID: sourceID, tags: tags, points: points, unit: unit, skillID: skillID)
        }
    }

    /// One answer as Moodle holds it: its fraction (1 = full credit), text (pack text) and feedback.
    struct MoodleAnswer {
        var fraction: Double
        var text: String
        var feedback: String?
    }

    /// One answer of a multiple-choice, short-answer or numerical block: Moodle's fraction (1 = full credit), text and feedback.
    struct Answer {
        var fraction: Double
        var text: GIFTText
        var feedback: String?
    }

    static func parseAnswers(_ answers: GIFTText, _ context: Context, fields: inout GIFTFields, into pack: inout ImportedPack) {
        let line = context.line
        if answers.isEmpty {
            return pack.report(line, "essay " + context.label, "skipped: Attest cannot score free-form answers")
        }
        if answers.hasPrefix("#") {
            return parseNumerical(answers.dropFirst(1), context, fields: &fields, into: &pack)
        }
        if answers.find("~") != nil {
            return parseChoice(answers, context, fields: &fields, into: &pack)
        }
        if answers.find("=") != nil, answers.find("->") != nil {
            return pack.report(line, "matching " + context.label, "skipped: Attest has no matching questions")
        }
        let truth = answers.cut(at: "#")
        let word = truth.before.text
        if ["T", "TRUE", "F", "FALSE"].contains(word) {
            if let feedback = truth.after, !feedback.text.replacingOccurrences(of: "#", with: "").trimmingCharacters(in: .whitespaces).isEmpty {
                pack.report(line, context.label, "true/false feedback not carried over (Attest shows the explanation instead)")
            }
            return pack.add(context.item(.truth(word.hasPrefix("T"))), label: context.label)
        }
        parseShortAnswer(answers, context, fields: &fields, into: &pack)
    }

    /// Moodle: `=` answers are full credit, `~` answers take their `%weight%` (0 without); a block
    /// without `=` is multiple-response ("select all that apply"), with `=` single-answer.
    static func parseChoice(_ answers: GIFTText, _ context: Context, fields: inout GIFTFields, into pack: inout ImportedPack) {
        let single = answers.find("=") != nil
        var (leading, parts) = answers.split(before: ["=", "~"])
        if !leading.trimmed.isEmpty { parts.insert(("~", leading), at: 0) }
        var list: [MoodleAnswer] = []
        for part in parts {
            let answer = read(part, fullByDefault: false, context, fields: &fields, into: &pack)
            list.append(MoodleAnswer(fraction: answer.fraction, text: fields.text(answer.text), feedback: answer.feedback))
        }
        addChoice(list, single: single, context, into: &pack)
    }

    /// A multiple-choice question from Moodle's answers (GIFT or XML): with `single`, full-credit
    /// answers are the key (several make it select-all-that-apply); otherwise positive weights are.
    static func addChoice(_ list: [MoodleAnswer], single: Bool, _ context: Context, into pack: inout ImportedPack) {
        let line = context.line
        if single {
            for answer in list where answer.fraction > 0 && answer.fraction < 1 {
                pack.report(line, context.label, "partial credit (\(percent(answer.fraction))) for option \"\(answer.text)\" not carried over: it counts as wrong")
            }
            for answer in list where answer.fraction < 0 {
                pack.report(line, context.label, "penalty (\(percent(answer.fraction))) for option \"\(answer.text)\" not carried over: it scores 0")
            }
            let choices = list.map { ImportedPack.Item.Choice(text: $0.text, correct: $0.fraction >= 1, feedback: $0.feedback) }
            let full = choices.filter(\.correct).count
            if full > 1 {
                pack.report(line, context.label, "\(full) options carry full credit and Moodle accepts any one of them; "
                    + "Attest's single-answer questions have one key, so it is imported as select-all-that-apply (all \(full) must be chosen)")
                return pack.add(context.item(.multiple(choices)), label: context.label)
            }
            return pack.add(context.item(.single(choices)), label: context.label)
        }
        let positive = list.filter { $0.fraction > 0 }
        let share = positive.isEmpty ? 0 : 1 / Double(positive.count)
        // Attest scores each wrong option chosen −1/w: Moodle weights of 0 or exactly that agree.
        let wrongShare = -1 / Double(max(list.count - positive.count, 1))
        let canonical = positive.allSatisfy { abs($0.fraction - share) < 0.006 }
            && list.allSatisfy { $0.fraction > 0 || $0.fraction == 0 || abs($0.fraction - wrongShare) < 0.006 }
        if !canonical {
            pack.report(line, context.label, "answer weights (" + list.map { percent($0.fraction) }.joined(separator: ", ")
                + ") replaced by Attest's select-all-that-apply scoring: options with a positive weight are the correct ones")
        }
        let choices = list.map { ImportedPack.Item.Choice(text: $0.text, correct: $0.fraction > 0, feedback: $0.feedback) }
        pack.add(context.item(.multiple(choices)), label: context.label)
    }

    /// Moodle: answers split at `=` (text before the first `=` is an answer too), each full credit unless weighted;
    /// `*` is a wildcard for any run of characters.
    static func parseShortAnswer(_ answers: GIFTText, _ context: Context, fields: inout GIFTFields, into pack: inout ImportedPack) {
        var (leading, parts) = answers.split(before: ["="])
        if !leading.trimmed.isEmpty { parts.insert(("=", leading), at: 0) }
        var list: [MoodleAnswer] = []
        for part in parts {
            let answer = read(part, fullByDefault: true, context, fields: &fields, into: &pack)
            list.append(MoodleAnswer(fraction: answer.fraction, text: fields.text(answer.text), feedback: answer.feedback))
        }
        addShortAnswer(list, context, into: &pack)
    }

    /// A short-answer question from Moodle's answers (GIFT or XML): full-credit answers accepted, `*` as a wildcard.
    static func addShortAnswer(_ list: [MoodleAnswer], _ context: Context, into pack: inout ImportedPack) {
        let line = context.line
        var accepted: [String] = []
        var wildcards: [String] = []
        for answer in list {
            let text = answer.text
            if answer.fraction >= 1 {
                if let wildcard = ShortAnswerWildcard(text) {
                    wildcards.append(wildcard.pattern)
                    if !wildcard.example.isEmpty, !accepted.contains(wildcard.example) {
                        accepted.append(wildcard.example)
                    }
                } else {
                    let literal = ShortAnswerWildcard.literal(text)
                    if !accepted.contains(literal) { accepted.append(literal) }
                }
            } else {
                pack.report(line, context.label, "partial-credit answer \"\(text)\" (\(percent(answer.fraction))) not carried over")
            }
            if answer.feedback != nil {
                pack.report(line, context.label, "feedback for answer \"\(text)\" not carried over (short-answer questions have none)")
            }
        }
        if accepted.isEmpty && wildcards.isEmpty {
            return pack.report(line, context.label, "skipped: no answer carries full credit")
        }
        if accepted.isEmpty {
            return pack.report(line, context.label, "skipped: every full-credit answer is only wildcards")
        }
        let pattern = wildcards.isEmpty ? nil : wildcards.joined(separator: "|")
        pack.add(context.item(.text(accepted, pattern: pattern)), label: context.label)
    }

    /// Moodle: `#` then answers split at `=`, each `value`, `value:tolerance` or `min..max`; text from the first `~`
    /// is the feedback for every other response.
    static func parseNumerical(_ answers: GIFTText, _ context: Context, fields: inout GIFTFields, into pack: inout ImportedPack) {
        let line = context.line
        var body = answers
        if let tilde = answers.find("~") {
            let rest = answers[(tilde + 1)..<answers.units.count].cut(at: "#")
            if let feedback = rest.after.map({ fields.text($0) }), !feedback.isEmpty {
                pack.report(line, context.label, "feedback for any other answer (\"\(feedback.prefix(30))\") not carried over (numeric questions have none)")
            }
            body = answers[0..<tilde]
        }
        var (leading, parts) = body.split(before: ["="])
        if !leading.trimmed.isEmpty { parts.insert(("=", leading), at: 0) }
        guard !parts.isEmpty else {
            return pack.report(line, context.label, "skipped: no numerical answer")
        }
        var chosen: (key: ImportedPack.Item.Key, raw: String)?
        for part in parts {
            let answer = read(part, fullByDefault: true, context, fields: &fields, into: &pack)
            let raw = answer.text.text
            if answer.feedback != nil {
                pack.report(line, context.label, "feedback for answer \(raw) not carried over (numeric questions have none)")
            }
            guard let key = numericKey(raw) else {
                return pack.report(line, context.label, "skipped: cannot read the number \"\(raw)\"")
            }
            guard answer.fraction >= 1 else {
                pack.report(line, context.label, "partial-credit answer \(raw) (\(percent(answer.fraction))) not carried over")
                continue
            }
            if let chosen {
                pack.report(line, context.label, "Moodle also gives full credit for \(raw); Attest's numeric key holds one answer "
                    + "(\(chosen.raw)), so \(raw) will be marked wrong")
                continue
            }
            chosen = (key, raw)
        }
        guard let chosen else {
            return pack.report(line, context.label, "skipped: no numerical answer carries full credit")
        }
        pack.add(context.item(chosen.key), label: context.label)
    }

    /// One answer: Moodle's weight (`=` is 100 %; `%w%` as Moodle's pattern reads it), text and feedback after the first `#`.
    static func read(
        _ part: (marker: Character, body: GIFTText), fullByDefault: Bool, _ context: Context, fields: inout GIFTFields,
        into pack: inout ImportedPack
    ) -> Answer {
        var body = part.body.trimmed
        var fraction: Double = fullByDefault || part.marker == "=" ? 1 : 0
        // Moodle reads `=%50%x` in a choice block as full credit with the text `%50%x`; elsewhere a leading weight counts.
        if !(part.marker == "=" && !fullByDefault) {
            let weighed = body.weight()
            if let weight = weighed.weight {
                fraction = weight / 100
                body = weighed.rest
            } else if let invalid = weighed.invalid {
                pack.report(context.line, context.label, "weight %\(invalid)% is not a weight Moodle reads; it stays part of the answer text")
            }
        }
        let split = body.cut(at: "#")
        let feedback = split.after.map { fields.text($0) }.flatMap { $0.isEmpty ? nil : $0 }
        return Answer(fraction: fraction, text: split.before, feedback: feedback)
    }

    /// `3`, `3:0.5` (value and tolerance) or `1..5` (range).
    static func numericKey(_ raw: String) -> ImportedPack.Item.Key? {
        func number(_ text: Substring) -> Double? {
            Double(text.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
        }
        if let range = raw.range(of: ".."), range.lowerBound > raw.startIndex {
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

    static func percent(_ fraction: Double) -> String {
        "\(CorrectAnswer.format((fraction * 100 * 1e6).rounded() / 1e6))%"
    }
}
