import Foundation

/// The arithmetic the FSRS formulas need, so they are written once for plain numbers (scheduling) and for
/// numbers that carry their gradient (fitting, see `Dual`).
public protocol FSRSScalar: Sendable {
    init(_ value: Double)
    var value: Double { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self
    /// base^exponent.
    static func power(_ base: Self, _ exponent: Self) -> Self
    /// e^exponent, computed as the reference computes it (`math.e ** x`).
    static func powE(_ exponent: Self) -> Self
    static func log(_ operand: Self) -> Self
}

extension Double: FSRSScalar {
    public var value: Double { self }
    public static func power(_ base: Double, _ exponent: Double) -> Double { Foundation.pow(base, exponent) }
    public static func powE(_ exponent: Double) -> Double { Foundation.pow(M_E, exponent) }
    public static func log(_ operand: Double) -> Double { Foundation.log(operand) }
}

/// FSRS-6's formulas over any `FSRSScalar`, `w` being the 21 weights. Clamps pick by value (a clamped
/// value's gradient is the bound's, zero), as the reference's `clamp` does.
enum FSRSFormulas {
    static func clamp<N: FSRSScalar>(_ x: N, _ low: Double, _ high: Double) -> N {
        x.value < low ? N(low) : (x.value > high ? N(high) : x)
    }

    static func atLeast<N: FSRSScalar>(_ x: N, _ low: Double) -> N {
        x.value < low ? N(low) : x
    }

    static func decay<N: FSRSScalar>(_ w: [N]) -> N { -w[20] }

    static func factor<N: FSRSScalar>(_ w: [N]) -> N { N.power(N(0.9), N(1) / decay(w)) - N(1) }

    static func retrievability<N: FSRSScalar>(_ w: [N], elapsedDays: Double, stability: N) -> N {
        N.power(N(1) + factor(w) * N(elapsedDays) / stability, decay(w))
    }

    static func initialStability<N: FSRSScalar>(_ w: [N], _ grade: Grade) -> N {
        atLeast(w[grade.rawValue - 1], 0.001)
    }

    static func initialDifficulty<N: FSRSScalar>(_ w: [N], _ grade: Grade) -> N {
        w[4] - N.powE(w[5] * N(Double(grade.rawValue - 1))) + N(1)
    }

    static func shortTermStability<N: FSRSScalar>(_ w: [N], _ stability: N, _ grade: Grade) -> N {
        var increase = N.powE(w[17] * (N(Double(grade.rawValue) - 3) + w[18])) * N.power(stability, -w[19])
        if grade != .again { increase = atLeast(increase, 1) }
        return atLeast(stability * increase, 0.001)
    }

    static func nextDifficulty<N: FSRSScalar>(_ w: [N], _ difficulty: N, _ grade: Grade) -> N {
        let delta = -(w[6] * N(Double(grade.rawValue) - 3))
        let damped = difficulty + (N(10) - difficulty) * delta / N(9)
        return clamp(w[7] * initialDifficulty(w, .easy) + (N(1) - w[7]) * damped, 1, 10)
    }

    static func nextStability<N: FSRSScalar>(_ w: [N], difficulty: N, stability: N, retrievability: N, _ grade: Grade) -> N {
        let next: N
        if grade == .again {
            let longTerm = w[11] * N.power(difficulty, -w[12]) * (N.power(stability + N(1), w[13]) - N(1))
                * N.powE((N(1) - retrievability) * w[14])
            let shortTerm = stability / N.powE(w[17] * w[18])
            next = longTerm.value <= shortTerm.value ? longTerm : shortTerm
        } else {
            let hardPenalty = grade == .hard ? w[15] : N(1)
            let easyBonus = grade == .easy ? w[16] : N(1)
            next = stability * (N(1) + N.powE(w[8]) * (N(11) - difficulty) * N.power(stability, -w[9])
                * (N.powE((N(1) - retrievability) * w[10]) - N(1)) * hardPenalty * easyBonus)
        }
        return atLeast(next, 0.001)
    }

    /// Stability and difficulty after a review: the first review sets them from the grade; a review less
    /// than a whole day after the previous one uses the short-term formula; any other the long-term one.
    /// The same in every phase, which is why fitting needs no phases.
    static func update<N: FSRSScalar>(
        _ w: [N], memory: (stability: N, difficulty: N)?, elapsedDays: Int, grade: Grade
    ) -> (stability: N, difficulty: N) {
        guard let memory else { return (initialStability(w, grade), clamp(initialDifficulty(w, grade), 1, 10)) }
        let stability = elapsedDays < 1
            ? shortTermStability(w, memory.stability, grade)
            : nextStability(
                w, difficulty: memory.difficulty, stability: memory.stability,
                retrievability: retrievability(w, elapsedDays: Double(elapsedDays), stability: memory.stability), grade)
        return (stability, nextDifficulty(w, memory.difficulty, grade))
    }
}
