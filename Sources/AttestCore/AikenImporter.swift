import Foundation

/// Converts an Aiken question bank into an Attest pack, reporting every malformed question by line.
///
/// Aiken holds single-answer multiple-choice questions only: a question line, options
/// (a capital letter, `)` or `.`, an optional space, the text), then `ANSWER: X`. The reading
/// follows Moodle's `qformat_aiken`: options count by position whatever their letters, the
/// answer is the first letter after `ANSWER:` (so `ANSWER: B) yes` is B), lines shorter than
/// two characters are ignored. Deliberate differences, each reported or documented in
/// `docs/instructor-guide.md`: a stem may run over several lines before the first option, the
/// `ANSWER` keyword and letter may be in any case, and a repeated option text is merged into
/// one option (the pack format refuses look-alike options). Every question goes to the skill `general`.
public enum AikenImporter {
    /// A question being read: its first line, text and options so far (with the letters written).
    struct Open {
        var line: Int
        var text: String
        var options: [(letter: Character, text: String)] = []

        var label: String { "question \"\(text.prefix(40))\"" }
    }

    public static func importPack(_ text: String, id: String, title: String? = nil) throws(PackImportError) -> PackImportResult {
        var importer = try AikenStreamImporter(id: id, title: title)
        return importer.importing(text)
    }

    /// One line of the bank: an option, an `ANSWER` line, more stem, or a new question.
    static func take(_ number: Int, _ raw: String, question: inout Open?, into pack: inout ImportedPack) {
        let line = raw.trimmingEdges(in: .whitespaces)
        if line.count < 2 { return }
        if let option = optionLine(line) {
            guard question != nil else {
                return pack.report(number, "option \(option.letter)", "ignored: no question before it")
            }
            question!.options.append((option.letter, option.text))
            return
        }
        if let answer = answerLetter(line) {
            guard let current = question else {
                return pack.report(number, "ANSWER line", "ignored: no question before it")
            }
            question = nil
            return finish(current, answer: answer, line: number, into: &pack)
        }
        if var current = question {
            if current.options.isEmpty {
                current.text += "\n" + line
                question = current
                return
            }
            pack.report(current.line, current.label, "skipped: no ANSWER line before line \(number)")
        }
        question = Open(line: number, text: line)
    }

    static func finish(_ question: Open, answer: (raw: String, index: Int?), line: Int, into pack: inout ImportedPack) {
        let label = question.label
        guard question.options.count >= 2 else {
            return pack.report(question.line, label, "skipped: needs at least 2 options before ANSWER (line \(line)), found \(question.options.count)")
        }
        guard let index = answer.index, index < question.options.count else {
            return pack.report(question.line, label, "skipped: ANSWER \(answer.raw) on line \(line) names no option")
        }
        let letters = question.options.map(\.letter)
        if letters != (0..<letters.count).map(letter) {
            pack.report(question.line, label, "option letters \(String(letters)) are not in order; like Moodle, options are read by position, "
                + "so ANSWER \(letter(index)) is option \(index + 1) (\"\(question.options[index].text.prefix(30))\")")
        }
        var choices: [ImportedPack.Item.Choice] = []
        for (position, option) in question.options.enumerated() {
            let correct = position == index
            if let same = choices.firstIndex(where: { PackDecoding.equivalent($0.text, option.text) }) {
                choices[same].correct = choices[same].correct || correct
                pack.report(question.line, label, "option \(option.letter) repeats \"\(choices[same].text)\": merged into one option")
                continue
            }
            choices.append(ImportedPack.Item.Choice(text: option.text, correct: correct))
        }
        pack.add(ImportedPack.Item(line: question.line, title: nil, prompt: question.text, key: .single(choices)), label: label)
    }

    /// `A. text`, `A) text` or `A)text` (Moodle's `^[A-Z][).][ \t]?`): the letter and text.
    static func optionLine(_ line: String) -> (letter: Character, text: String)? {
        let characters = Array(line)
        guard characters.count >= 2, let ascii = characters[0].asciiValue, (65...90).contains(ascii),
              characters[1] == "." || characters[1] == ")"
        else { return nil }
        return (characters[0], String(characters[2...]).trimmingCharacters(in: .whitespaces))
    }

    /// `ANSWER: X…` (keyword in any case): what follows as written, and the index of its first letter A–Z (any case).
    static func answerLetter(_ line: String) -> (raw: String, index: Int?)? {
        guard line.uppercased().hasPrefix("ANSWER:") else { return nil }
        let raw = line.dropFirst("ANSWER:".count).trimmingCharacters(in: .whitespaces)
        guard let ascii = raw.uppercased().first?.asciiValue, (65...90).contains(ascii) else { return (raw, nil) }
        return (raw, Int(ascii - 65))
    }

    static func letter(_ index: Int) -> Character {
        Character(UnicodeScalar(UInt8(65 + index % 26)))
    }
}
