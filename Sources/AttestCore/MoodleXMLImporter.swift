import Foundation

/// Converts a Moodle XML question bank into an Attest pack, reporting everything it could not carry over.
///
/// Follows Moodle's `qformat_xml` (question/format/xml/format.php): categories become skills
/// (the category's idnumber, when it has one, is the skill id), each question's idnumber (or
/// name) its id, its tags its tags, its default grade its points and its general feedback the
/// explanation. Types: `multichoice` (single, or select-all-that-apply from the weights),
/// `truefalse`, `shortanswer` (`*` wildcards; a case-sensitive one is reported), `numerical`
/// (value ± tolerance, one unit), `ordering`. Matching, essay, description, cloze, calculated
/// and the drag-and-drop types are reported and skipped. Texts in `html` and
/// `moodle_auto_format` become the pack's light Markdown (entities decoded, media reported);
/// `markdown` and `plain_text` are kept as written. The reader is `MarkupReader`: no DTD, no
/// entity but XML's own, nothing fetched.
public enum MoodleXMLImporter {
    public static func importPack(_ text: String, id: String, title: String? = nil) throws(PackImportError) -> PackImportResult {
        var pack = try ImportedPack(id: id, title: title)
        var category: (name: String?, id: String?) = (nil, nil)
        let root: MarkupElement
        do {
            // Each <question> is read as soon as it closes, so the bank is never held as a tree whole.
            root = try MarkupReader.parse(text) { element, rootName in
                guard rootName == "quiz", element.name == "question" else { return }
                let type = element.attributes["type"] ?? ""
                if type == "category" {
                    let path = element.textOf("category") ?? ""
                    category = (GIFTImporter.categoryComponents(path).last, element.child("idnumber")?.text.trimmed)
                    if category.id?.isEmpty == true { category.id = nil }
                    return
                }
                read(element, type: type, category: category, into: &pack)
            }
        } catch {
            // Questions before the break are kept (a truncated export still yields its first questions).
            let what = pack.questionCount > 0 ? "the rest of the file" : "the file"
            pack.report(error.line, what, "skipped: not well-formed XML (\(error.reason), column \(error.column))")
            return pack.result()
        }
        guard root.name == "quiz" else {
            pack.report(root.line, "the file", "skipped: the root element is <\(root.name)>, and a Moodle XML bank's is <quiz>")
            return pack.result()
        }
        return pack.result()
    }

    /// Moodle's text formats as the GIFT reader's (which converts them the same way).
    static func format(_ element: MarkupElement?) -> GIFTFormat {
        switch element?.attributes["format"] {
        case "html": .html
        case "plain_text": .plain
        case "markdown": .markdown
        default: .moodle
        }
    }

    static func read(_ question: MarkupElement, type: String, category: (name: String?, id: String?), into pack: inout ImportedPack) {
        let line = question.line
        let title = question.textOf("name")?.trimmed
        let textElement = question.child("questiontext")
        var fields = GIFTFields(format: format(textElement))
        let prompt = fields.convert(textElement?.child("text")?.text ?? "", as: format(textElement))
        let label = "\(type) question \"\(title.map { String($0.prefix(40)) } ?? String(prompt.prefix(40)))\""
        func convert(_ element: MarkupElement?) -> String? {
            guard let text = element?.child("text")?.text else { return nil }
            let converted = fields.convert(text, as: format(element))
            return converted.isEmpty ? nil : converted
        }
        let grade = question.child("defaultgrade").flatMap { Double($0.text.trimmed) }
        let context = GIFTImporter.Context(
            line: line, title: title, label: label, category: category.name, prompt: prompt,
            explanation: convert(question.child("generalfeedback")),
            sourceID: question.child("idnumber")?.text.trimmed.nilIfEmpty,
            tags: question.child("tags")?.children("tag").compactMap { $0.child("text")?.text.trimmed.nilIfEmpty } ?? [],
            points: grade == 1 ? nil : grade, skillID: category.id)
        var answers: [GIFTImporter.MoodleAnswer] = []
        for answer in question.children("answer") {
            let fraction = Double(answer.attributes["fraction"] ?? "0").map { $0 / 100 } ?? 0
            answers.append(GIFTImporter.MoodleAnswer(
                fraction: fraction, text: convert(answer) ?? "", feedback: convert(answer.child("feedback"))))
        }
        for file in textElement?.children("file") ?? [] {
            pack.report(line, label, "embedded file \"\(file.attributes["name"] ?? "")\" not carried over (Attest packs hold text only)")
        }
        switch type {
        case "multichoice":
            let single = (question.child("single")?.text.trimmed ?? "true") != "false"
            GIFTImporter.addChoice(answers, single: single, context, into: &pack)
        case "truefalse":
            guard let truth = answers.first(where: { $0.fraction >= 1 }),
                  ["true", "false"].contains(truth.text.lowercased())
            else { return pack.report(line, label, "skipped: neither true nor false carries full credit") }
            if answers.contains(where: { $0.feedback != nil }) {
                pack.report(line, label, "true/false feedback not carried over (Attest shows the explanation instead)")
            }
            pack.add(context.item(.truth(truth.text.lowercased() == "true")), label: label)
        case "shortanswer":
            if question.child("usecase")?.text.trimmed == "1" {
                pack.report(line, label, "Moodle compares this answer's case; Attest ignores case, so a different case is accepted")
            }
            GIFTImporter.addShortAnswer(answers, context, into: &pack)
        case "numerical":
            readNumerical(question, answers: answers, context, into: &pack)
        case "ordering":
            readOrdering(question, answers: answers, context, into: &pack)
        case "matching", "randomsamatch", "ddmatch":
            pack.report(line, label, "skipped: Attest has no matching questions")
        case "essay":
            pack.report(line, label, "skipped: Attest cannot score free-form answers")
        case "description":
            pack.report(line, label, "skipped: a description, not a question")
        default:
            pack.report(line, label, "skipped: Attest has no \(type.isEmpty ? "untyped" : type) questions")
        }
        for medium in fields.droppedMedia {
            pack.report(line, label, "\(GIFTFields.mediaName(medium)) not carried over (Attest packs hold text only)")
        }
        if fields.droppedFormatting {
            pack.report(line, label, "HTML tags removed; their formatting is not carried over")
        }
    }

