import Foundation

/// One instance of a parameterised question: the values drawn for its variables.
///
/// An attempt journals the instance it drew with what it rendered (`InstanceRecord`), so resuming,
/// reviewing, exporting and re-scoring show exactly the question the learner saw.
public struct QuestionInstance: Sendable, Hashable, Codable {
    /// Variable name → value.
    public var values: [String: Double]

    public init(values: [String: Double]) {
        self.values = values
    }

    /// The most combinations of variable values validation checks one by one.
    public static let combinationLimit = 10_000
    /// The most expression parts validation evaluates for one question (combinations × parts of all
    /// its expressions), so a template with many long placeholders cannot make loading a pack hang.
    public static let evaluationBudget = 2_000_000

    /// Draws the values of `template`'s variables from `generator`.
    public static func draw(_ template: QuestionTemplate, using generator: inout SeededGenerator) -> QuestionInstance {
        var values: [String: Double] = [:]
        for variable in template.variables {
            let count = max(1, variable.valueCount)
            values[variable.name] = variable.value(at: generator.nextInt(below: count))
        }
        return QuestionInstance(values: values)
    }

    /// The question as this instance shows it: texts rendered and a numeric key computed.
    public func apply(to question: Question) throws(ExpressionError) -> Question {
        guard let template = question.template else { return question }
        var result = question
        result.prompt = try TemplateText.render(question.prompt, values)
        result.explanation = try question.explanation.map { (text) throws(ExpressionError) in try TemplateText.render(text, values) }
        switch question.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            var rendered: [Option] = []
            for option in options {
                var copy = option
                copy.text = try TemplateText.render(option.text, values)
                copy.feedback = try option.feedback.map { (text) throws(ExpressionError) in try TemplateText.render(text, values) }
                rendered.append(copy)
            }
            if case .singleChoice = question.kind { result.kind = .singleChoice(rendered) } else { result.kind = .multipleChoice(rendered) }
        case let .numeric(key):
            guard let answer = template.answer else { break }
            result.kind = .numeric(key.centred(on: try ExpressionParser.parse(answer).evaluate(values).get()))
        default:
            break
        }
        return result
    }

    /// Every combination of the template's values, in order, while there are at most `combinationLimit`.
    public static func all(_ template: QuestionTemplate) -> [QuestionInstance]? {
        let counts = template.variables.map(\.valueCount)
        var total = 1
        for count in counts {
            total *= max(count, 0)
            if total > combinationLimit { return nil }
        }
        guard total > 0 else { return [] }
        var result: [QuestionInstance] = []
        result.reserveCapacity(total)
        var indices = [Int](repeating: 0, count: counts.count)
        for _ in 0..<total {
            var values: [String: Double] = [:]
            for (slot, variable) in template.variables.enumerated() { values[variable.name] = variable.value(at: indices[slot]) }
            result.append(QuestionInstance(values: values))
            for slot in indices.indices.reversed() {
                indices[slot] += 1
                if indices[slot] < counts[slot] { break }
                indices[slot] = 0
            }
        }
        return result
    }
}

/// The text templates of parameterised questions: `{name}` is a variable's value, `{=expression}`
/// a computed value and `{=expression:2}` one with two decimals; `{{` and `}}` are literal braces.
public enum TemplateText {
    /// The placeholders of `text`: each one's expression text and its decimals, if given.
    public static func placeholders(_ text: String) throws(ExpressionError) -> [(expression: String, decimals: Int?)] {
        var found: [(String, Int?)] = []
        _ = try walk(text) { (body: String) throws(ExpressionError) in
            let parsed = try split(body)
            found.append(parsed)
            return ""
        }
        return found
    }

    /// `text` with every placeholder replaced by its value.
    public static func render(_ text: String, _ values: [String: Double]) throws(ExpressionError) -> String {
        try walk(text) { (body: String) throws(ExpressionError) in
            let (expression, decimals) = try split(body)
            let value = try ExpressionParser.parse(expression).evaluate(values).get()
            return format(value, decimals: decimals)
        }
    }

    /// A number as templates show it: `decimals` fixed, or up to 6 decimals without trailing zeros.
    public static func format(_ value: Double, decimals: Int?) -> String {
        let text = String(format: "%.\(decimals ?? 6)f", value)
        guard decimals == nil, text.contains(".") else { return text == "-0" ? "0" : text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed.removeLast() }
        if trimmed.last == "." { trimmed.removeLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
    }

    private static func split(_ body: String) throws(ExpressionError) -> (String, Int?) {
        guard body.first == "=" else {
            guard ExpressionParser.isName(body) else { throw .syntax("`{\(body)}` is not a variable name or `{=expression}`", offset: 0) }
            return (body, nil)
        }
        let expression = body.dropFirst()
        if let colon = expression.lastIndex(of: ":") {
            let digits = expression[expression.index(after: colon)...]
            guard let count = Int(digits), (0...12).contains(count) else {
                throw .syntax("`:\(digits)` must be a number of decimals from 0 to 12", offset: 0)
            }
            return (String(expression[..<colon]), count)
        }
        return (String(expression), nil)
    }

    private static func walk(_ text: String, _ replace: (String) throws(ExpressionError) -> String) throws(ExpressionError) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{", next < text.endIndex, text[next] == "{" {
                output.append("{")
                index = text.index(after: next)
            } else if character == "}", next < text.endIndex, text[next] == "}" {
                output.append("}")
                index = text.index(after: next)
            } else if character == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    throw .syntax("`{` without a closing `}`", offset: text.distance(from: text.startIndex, to: index))
                }
                output += try replace(String(text[next..<close]))
                index = text.index(after: close)
            } else {
                output.append(character)
                index = next
            }
        }
        return output
    }
}

extension Pack {
    /// The pack as one attempt sees it: each parameterised question among `questionIDs` replaced
    /// by its instance for `seed`. The instance depends only on the attempt's seed and the
    /// question's id; an attempt journals what it drew (`InstanceRecord`) and is rebuilt from that.
    public func instantiated(seed: UInt64, questionIDs: [String]) -> Pack {
        applying(instances(seed: seed, questionIDs: questionIDs))
    }
}

extension QuestionInstance {
    /// The instance of `question` an attempt with `seed` draws (nil for a fixed question).
    public static func instance(of question: Question, seed: UInt64) -> QuestionInstance? {
        guard let template = question.template else { return nil }
        // FNV-1a of the id, so two questions of one attempt draw independently.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in question.id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var generator = SeededGenerator(seed: seed ^ hash)
        return draw(template, using: &generator)
    }
}
