import Foundation

/// A compact binary form of one `Question`, for the store's compiled packs.
///
/// A compiled 50,000-question pack is written once per pack version, and a quiz reads a few of
/// its questions; `JSONEncoder` made that write several times slower and the rows half again as
/// big. Layout: lengths and counts as LEB128 varints, strings as UTF-8 with their byte length,
/// doubles as their 64-bit pattern (little-endian), optionals and booleans as one byte. Decoding
/// checks every bound and needs the bytes to end exactly where the question does.
public enum CompactQuestionCoding {
    public static func encode(_ question: Question) -> Data {
        var writer = Writer()
        writer.string(question.id)
        writer.count(question.skills.count)
        for weight in question.skills {
            writer.string(weight.skill)
            writer.double(weight.weight)
        }
        writer.string(question.prompt)
        switch question.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            if case .singleChoice = question.kind { writer.byte(0) } else { writer.byte(1) }
            writer.count(options.count)
            for option in options {
                writer.string(option.text)
                writer.bool(option.correct)
                writer.optional(option.feedback) { $0.string($1) }
            }
        case let .trueFalse(answer):
            writer.byte(2)
            writer.bool(answer)
        case let .shortText(key):
            writer.byte(3)
            writer.strings(key.accept)
            writer.bool(key.ignoreDiacritics)
            writer.optional(key.pattern) { $0.string($1) }
        case let .numeric(key):
            writer.byte(4)
            switch key.target {
            case let .absolute(value, tolerance): writer.byte(0); writer.double(value); writer.double(tolerance)
            case let .relative(value, tolerance): writer.byte(1); writer.double(value); writer.double(tolerance)
            case let .range(low, high): writer.byte(2); writer.double(low); writer.double(high)
            }
            writer.optional(key.unit) { $0.string($1) }
        case let .ordering(items):
            writer.byte(5)
            writer.strings(items)
        }
        writer.double(question.points)
        writer.byte(UInt8(Difficulty.allCases.firstIndex(of: question.difficulty)!))
        writer.optional(question.timeLimit) { $0.double($1) }
        writer.optional(question.explanation) { $0.string($1) }
        writer.strings(question.tags)
        writer.byte(UInt8(QuestionPool.allCases.firstIndex(of: question.pool)!))
        writer.bool(question.difficultyStated)
        writer.optional(question.source) { writer, source in
            writer.string(source.reference)
            writer.optional(source.section) { $0.string($1) }
            writer.optional(source.page) { $0.string($1) }
        }
        writer.optional(question.itemKind) { $0.byte(UInt8(ItemKind.allCases.firstIndex(of: $1)!)) }
        writer.optional(question.template) { writer, template in
            writer.count(template.variables.count)
            for variable in template.variables {
                writer.string(variable.name)
                switch variable.domain {
                case let .range(min, max, step): writer.byte(0); writer.double(min); writer.double(max); writer.double(step)
                case let .set(values): writer.byte(1); writer.count(values.count); for value in values { writer.double(value) }
                }
            }
            writer.optional(template.answer) { $0.string($1) }
        }
        return Data(writer.bytes)
    }

    /// The question, or nil when `data` is not exactly one encoded question.
    public static func decode(_ data: Data) -> Question? {
        var reader = Reader(bytes: [UInt8](data))
        guard let question = reader.question(), reader.offset == reader.bytes.count else { return nil }
        return question
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func byte(_ value: UInt8) { bytes.append(value) }
        mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

        mutating func count(_ value: Int) {
            var rest = UInt64(value)
            while rest >= 0x80 {
                bytes.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func double(_ value: Double) {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                count(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func strings(_ values: [String]) {
            count(values.count)
            for value in values { string(value) }
        }

        mutating func optional<T>(_ value: T?, _ write: (inout Writer, T) -> Void) {
            guard let value else { return byte(0) }
            byte(1)
            write(&self, value)
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func bool() -> Bool? {
            switch byte() {
            case 0: false
            case 1: true
            default: nil
            }
        }

        mutating func count() -> Int? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let next = byte() {
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return value <= UInt64(bytes.count) ? Int(value) : nil }
                shift += 7
                if shift > 35 { return nil }
            }
            return nil
        }

        mutating func double() -> Double? {
            guard offset + 8 <= bytes.count else { return nil }
            var pattern: UInt64 = 0
            for index in 0..<8 { pattern |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
            offset += 8
            return Double(bitPattern: pattern)
        }

        mutating func string() -> String? {
            guard let length = count(), offset + length <= bytes.count else { return nil }
            defer { offset += length }
            return String(validating: bytes[offset..<offset + length], as: UTF8.self)
        }

        mutating func strings() -> [String]? {
            guard let count = count() else { return nil }
            var values: [String] = []
            for _ in 0..<count {
                guard let value = string() else { return nil }
                values.append(value)
            }
            return values
        }

        /// nil when damaged; `.some(nil)` when absent.
        mutating func optional<T>(_ read: (inout Reader) -> T?) -> T?? {
            switch byte() {
            case 0: return .some(nil)
            case 1: return read(&self).map { .some($0) }
            default: return nil
            }
        }

        mutating func question() -> Question? {
            guard let id = string(), let skillCount = count() else { return nil }
            var skills: [SkillWeight] = []
            for _ in 0..<skillCount {
                guard let skill = string(), let weight = double() else { return nil }
                skills.append(SkillWeight(skill: skill, weight: weight))
            }
            guard let prompt = string(), let kind = kind(), let points = double(),
                  let difficulty = byte().flatMap({ Difficulty.allCases.indices.contains(Int($0)) ? Difficulty.allCases[Int($0)] : nil }),
                  let timeLimit = optional({ $0.double() }), let explanation = optional({ $0.string() }),
                  let tags = strings(),
                  let pool = byte().flatMap({ QuestionPool.allCases.indices.contains(Int($0)) ? QuestionPool.allCases[Int($0)] : nil }),
                  let difficultyStated = bool(), let source = optional({ $0.source() }),
                  let itemKind = optional({ $0.byte().flatMap { ItemKind.allCases.indices.contains(Int($0)) ? ItemKind.allCases[Int($0)] : nil } }),
                  let template = optional({ $0.template() })
            else { return nil }
            return Question(
                id: id, skills: skills, prompt: prompt, kind: kind, points: points, difficulty: difficulty,
                timeLimit: timeLimit, explanation: explanation, tags: tags, pool: pool, difficultyStated: difficultyStated,
                source: source, itemKind: itemKind, template: template)
        }

        mutating func source() -> QuestionSource? {
            guard let reference = string(), let section = optional({ $0.string() }), let page = optional({ $0.string() }) else {
                return nil
            }
            return QuestionSource(reference: reference, section: section, page: page)
        }

        mutating func template() -> QuestionTemplate? {
            guard let variableCount = count() else { return nil }
            var variables: [TemplateVariable] = []
            for _ in 0..<variableCount {
                guard let name = string() else { return nil }
                switch byte() {
                case 0:
                    guard let min = double(), let max = double(), let step = double() else { return nil }
                    variables.append(TemplateVariable(name: name, domain: .range(min: min, max: max, step: step)))
                case 1:
                    guard let valueCount = count() else { return nil }
                    var values: [Double] = []
                    for _ in 0..<valueCount {
                        guard let value = double() else { return nil }
                        values.append(value)
                    }
                    variables.append(TemplateVariable(name: name, domain: .set(values)))
                default:
                    return nil
                }
            }
            guard let answer = optional({ $0.string() }) else { return nil }
            return QuestionTemplate(variables: variables, answer: answer)
        }

        mutating func kind() -> Question.Kind? {
            switch byte() {
            case let tag? where tag == 0 || tag == 1:
                guard let count = count() else { return nil }
                var options: [Option] = []
                for _ in 0..<count {
                    guard let text = string(), let correct = bool(), let feedback = optional({ $0.string() }) else {
                        return nil
                    }
                    options.append(Option(text: text, correct: correct, feedback: feedback))
                }
                return tag == 0 ? .singleChoice(options) : .multipleChoice(options)
            case 2:
                return bool().map { .trueFalse(answer: $0) }
            case 3:
                guard let accept = strings(), let ignore = bool(), let pattern = optional({ $0.string() }) else {
                    return nil
                }
                return .shortText(ShortTextKey(accept: accept, ignoreDiacritics: ignore, pattern: pattern))
            case 4:
                let target: NumericKey.Target
                switch (byte(), double(), double()) {
                case let (0?, value?, tolerance?): target = .absolute(value: value, tolerance: tolerance)
                case let (1?, value?, tolerance?): target = .relative(value: value, tolerance: tolerance)
                case let (2?, low?, high?): target = .range(low: low, high: high)
                default: return nil
                }
                guard let unit = optional({ $0.string() }) else { return nil }
                return .numeric(NumericKey(target: target, unit: unit))
            case 5:
                return strings().map { .ordering($0) }
            default:
                return nil
            }
        }
    }
}
