import Foundation

/// A safe arithmetic expression, the key of a parameterised question (`a / n`, `round(p^2, 2)`).
///
/// Numbers, variables, `+ - * /` (also `×` and `÷`), `^` powers, parentheses and a few
/// functions; nothing else, so a pack can never run code. Parsing is bounded in length, depth
/// and size, and evaluation visits each node once, so the work per evaluation is bounded.
public indirect enum ArithmeticExpression: Sendable, Hashable {
    case number(Double)
    case variable(String)
    case negate(ArithmeticExpression)
    case binary(Operator, ArithmeticExpression, ArithmeticExpression)
    case call(Function, [ArithmeticExpression])

    public enum Operator: Character, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    }

    /// The functions an expression may call, with how many arguments each takes.
    public enum Function: String, Sendable, Hashable, CaseIterable {
        case sqrt, abs, floor, ceil, round, min, max, ln, log10, exp

        var arity: ClosedRange<Int> {
            switch self {
            case .round: 1...2
            case .min, .max: 2...2
            default: 1...1
            }
        }
    }

    /// The longest expression text accepted.
    public static let lengthLimit = 500
    /// The deepest nesting accepted.
    public static let depthLimit = 32
    /// The most nodes an expression may have.
    public static let nodeLimit = 200

    /// How many parts (numbers, variables, operators, calls) the expression has: the work one evaluation does.
    public var size: Int {
        switch self {
        case .number, .variable: 1
        case let .negate(inner): 1 + inner.size
        case let .binary(_, left, right): 1 + left.size + right.size
        case let .call(_, arguments): arguments.reduce(1) { $0 + $1.size }
        }
    }

    /// The names of the variables the expression uses.
    public var variables: Set<String> {
        switch self {
        case .number: []
        case let .variable(name): [name]
        case let .negate(inner): inner.variables
        case let .binary(_, left, right): left.variables.union(right.variables)
        case let .call(_, arguments): arguments.reduce(into: Set<String>()) { $0.formUnion($1.variables) }
        }
    }

    /// The value with `values` for the variables; fails on an unknown variable, a division by
    /// zero, or a result that is not a finite number.
    public func evaluate(_ values: [String: Double]) -> Result<Double, ExpressionError> {
        do {
            return .success(try value(values))
        } catch {
            return .failure(error)
        }
    }

    private func value(_ values: [String: Double]) throws(ExpressionError) -> Double {
        let result: Double
        switch self {
        case let .number(number):
            result = number
        case let .variable(name):
            guard let value = values[name] else { throw .unknownVariable(name) }
            result = value
        case let .negate(inner):
            result = -(try inner.value(values))
        case let .binary(op, left, right):
            let a = try left.value(values), b = try right.value(values)
            switch op {
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide:
                guard b != 0 else { throw .divisionByZero }
                result = a / b
            case .power:
                result = Foundation.pow(a, b)
            }
        case let .call(function, arguments):
            var args: [Double] = []
            for argument in arguments { args.append(try argument.value(values)) }
            result = try Self.apply(function, args)
        }
        guard result.isFinite else { throw .notFinite }
        return result
    }

    private static func apply(_ function: Function, _ args: [Double]) throws(ExpressionError) -> Double {
        let x = args[0]
        switch function {
        case .sqrt:
            guard x >= 0 else { throw .outOfDomain("sqrt of a negative number") }
            return x.squareRoot()
        case .abs: return Swift.abs(x)
        case .floor: return x.rounded(.down)
        case .ceil: return x.rounded(.up)
        case .round:
            let digits = args.count > 1 ? args[1].rounded() : 0
            guard (0...12).contains(digits) else { throw .outOfDomain("round to 0…12 digits") }
            let scale = Foundation.pow(10, digits)
            return (x * scale).rounded(.toNearestOrAwayFromZero) / scale
        case .min: return Swift.min(x, args[1])
        case .max: return Swift.max(x, args[1])
        case .ln:
            guard x > 0 else { throw .outOfDomain("ln of a number ≤ 0") }
            return Foundation.log(x)
        case .log10:
            guard x > 0 else { throw .outOfDomain("log10 of a number ≤ 0") }
            return Foundation.log10(x)
        case .exp: return Foundation.exp(x)
        }
    }
}

/// Why an expression could not be parsed or evaluated; parse errors carry the character offset
/// (0-based, in Unicode scalars) where the parser stopped.
public enum ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    case syntax(String, offset: Int)
    case tooComplex(String, offset: Int)
    case unknownVariable(String)
    case divisionByZero
    case notFinite
    case outOfDomain(String)

    public var description: String {
        switch self {
        case let .syntax(message, offset): "\(message) at character \(offset + 1)"
        case let .tooComplex(message, offset): "\(message) at character \(offset + 1)"
        case let .unknownVariable(name): "unknown variable `\(name)`"
        case .divisionByZero: "division by zero"
        case .notFinite: "the result is not a finite number"
        case let .outOfDomain(message): message
        }
    }
}
