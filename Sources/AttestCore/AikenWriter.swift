import Foundation

/// Writes a pack's single-answer questions as an Aiken bank, which Moodle's `qformat_aiken`
/// (and `AikenImporter`) read back: the stem on one line, `A) option` lines, `ANSWER: X`.
///
/// True/false questions become two-option choices (`True`, `False`). Aiken holds nothing
/// else: other types are skipped, and explanations, feedback, tags, skills and line breaks
/// inside a text are listed in the notes.
enum AikenWriter {
    static func write(_ source: ExportSource) -> PackExport {
        let pack = source.pack
        var blocks: [String] = []
        var notes: [ExportNote] = []
        let can = ExportGaps.Capabilities(explanation: false, optionFeedback: false, tags: false)
        for question in pack.questions {
            var gaps = ExportGaps(question, in: source, can: can)
            let options: [Option]
            switch question.kind {
            case let .singleChoice(list):
                options = list
            case let .trueFalse(answer):
                options = [Option(text: "True", correct: answer), Option(text: "False", correct: !answer)]
                gaps.add("true/false type (written as a choice between True and False)")
            default:
                notes.append(ExportNote(
                    questionID: question.id, skipped: true,
                    lost: ["Aiken holds single-answer choice questions only, not \(question.kind.typeName)"]))
                continue
            }
            guard options.count <= 26, let key = options.firstIndex(where: \.correct) else {
                notes.append(ExportNote(questionID: question.id, skipped: true, lost: ["Aiken letters options A to Z (at most 26)"]))
                continue
            }
            let stem = oneLine(question.prompt)
            if AikenImporter.optionLine(stem) != nil || AikenImporter.answerLetter(stem) != nil {
                notes.append(ExportNote(questionID: question.id, skipped: true, lost: ["its stem would read as an Aiken option or ANSWER line"]))
                continue
            }
            if ([question.prompt] + options.map(\.text)).contains(where: { $0.contains(where: \.isNewline) }) {
                gaps.add("line breaks (Aiken texts are one line each)")
            }
            var lines = [stem]
            for (index, option) in options.enumerated() {
                lines.append("\(AikenImporter.letter(index))) " + oneLine(option.text))
            }
            lines.append("ANSWER: \(AikenImporter.letter(key))")
            blocks.append(lines.joined(separator: "\n"))
            if let note = gaps.note(for: question) { notes.append(note) }
        }
        let skills = ["skills (Aiken has no categories)"]
        if let note = PackLevelGaps.note(pack, also: skills) { notes.insert(note, at: 0) }
        return PackExport(text: blocks.joined(separator: "\n\n") + (blocks.isEmpty ? "" : "\n"), questionCount: blocks.count, notes: notes)
    }

    /// A text on one line: line breaks become spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
