import AttestCore
import Foundation

/// Prints the default exam decision rule's operating characteristics (docs/scoring.md's tables),
/// optionally with a shorter `--max-items` (a section's `draw` caps it, as in the shipped exams).
///
/// Authors change `decision` in a pack to trade questions against error rates; this shows what
/// a rule does to simulated learners of known ability before anyone sits the exam.
struct DecisionBenchmark {
    /// Why the benchmark could not run.
    enum Failure: LocalizedError {
        case badArguments(String)

        var errorDescription: String? {
            switch self {
            case let .badArguments(text): "decision: \(text)"
            }
        }
    }

    var simulation = DecisionSimulation()

    init(arguments: [String]) throws(Failure) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard let value = remaining.popFirst(), let number = UInt64(value), number > 0 else {
                throw .badArguments("unknown option or bad value near \(argument)")
            }
            switch argument {
            case "--learners" where number <= 10_000_000: simulation.learners = Int(number)
            case "--seed": simulation.seed = number
            case "--max-items" where number <= UInt64(DecisionRule.itemLimit):
                simulation.rule.maxItems = Int(number)
                simulation.rule.minItems = min(simulation.rule.minItems, Int(number))
            default: throw .badArguments("unknown option or bad value near \(argument)")
            }
        }
    }

    func run() {
        let rule = simulation.rule
        print("Decision rule: SPRT \(rule.lower) vs \(rule.upper), alpha \(rule.alpha), beta \(rule.beta), "
            + "items \(rule.minItems)...\(rule.maxItems); \(simulation.learners) simulated learners per row, seed \(simulation.seed)")
        print(simulation.markdown())
    }
}
