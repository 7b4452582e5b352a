import Foundation

/// What makes a question parameterised: its variables and, for a numeric question, the answer
/// as an arithmetic expression over them.
///
/// The question's prompt, option texts and explanation are text templates: `{name}` stands for
/// a variable's value and `{=expression}` (or `{=expression:2}`, two decimals) for a computed one.
/// Each attempt draws one instance from its seed (`QuestionInstance`).
public struct QuestionTemplate: Sendable, Hashable, Codable {
    public var variables: [TemplateVariable]
    /// The key of a numeric question as an expression over the variables (e.g. `a / n`).
    public var answer: String?

    public init(variables: [TemplateVariable], answer: String? = nil) {
        self.variables = variables
        self.answer = answer
    }

    /// Whether `values` is an instance this template can draw: a value for each variable, and only those.
    public func allows(_ values: [String: Double]) -> Bool {
        values.count == variables.count && variables.allSatisfy { variable in values[variable.name].map(variable.contains) ?? false }
    }
}

/// One variable of a parameterised question and the values it may take.
public struct TemplateVariable: Sendable, Hashable, Codable {
    /// The values a variable may take.
    public enum Domain: Sendable, Hashable, Codable {
        /// `min`, `min + step`, ... up to `max` (inclusive).
        case range(min: Double, max: Double, step: Double)
        /// Exactly these values.
        case set([Double])
    }

    public var name: String
    public var domain: Domain

    /// The most values one variable may have (a range's or a set's).
    public static let valueLimit = 100_000
    /// The most variables one question may have.
    public static let variableLimit = 12
    /// The largest magnitude a variable's bound or value may have.
    public static let magnitudeLimit = 1e12

    public init(name: String, domain: Domain) {
        self.name = name
        self.domain = domain
    }

    /// How many values the variable may take.
    public var valueCount: Int {
        switch domain {
        case let .range(min, max, step):
            guard step > 0, max >= min else { return 0 }
            return Int(((max - min) / step + 1e-9).rounded(.down)) + 1
        case let .set(values):
            return values.count
        }
    }

    /// Whether the variable can take `value` (exactly, as `value(at:)` gives it).
    public func contains(_ value: Double) -> Bool {
        switch domain {
        case let .range(min, _, step):
            guard step > 0, value.isFinite else { return false }
            let index = ((value - min) / step).rounded()
            guard index >= 0, index < Double(valueCount) else { return false }
            return self.value(at: Int(index)) == value
        case let .set(values):
            return values.contains(value)
        }
    }

    /// The `index`th value (0 ..< valueCount).
    public func value(at index: Int) -> Double {
        switch domain {
        case let .range(min, _, step):
            let value = min + Double(index) * step
            // Steps like 0.1 accumulate binary error; keep the digits the author wrote.
            return (value * 1e9).rounded() / 1e9
        case let .set(values):
            return values[index]
        }
    }
}
