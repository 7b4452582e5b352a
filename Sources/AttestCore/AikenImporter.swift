import Foundation

/// Converts an Aiken question bank into an Attest pack, reporting every malformed question by line.
///
/// Aiken holds single-answer multiple-choice questions only: a question line, options
/// `A.` or `A)` (one per line, letters in order), then `ANSWER: X`. Every question goes
/// to the skill `general`.
public enum AikenImporter {
    public static func importPack(_ text: String, id: String, title: String? = nil) throws(PackImportError) -> PackImportResult {
        var pack = try ImportedPack(id: id, title: title)
        var question: (line: Int, text: String)?
        var options: [String] = []
        var broken = false

        func label(_ prompt: String) -> String { "question \"\(prompt.prefix(40))\"" }
        func abandon(_ current: (line: Int, text: String), _ why: String) {
            pack.report(current.line, label(current.text), "skipped: \(why)")
            question = nil
            options = []
            broken = false
        }

        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for (offset, raw) in normalized.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            var line = raw.trimmingCharacters(in: .whitespaces)
            if offset == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.isEmpty { continue }
            if let answer = answerLetter(line) {
                guard let current = question else {
                    pack.report(number, "ANSWER line", "ignored: no question before it")
                    continue
                }
                if broken {
                    question = nil
                    options = []
                    broken = false
                    continue
                }
                guard options.count >= 2 else {
                    abandon(current, "needs at least 2 options before ANSWER (line \(number)), found \(options.count)")
                    continue
                }
                guard let index = answer.index, index < options.count else {
                    abandon(current, "ANSWER \(answer.raw) on line \(number) names no option")
                    continue
                }
                let choices = options.enumerated().map { ImportedPack.Item.Choice(text: $0.element, correct: $0.offset == index) }
                pack.add(
                    ImportedPack.Item(line: current.line, title: nil, prompt: current.text, key: .single(choices)),
                    label: label(current.text))
                question = nil
                options = []
                continue
            }
            if let option = optionLine(line), question != nil {
                if broken { continue }
                if option.index != options.count {
                    pack.report(question!.line, label(question!.text),
                                "skipped: option \(option.letter) on line \(number) is out of order (expected \(letter(options.count)))")
                    broken = true
                    continue
                }
                options.append(option.text)
                continue
            }
            if let current = question {
                if options.isEmpty, !broken {
                    question = (current.line, current.text + "\n" + line)
                    continue
                }
                if !broken {
                    pack.report(current.line, label(current.text), "skipped: no ANSWER line before line \(number)")
                }
                options = []
                broken = false
            }
            question = (number, line)
        }
        if let current = question, !broken {
            pack.report(current.line, label(current.text), "skipped: the file ends before its ANSWER line")
        }
        return pack.result()
    }

    /// `A. text` or `A) text`: the option's 0-based index, its letter and text.
    static func optionLine(_ line: String) -> (index: Int, letter: Character, text: String)? {
        let characters = Array(line)
        guard characters.count >= 3, let ascii = characters[0].asciiValue, (65...90).contains(ascii),
              characters[1] == "." || characters[1] == ")", characters[2] == " " || characters[2] == "\t"
        else { return nil }
        return (Int(ascii - 65), characters[0], String(characters[3...]).trimmingCharacters(in: .whitespaces))
    }

    /// `ANSWER: X` (case-insensitive keyword): the letter as written and its index when it is one letter A–Z.
    static func answerLetter(_ line: String) -> (raw: String, index: Int?)? {
        guard line.uppercased().hasPrefix("ANSWER:") else { return nil }
        let raw = line.dropFirst("ANSWER:".count).trimmingCharacters(in: .whitespaces)
        let upper = raw.uppercased()
        guard upper.count == 1, let ascii = upper.first?.asciiValue, (65...90).contains(ascii) else { return (raw, nil) }
        return (raw, Int(ascii - 65))
    }

    static func letter(_ index: Int) -> Character {
        Character(UnicodeScalar(UInt8(65 + index % 26)))
    }
}
