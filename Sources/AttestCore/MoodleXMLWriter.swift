import Foundation

/// Writes a pack as Moodle XML, Moodle's richest question exchange format, which
/// `MoodleXMLImporter` (and Moodle) read back.
///
/// Every Attest question type has a Moodle type: single and select-all-that-apply become
/// `multichoice` (the latter with the weights that score as Attest does), `truefalse`,
/// `shortanswer` (case-insensitive; `*` wildcards for wildcard patterns), `numerical` (a range
/// as its midpoint ± half its width; a unit as an optional unit) and `ordering` (Moodle 4.4's
/// core ordering type, graded on all previous and next items like Attest's pairwise score).
/// Texts keep the pack's light Markdown in Moodle's `markdown` format; each skill is a category
/// whose idnumber is the skill id; ids, points, tags, per-option feedback and explanations travel.
enum MoodleXMLWriter {
    static func write(_ source: ExportSource) -> PackExport {
        let pack = source.pack
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<quiz>",
                     "<!-- \(XMLMarkup.comment(pack.title)): pack \(XMLMarkup.comment(pack.id)) \(pack.version), exported by Attest -->"]
        var notes: [ExportNote] = []
        var category: String?
        let can = ExportGaps.Capabilities(points: true, numericUnit: true)
        for question in pack.questions {
            var gaps = ExportGaps(question, in: source, can: can)
            if let skill = source.primarySkill(of: question), skill.id != category {
                category = skill.id
                lines += categoryElement(skill)
            }
            lines += questionElement(question, gaps: &gaps)
            if let note = gaps.note(for: question) { notes.append(note) }
        }
        lines += ["</quiz>", ""]
        if let note = PackLevelGaps.note(pack) { notes.insert(note, at: 0) }
        return PackExport(text: lines.joined(separator: "\n"), questionCount: pack.questions.count, notes: notes)
    }

    static func categoryElement(_ skill: Skill) -> [String] {
        [
            "  <question type=\"category\">",
            "    <category><text>$course$/top/\(XMLMarkup.escape(GIFTWriter.categoryPath(skill.name)))</text></category>",
            "    <info format=\"markdown\"><text>\(XMLMarkup.escape(skill.description))</text></info>",
            "    <idnumber>\(XMLMarkup.escape(skill.id))</idnumber>",
            "  </question>",
        ]
    }

    static func questionElement(_ question: Question, gaps: inout ExportGaps) -> [String] {
        let type: String
        var body: [String] = []
        switch question.kind {
        case let .singleChoice(options):
            type = "multichoice"
            body = ["<single>true</single>", "<shuffleanswers>true</shuffleanswers>", "<answernumbering>abc</answernumbering>"]
            body += options.map { answer(grade: MoodleGrades.percent($0.correct ? 1 : 0), text: $0.text, feedback: $0.feedback) }
        case let .multipleChoice(options):
            type = "multichoice"
            body = ["<single>false</single>", "<shuffleanswers>true</shuffleanswers>", "<answernumbering>abc</answernumbering>"]
            let weights = MoodleGrades.multipleWeights(options)
            if !weights.allSatisfy(MoodleGrades.accepts) {
                gaps.add("answer weights (\(weights.map(MoodleGrades.percent).joined(separator: ", "))% are not on Moodle's list of grades; "
                    + "Moodle's import refuses them, so set them by hand)")
            }
            body += zip(options, weights).map { answer(grade: MoodleGrades.percent($1), text: $0.text, feedback: $0.feedback) }
        case let .trueFalse(truth):
            type = "truefalse"
            body = [
                answer(grade: MoodleGrades.percent(truth ? 1 : 0), text: "true", feedback: nil, format: "moodle_auto_format"),
                answer(grade: MoodleGrades.percent(truth ? 0 : 1), text: "false", feedback: nil, format: "moodle_auto_format"),
            ]
        case let .shortText(key):
            type = "shortanswer"
            body = ["<usecase>0</usecase>"]
            if key.ignoreDiacritics { gaps.add("ignoreDiacritics (Moodle compares accents)") }
            let written = ShortAnswerWildcard.moodleAnswers(key) { $0.replacingOccurrences(of: "*", with: "\\*") }
            if let pattern = written.droppedPattern {
                gaps.add("pattern \(pattern) (Moodle short answers accept listed answers and * wildcards only)")
            }
            body += written.answers.map { answer(grade: "100", text: $0, feedback: nil, format: "moodle_auto_format") }
        case let .numeric(key):
            type = "numerical"
            let value: Double
            let tolerance: Double
            switch key.target {
            case let .absolute(exact, within):
                (value, tolerance) = (exact, within)
            case let .relative(exact, fraction):
                (value, tolerance) = (exact, abs(exact) * fraction)
                gaps.add("relative tolerance \(CorrectAnswer.format(fraction * 100)) % (written as ± \(CorrectAnswer.format(tolerance)))")
            case let .range(low, high):
                (value, tolerance) = ((low + high) / 2, (high - low) / 2)
            }
            body = [answer(grade: MoodleGrades.percent(1), text: CorrectAnswer.format(value), feedback: nil, format: "moodle_auto_format",
                           extra: "<tolerance>\(CorrectAnswer.format(tolerance))</tolerance>")]
            if let unit = key.unit {
                body += [
                    "<units><unit><multiplier>1</multiplier><unit_name>\(XMLMarkup.escape(unit))</unit_name></unit></units>",
                    "<unitgradingtype>0</unitgradingtype>", "<unitpenalty>0</unitpenalty>", "<showunits>0</showunits>",
                    "<unitsleft>0</unitsleft>",
                ]
            }
        case let .ordering(items):
            type = "ordering"
            body = ["<layouttype>VERTICAL</layouttype>", "<selecttype>ALL</selecttype>", "<selectcount>0</selectcount>",
                    "<gradingtype>RELATIVE_ALL_PREVIOUS_AND_NEXT</gradingtype>", "<showgrading>SHOW</showgrading>",
                    "<numberingstyle>none</numberingstyle>"]
            body += items.enumerated().map { answer(grade: String($0.offset + 1), text: $0.element, feedback: nil) }
        }
        var lines = [
            "  <question type=\"\(type)\">",
            "    <name><text>\(XMLMarkup.escape(question.id))</text></name>",
            "    <questiontext format=\"markdown\"><text>\(XMLMarkup.escape(question.prompt))</text></questiontext>",
            "    <generalfeedback format=\"markdown\"><text>\(XMLMarkup.escape(question.explanation ?? ""))</text></generalfeedback>",
            "    <defaultgrade>\(CorrectAnswer.format(question.points))</defaultgrade>",
            "    <penalty>0</penalty>",
            "    <hidden>0</hidden>",
            "    <idnumber>\(XMLMarkup.escape(question.id))</idnumber>",
        ]
        lines += body.map { "    " + $0 }
        if !question.tags.isEmpty {
            lines.append("    <tags>" + question.tags.map { "<tag><text>\(XMLMarkup.escape($0))</text></tag>" }.joined() + "</tags>")
        }
        lines.append("  </question>")
        return lines
    }

    /// One `<answer>`: `fraction` 1 is 100 (ordering answers carry their position / 100, as Moodle writes them × 100).
    static func answer(grade: String, text: String, feedback: String?, format: String = "markdown", extra: String = "") -> String {
        let feedbackElement = feedback.map { "<feedback format=\"markdown\"><text>\(XMLMarkup.escape($0))</text></feedback>" } ?? ""
        return "<answer fraction=\"\(grade)\" format=\"\(format)\"><text>\(XMLMarkup.escape(text))</text>"
            + feedbackElement + extra + "</answer>"
    }
}

/// Escaping for the XML the writers produce.
enum XMLMarkup {
    /// Text for element content or a double-quoted attribute: `& < > "` as entities; characters
    /// XML 1.0 cannot hold (C0 controls other than tab and line breaks) dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Text for inside a comment: `--` (which would end it) broken up.
    static func comment(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "--", with: "- -")
    }
}
