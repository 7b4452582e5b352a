import Foundation

/// Writes a pack as a Moodle GIFT bank, the way `GIFTImporter` (and Moodle) read it back:
/// each skill a `$CATEGORY:`, each question `// [id:…] [tag:…]` then `::id::[markdown]prompt{…}`
/// with the pack's light Markdown kept as Moodle's markdown format, answers one per line,
/// per-option feedback after `#` and the explanation as general feedback after `####`.
///
/// Select-all-that-apply options get the weights that make Moodle score them as Attest does
/// (+1/k per correct option, −1/w per wrong one). Ordering questions have no GIFT form and are
/// skipped; numeric units, regular-expression patterns that are not `*` wildcards and the
/// per-question fields GIFT has no place for are listed in the notes.
enum GIFTWriter {
    static func write(_ source: ExportSource) -> PackExport {
        let pack = source.pack
        var lines = ["// \(oneLine(pack.title).replacingOccurrences(of: "[", with: "(")): pack \(pack.id) \(pack.version), exported by Attest", ""]
        var notes: [ExportNote] = []
        var category: String?
        var written = 0
        for question in pack.questions {
            var gaps = ExportGaps(question, in: source, can: .init())
            guard let body = answerBlock(question, gaps: &gaps) else {
                notes.append(ExportNote(questionID: question.id, skipped: true, lost: gaps.lost))
                continue
            }
            if let skill = source.primarySkill(of: question), skill.name != category {
                category = skill.name
                lines += ["$CATEGORY: $course$/top/" + categoryPath(skill.name), ""]
            }
            let markers = ["[id:\(marker(question.id))]"] + question.tags.map { "[tag:\(marker($0))]" }
            lines.append("// " + markers.joined(separator: " "))
            lines.append("::\(escape(question.id))::[markdown]\(escape(question.prompt)){" + body)
            lines.append("")
            written += 1
            if let note = gaps.note(for: question) { notes.append(note) }
        }
        if let note = PackLevelGaps.note(pack) { notes.insert(note, at: 0) }
        return PackExport(text: lines.joined(separator: "\n"), questionCount: written, notes: notes)
    }

    /// The answer block after `{` (through `}`), or nil when GIFT cannot hold the question (`gaps` says why).
    static func answerBlock(_ question: Question, gaps: inout ExportGaps) -> String? {
        let general = question.explanation.map { "\t####" + escape($0) + "\n" } ?? ""
        switch question.kind {
        case let .singleChoice(options):
            let rows = options.map { option in
                let text = escape(option.text)
                // A leading `%` would read as a weight after `~`: an explicit zero weight keeps it text.
                return "\t" + (option.correct ? "=" : "~" + (text.hasPrefix("%") ? "%0%" : "")) + text + feedback(option)
            }
            return "\n" + rows.joined(separator: "\n") + "\n" + general + "}"
        case let .multipleChoice(options):
            let weights = MoodleGrades.multipleWeights(options)
            let rows = zip(options, weights).map { option, weight in
                "\t~%" + MoodleGrades.percent(weight) + "%" + escape(option.text) + feedback(option)
            }
            return "\n" + rows.joined(separator: "\n") + "\n" + general + "}"
        case let .trueFalse(answer):
            return (answer ? "TRUE" : "FALSE") + (question.explanation.map { "####" + escape($0) } ?? "") + "}"
        case let .shortText(key):
            if key.ignoreDiacritics { gaps.add("ignoreDiacritics (Moodle compares accents)") }
            let written = ShortAnswerWildcard.moodleAnswers(key) { escape($0, star: true) }
            if let pattern = written.droppedPattern {
                gaps.add("pattern \(pattern) (GIFT short answers accept listed answers and * wildcards only)")
            }
            let answers = written.answers.map { "=" + $0 }
            return "\n" + answers.map { "\t" + $0 }.joined(separator: "\n") + "\n" + general + "}"
        case let .numeric(key):
            let answer: String
            switch key.target {
            case let .absolute(value, tolerance):
                answer = number(value) + (tolerance > 0 ? ":" + number(tolerance) : "")
            case let .relative(value, tolerance):
                let absolute = abs(value) * tolerance
                gaps.add("relative tolerance \(CorrectAnswer.format(tolerance * 100)) % (written as ± \(number(absolute)))")
                answer = number(value) + ":" + number(absolute)
            case let .range(low, high):
                answer = number(low) + ".." + number(high)
            }
            return "#" + answer + (question.explanation.map { "####" + escape($0) } ?? "") + "}"
        case .ordering:
            gaps = ExportGaps.skipped("GIFT has no ordering questions (Moodle XML carries them)")
            return nil
        }
    }

    static func feedback(_ option: Option) -> String {
        option.feedback.map { "#" + escape($0) } ?? ""
    }

    /// GIFT text: the special characters `\ ~ = # { } :` escaped with `\`, line breaks as `\n`
    /// (a blank line would end the question); with `star`, `*` too (a short answer's wildcard).
    static func escape(_ text: String, star: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "~", "=", "#", "{", "}", ":": result += "\\" + String(character)
            case "\n": result += "\\n"
            case "\r": continue
            case "*" where star: result += "\\*"
            default: result.append(character)
            }
        }
        return result
    }

    /// A `[id:…]` or `[tag:…]` value: on one line, `]` escaped as Moodle writes it.
    static func marker(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "]", with: "\\]")
    }

    /// A category name in a Moodle category path: `/` doubled (Moodle's escape), on one line.
    static func categoryPath(_ name: String) -> String {
        oneLine(name).replacingOccurrences(of: "/", with: "//")
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func number(_ value: Double) -> String { CorrectAnswer.format(value) }
}
