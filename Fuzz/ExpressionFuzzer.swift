import AttestCore
import Foundation

/// The variables every fuzzed expression is evaluated over (a zero among them, to reach division by zero).
let fuzzValues: [String: Double] = ["a": 3, "b": -4.5, "n": 0, "x": 1e300]

/// libFuzzer entry point for the expression evaluator of parameterised questions: any text is
/// parsed and, when it parses, evaluated; templates are rendered. No crash, bounded work (10 ms
/// per input, well above what the parse and evaluation limits allow), and any value returned is finite.
@_cdecl("LLVMFuzzerTestOneInput")
public func expressionFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let start = DispatchTime.now().uptimeNanoseconds
    if let expression = try? ExpressionParser.parse(text) {
        fuzzCheck(text.unicodeScalars.count <= ArithmeticExpression.lengthLimit, "parsed text longer than the limit")
        if case let .success(value) = expression.evaluate(fuzzValues) {
            fuzzCheck(value.isFinite, "a non-finite value \(value) from \(text.debugDescription)")
        }
    }
    if let rendered = try? TemplateText.render(text, fuzzValues) {
        fuzzCheck(!rendered.contains("{=") || text.contains("{{"), "a rendered template still holds a placeholder")
    }
    let elapsed = DispatchTime.now().uptimeNanoseconds - start
    fuzzCheck(elapsed < 10_000_000, "\(elapsed) ns for \(size) bytes: unbounded work")
    return 0
}
