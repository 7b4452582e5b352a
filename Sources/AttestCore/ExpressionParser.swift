import Foundation

/// Parses `ArithmeticExpression` text by recursive descent, within the expression's limits.
///
/// Grammar: sum := product (("+" | "-") product)*; product := unary (("*" | "/" | "×" | "÷") unary)*;
/// unary := "-" unary | power; power := atom ("^" unary)?; atom := number | name | name "(" sum ("," sum)* ")" | "(" sum ")".
public struct ExpressionParser {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var depth = 0
    private var nodes = 0

    /// Parses the whole of `text`.
    public static func parse(_ text: String) throws(ExpressionError) -> ArithmeticExpression {
        guard text.unicodeScalars.count <= ArithmeticExpression.lengthLimit else {
            throw .tooComplex(
                "the expression is longer than \(ArithmeticExpression.lengthLimit) characters",
                offset: ArithmeticExpression.lengthLimit)
        }
        var parser = ExpressionParser(scalars: Array(text.unicodeScalars))
        let expression = try parser.sum()
        parser.skipSpace()
        guard parser.position == parser.scalars.count else {
            throw .syntax("unexpected `\(Character(parser.scalars[parser.position]))`", offset: parser.position)
        }
        return expression
    }

    /// Whether `text` is a valid variable name: an ASCII letter, then letters, digits or `_` (at most 32).
    public static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 32, isLetter(first) else { return false }
        return text.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" }
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private mutating func skipSpace() {
        while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" { position += 1 }
    }

    private mutating func peek() -> Unicode.Scalar? {
        skipSpace()
        return position < scalars.count ? scalars[position] : nil
    }

    private mutating func node(_ expression: ArithmeticExpression) throws(ExpressionError) -> ArithmeticExpression {
        nodes += 1
        guard nodes <= ArithmeticExpression.nodeLimit else {
            throw .tooComplex("the expression has more than \(ArithmeticExpression.nodeLimit) parts", offset: position)
        }
        return expression
    }

    private mutating func nested<T>(_ body: (inout ExpressionParser) throws(ExpressionError) -> T) throws(ExpressionError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= ArithmeticExpression.depthLimit else {
            throw .tooComplex("the expression nests deeper than \(ArithmeticExpression.depthLimit)", offset: position)
        }
        return try body(&self)
    }

    private mutating func sum() throws(ExpressionError) -> ArithmeticExpression {
        try nested { (parser: inout ExpressionParser) throws(ExpressionError) in
            var left = try parser.product()
            while let next = parser.peek(), next == "+" || next == "-" {
                parser.position += 1
                let right = try parser.product()
                left = try parser.node(.binary(next == "+" ? .add : .subtract, left, right))
            }
            return left
        }
    }

    private mutating func product() throws(ExpressionError) -> ArithmeticExpression {
        var left = try unary()
        while let next = peek(), ["*", "/", "×", "÷"].contains(next) {
            position += 1
            let right = try unary()
            left = try node(.binary(next == "*" || next == "×" ? .multiply : .divide, left, right))
        }
        return left
    }

    private mutating func unary() throws(ExpressionError) -> ArithmeticExpression {
        if peek() == "-" || peek() == "−" {
            position += 1
            return try nested { (parser: inout ExpressionParser) throws(ExpressionError) in
                try parser.node(.negate(try parser.unary()))
            }
        }
        return try power()
    }

    private mutating func power() throws(ExpressionError) -> ArithmeticExpression {
        let base = try atom()
        guard peek() == "^" else { return base }
        position += 1
        return try nested { (parser: inout ExpressionParser) throws(ExpressionError) in
            try parser.node(.binary(.power, base, try parser.unary()))
        }
    }

    private mutating func atom() throws(ExpressionError) -> ArithmeticExpression {
        guard let next = peek() else { throw .syntax("the expression ends early", offset: position) }
        if next == "(" {
            position += 1
            let inner = try sum()
            guard peek() == ")" else { throw .syntax("missing `)`", offset: position) }
            position += 1
            return inner
        }
        if Self.isDigit(next) || next == "." { return try node(.number(try number())) }
        guard Self.isLetter(next) else { throw .syntax("unexpected `\(Character(next))`", offset: position) }
        let start = position
        while position < scalars.count, Self.isLetter(scalars[position]) || Self.isDigit(scalars[position]) || scalars[position] == "_" {
            position += 1
        }
        let name = String(String.UnicodeScalarView(scalars[start..<position]))
        guard peek() == "(" else { return try node(.variable(name)) }
        guard let function = ArithmeticExpression.Function(rawValue: name) else {
            let known = ArithmeticExpression.Function.allCases.map(\.rawValue).joined(separator: ", ")
            throw .syntax("unknown function `\(name)` (known: \(known))", offset: start)
        }
        position += 1
        var arguments: [ArithmeticExpression] = []
        repeat {
            if !arguments.isEmpty { position += 1 }
            arguments.append(try sum())
        } while peek() == ","
        guard peek() == ")" else { throw .syntax("missing `)` after the arguments of `\(name)`", offset: position) }
        position += 1
        guard function.arity.contains(arguments.count) else {
            throw .syntax("`\(name)` takes \(function.arity.lowerBound == function.arity.upperBound ? "\(function.arity.lowerBound)" : "\(function.arity.lowerBound) or \(function.arity.upperBound)") argument(s), found \(arguments.count)", offset: start)
        }
        return try node(.call(function, arguments))
    }

    private mutating func number() throws(ExpressionError) -> Double {
        let start = position
        while position < scalars.count, Self.isDigit(scalars[position]) || scalars[position] == "." { position += 1 }
        if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            var end = position + 1
            if end < scalars.count, scalars[end] == "+" || scalars[end] == "-" { end += 1 }
            if end < scalars.count, Self.isDigit(scalars[end]) {
                position = end
                while position < scalars.count, Self.isDigit(scalars[position]) { position += 1 }
            }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        guard let value = Double(text), value.isFinite else { throw .syntax("`\(text)` is not a number", offset: start) }
        return value
    }
}
