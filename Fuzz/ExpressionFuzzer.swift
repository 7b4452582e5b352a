import AttestCore
import Foundation

/// The variables every fuzzed expression is evaluated over (a zero among them, to reach division by zero).
let fuzzValues: [String: Double] = ["a": 3, "b": -4.5, "n": 0, "x": 1e300]

/// The CPU time this thread has used, in nanoseconds: work done, unlike wall time, which a loaded
/// machine stretches by descheduling the fuzzer.
func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Parses, evaluates and renders `text`, checking what comes back.
func exercise(_ text: String) {
    if let expression = try? ExpressionParser.parse(text) {
        fuzzCheck(text.unicodeScalars.count <= ArithmeticExpression.lengthLimit, "parsed text longer than the limit")
        if case let .success(value) = expression.evaluate(fuzzValues) {
            fuzzCheck(value.isFinite, "a non-finite value \(value) from \(text.debugDescription)")
        }
    }
    if let rendered = try? TemplateText.render(text, fuzzValues) {
        fuzzCheck(!rendered.contains("{=") || text.contains("{{"), "a rendered template still holds a placeholder")
    }
}

/// The CPU nanoseconds one `exercise(text)` takes.
func cost(_ text: String) -> UInt64 {
    let start = threadCPUNanoseconds()
    exercise(text)
    return threadCPUNanoseconds() - start
}

/// libFuzzer entry point for the expression evaluator of parameterised questions: any text is
/// parsed and, when it parses, evaluated; templates are rendered. No crash, bounded work (10 ms of
/// CPU per input, well above what the parse and evaluation limits allow), and any value returned is finite.
/// An input over the budget is timed twice more and fails only if every run is: a shared, loaded machine
/// stretches a single run now and then (first-touch page faults, CPU time stolen from the virtual machine).
@_cdecl("LLVMFuzzerTestOneInput")
public func expressionFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let budget: UInt64 = 10_000_000
    var elapsed = cost(text)
    for _ in 0..<2 where elapsed >= budget { elapsed = min(elapsed, cost(text)) }
    fuzzCheck(elapsed < budget, "\(elapsed) ns of CPU for \(size) bytes, on each of three runs: unbounded work")
    return 0
}
