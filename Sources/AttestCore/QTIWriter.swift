import Foundation

/// Writes a pack as an IMS QTI 1.2 assessment in the shape Canvas imports (and other LMSes
/// that read QTI 1.2): one item per question with Canvas's `question_type` and
/// `points_possible` metadata, choices, the scoring conditions, per-option feedback and the
/// explanation as general feedback. Texts go as HTML made from the pack's light Markdown.
///
/// Canvas has no ordering questions (skipped); QTI 1.2 holds no time limits (reported per
/// question and for the quizzes), tags or skills, and short answers match listed answers only.
enum QTIWriter {
    static func write(_ source: ExportSource) -> PackExport {
        let pack = source.pack
        let title = XMLMarkup.escape(pack.title)
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<questestinterop xmlns=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2\">",
            "  <assessment ident=\"\(XMLMarkup.escape(pack.id))\" title=\"\(title)\">",
            "    <section ident=\"root_section\">",
        ]
        var notes: [ExportNote] = []
        let can = ExportGaps.Capabilities(points: true, tags: false)
        var written = 0
        for question in pack.questions {
            var gaps = ExportGaps(question, in: source, can: can)
            guard let item = item(question, gaps: &gaps) else {
                notes.append(ExportNote(questionID: question.id, skipped: true, lost: gaps.lost))
                continue
            }
            lines += item
            written += 1
            if let note = gaps.note(for: question) { notes.append(note) }
        }
        lines += ["    </section>", "  </assessment>", "</questestinterop>", ""]
        let skills = ["skills (QTI 1.2 items carry no category)"]
        if let note = PackLevelGaps.note(pack, also: skills) { notes.insert(note, at: 0) }
        return PackExport(text: lines.joined(separator: "\n"), questionCount: written, notes: notes)
    }

    /// The IMS content-package manifest naming the assessment at `assessmentPath`, which Canvas's
    /// "QTI .zip file" import expects next to it.
    static func manifest(packID: String, assessmentPath: String) -> String {
        let id = XMLMarkup.escape(packID)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest identifier="\(id)-manifest" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1">
              <metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>
              <organizations/>
              <resources>
                <resource identifier="\(id)" type="imsqti_xmlv1p2"><file href="\(XMLMarkup.escape(assessmentPath))"/></resource>
              </resources>
            </manifest>

            """
    }

    /// One `<item>`, or nil when Canvas's QTI has no such question type.
    static func item(_ question: Question, gaps: inout ExportGaps) -> [String]? {
        let type: String
        var response: [String]
        var conditions: [String] = []
        var feedback: [(ident: String, text: String)] = []
        switch question.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            let single: Bool
            if case .singleChoice = question.kind { single = true } else { single = false }
            type = single ? "multiple_choice_question" : "multiple_answers_question"
            response = choices(options.map(\.text), single: single)
            for (index, option) in options.enumerated() {
                if let text = option.feedback {
                    feedback.append(("choice\(index)_fb", text))
                    conditions.append(condition("<varequal respident=\"response1\">choice\(index)</varequal>", feedbackID: "choice\(index)_fb"))
                }
            }
            let test = single
                ? "<varequal respident=\"response1\">choice\(options.firstIndex(where: \.correct) ?? 0)</varequal>"
                : "<and>" + options.indices.map { index in
                    let equal = "<varequal respident=\"response1\">choice\(index)</varequal>"
                    return options[index].correct ? equal : "<not>\(equal)</not>"
                }.joined() + "</and>"
            conditions.append(scoring(test))
        case let .trueFalse(answer):
            type = "true_false_question"
            response = choices(["True", "False"], single: true)
            conditions.append(scoring("<varequal respident=\"response1\">choice\(answer ? 0 : 1)</varequal>"))
        case let .shortText(key):
            type = "short_answer_question"
            response = ["<response_str ident=\"response1\" rcardinality=\"Single\"><render_fib><response_label ident=\"answer1\" rshuffle=\"No\"/></render_fib></response_str>"]
            if key.ignoreDiacritics { gaps.add("ignoreDiacritics") }
            if let pattern = key.pattern { gaps.add("pattern \(pattern) (QTI short answers match listed answers only)") }
            conditions.append(scoring(key.accept.map { "<varequal respident=\"response1\">\(XMLMarkup.escape($0))</varequal>" }.joined()))
        case let .numeric(key):
            type = "numerical_question"
            response = ["<response_str ident=\"response1\" rcardinality=\"Single\"><render_fib fibtype=\"Decimal\"><response_label ident=\"answer1\"/></render_fib></response_str>"]
            let low: Double
            let high: Double
            switch key.target {
            case let .absolute(value, tolerance): (low, high) = (value - tolerance, value + tolerance)
            case let .relative(value, tolerance): (low, high) = (value - abs(value) * tolerance, value + abs(value) * tolerance)
            case let .range(from, to): (low, high) = (from, to)
            }
            conditions.append(scoring("<or><and><vargte respident=\"response1\">\(CorrectAnswer.format(low))</vargte>"
                + "<varlte respident=\"response1\">\(CorrectAnswer.format(high))</varlte></and></or>"))
        case .ordering:
            gaps = ExportGaps.skipped("Canvas's QTI 1.2 has no ordering questions (Moodle XML carries them)")
            return nil
        }
        if let explanation = question.explanation {
            feedback.insert(("general_fb", explanation), at: 0)
            conditions.insert(condition("<other/>", feedbackID: "general_fb"), at: 0)
        }
        let id = XMLMarkup.escape(question.id)
        var lines = [
            "      <item ident=\"\(id)\" title=\"\(id)\">",
            "        <itemmetadata><qtimetadata>",
            "          <qtimetadatafield><fieldlabel>question_type</fieldlabel><fieldentry>\(type)</fieldentry></qtimetadatafield>",
            "          <qtimetadatafield><fieldlabel>points_possible</fieldlabel><fieldentry>\(CorrectAnswer.format(question.points))</fieldentry></qtimetadatafield>",
            "        </qtimetadata></itemmetadata>",
            "        <presentation>",
            "          <material>\(material(question.prompt))</material>",
        ]
        lines += response.map { "          " + $0 }
        lines += [
            "        </presentation>",
            "        <resprocessing>",
            "          <outcomes><decvar maxvalue=\"100\" minvalue=\"0\" varname=\"SCORE\" vartype=\"Decimal\"/></outcomes>",
        ]
        lines += conditions.map { "          " + $0 }
        lines.append("        </resprocessing>")
        lines += feedback.map { "        <itemfeedback ident=\"\($0.ident)\"><flow_mat><material>\(material($0.text))</material></flow_mat></itemfeedback>" }
        lines.append("      </item>")
        return lines
    }

    static func choices(_ texts: [String], single: Bool) -> [String] {
        ["<response_lid ident=\"response1\" rcardinality=\"\(single ? "Single" : "Multiple")\"><render_choice>"]
            + texts.enumerated().map { "  <response_label ident=\"choice\($0.offset)\"><material>\(material($0.element))</material></response_label>" }
            + ["</render_choice></response_lid>"]
    }

    static func scoring(_ test: String) -> String {
        "<respcondition continue=\"No\"><conditionvar>\(test)</conditionvar><setvar action=\"Set\" varname=\"SCORE\">100</setvar></respcondition>"
    }

    static func condition(_ test: String, feedbackID: String) -> String {
        "<respcondition continue=\"Yes\"><conditionvar>\(test)</conditionvar>"
            + "<displayfeedback feedbacktype=\"Response\" linkrefid=\"\(feedbackID)\"/></respcondition>"
    }

    static func material(_ text: String) -> String {
        "<mattext texttype=\"text/html\">\(XMLMarkup.escape(MarkdownHTML.html(text)))</mattext>"
    }
}

/// The pack's light Markdown as simple HTML for formats that show HTML (QTI): fenced code
/// blocks, inline code, bold and italics; other text escaped, line breaks kept.
enum MarkdownHTML {
    static func html(_ markdown: String) -> String {
        var output: [String] = []
        var inFence = false
        var fence: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                if inFence { output.append("<pre><code>" + fence.joined(separator: "\n") + "</code></pre>") }
                fence = []
                inFence.toggle()
                continue
            }
            if inFence { fence.append(XMLMarkup.escape(String(line))) } else { output.append(inline(String(line))) }
        }
        if inFence { output.append("<pre><code>" + fence.joined(separator: "\n") + "</code></pre>") }
        return output.joined(separator: "<br/>")
    }

    /// One line: `code` spans first (their content is literal), then `**bold**` and `*italic*`.
    static func inline(_ line: String) -> String {
        var result = ""
        let parts = line.components(separatedBy: "`")
        for (index, part) in parts.enumerated() {
            let escaped = XMLMarkup.escape(part)
            // An unpaired last backtick stays a backtick.
            if index % 2 == 1, index == parts.count - 1 {
                result += "`" + escaped
            } else if index % 2 == 1 {
                result += "<code>" + escaped + "</code>"
            } else {
                result += escaped
                    .replacingOccurrences(of: "\\*\\*([^*]+)\\*\\*", with: "<strong>$1</strong>", options: .regularExpression)
                    .replacingOccurrences(of: "(^|[^*\\w])\\*([^*\\s][^*]*)\\*", with: "$1<em>$2</em>", options: .regularExpression)
            }
        }
        return result
    }
}