    /// Moodle's numerical: answers with a tolerance each (`*` matches any other response), units with multipliers.
    static func readNumerical(
        _ question: MarkupElement, answers: [GIFTImporter.MoodleAnswer], _ context: GIFTImporter.Context, into pack: inout ImportedPack
    ) {
        let (line, label) = (context.line, context.label)
        var key: (value: Double, tolerance: Double, raw: String)?
        for (answer, element) in zip(answers, question.children("answer")) {
            if answer.text == "*" {
                if let feedback = answer.feedback {
                    pack.report(line, label, "feedback for any other answer (\"\(feedback.prefix(30))\") not carried over (numeric questions have none)")
                }
                continue
            }
            if answer.feedback != nil {
                pack.report(line, label, "feedback for answer \(answer.text) not carried over (numeric questions have none)")
            }
            let tolerance = element.child("tolerance").flatMap { Double($0.text.trimmed) } ?? 0
            guard let value = Double(answer.text), value.isFinite, tolerance.isFinite else {
                return pack.report(line, label, "skipped: cannot read the number \"\(answer.text)\"")
            }
            guard answer.fraction >= 1 else {
                pack.report(line, label, "partial-credit answer \(answer.text) (\(GIFTImporter.percent(answer.fraction))) not carried over")
                continue
            }
            if let key {
                pack.report(line, label, "Moodle also gives full credit for \(answer.text); Attest's numeric key holds one answer "
                    + "(\(key.raw)), so \(answer.text) will be marked wrong")
                continue
            }
            key = (value, abs(tolerance), answer.text)
        }
        guard let key else { return pack.report(line, label, "skipped: no numerical answer carries full credit") }
        let units = question.child("units")?.children("unit") ?? []
        let base = units.first { Double($0.child("multiplier")?.text.trimmed ?? "1") == 1 }?.child("unit_name")?.text.trimmed.nilIfEmpty
        for unit in units where unit.child("unit_name")?.text.trimmed.nilIfEmpty != base {
            pack.report(line, label, "unit \"\(unit.child("unit_name")?.text.trimmed ?? "")\" (× \(unit.child("multiplier")?.text.trimmed ?? "1")) "
                + "not carried over: Attest takes the number in \(base ?? "the answer's unit") only")
        }
        if let grading = question.child("unitgradingtype")?.text.trimmed, grading != "0", grading != "", base != nil {
            pack.report(line, label, "Moodle grades the unit; Attest shows it after the question and never requires it")
        }
        pack.add(context.item(.number(value: key.value, tolerance: key.tolerance), unit: base), label: label)
    }

    /// Moodle's ordering (qtype_ordering): answers in their correct order (by fraction, which holds the position).
    static func readOrdering(
        _ question: MarkupElement, answers: [GIFTImporter.MoodleAnswer], _ context: GIFTImporter.Context, into pack: inout ImportedPack
    ) {
        let (line, label) = (context.line, context.label)
        let items = answers.enumerated().sorted { ($0.element.fraction, $0.offset) < ($1.element.fraction, $1.offset) }.map(\.element)
        if let grading = question.child("gradingtype")?.text.trimmed, !grading.isEmpty, grading != "RELATIVE_ALL_PREVIOUS_AND_NEXT" {
            pack.report(line, label, "grading \(grading) replaced by Attest's score: the share of item pairs in the right order")
        }
        if let select = question.child("selecttype")?.text.trimmed, !select.isEmpty, select != "ALL" {
            pack.report(line, label, "Moodle shows a subset of the items (\(select)); Attest shows them all")
        }
        if items.contains(where: { $0.feedback != nil }) {
            pack.report(line, label, "item feedback not carried over (ordering questions have none)")
        }
        pack.add(context.item(.ordering(items.map(\.text))), label: label)
    }
}

private extension String {
    /// Leading and trailing white space and line breaks removed.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    /// Nil for an empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
