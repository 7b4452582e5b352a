import Foundation

/// A number with its gradient with respect to the 21 FSRS weights (forward-mode automatic differentiation).
///
/// Why it exists: fitting a learner's weights by gradient descent, as FSRS's own optimiser does, without a
/// machine-learning library; the formulas run on `Dual` exactly as they run on `Double`.
public struct Dual: FSRSScalar {
    public var value: Double
    /// ∂value/∂w_i in lanes 0…20 (the other lanes stay 0).
    public var gradient: SIMD32<Double>

    public init(_ value: Double) {
        self.value = value
        gradient = .zero
    }

    init(value: Double, gradient: SIMD32<Double>) {
        self.value = value
        self.gradient = gradient
    }

    /// The weights as variables: weight i has gradient 1 in lane i.
    static func variables(_ weights: [Double]) -> [Dual] {
        weights.enumerated().map { index, weight in
            var gradient = SIMD32<Double>.zero
            gradient[index] = 1
            return Dual(value: weight, gradient: gradient)
        }
    }

    public static func + (lhs: Dual, rhs: Dual) -> Dual {
        Dual(value: lhs.value + rhs.value, gradient: lhs.gradient + rhs.gradient)
    }

    public static func - (lhs: Dual, rhs: Dual) -> Dual {
        Dual(value: lhs.value - rhs.value, gradient: lhs.gradient - rhs.gradient)
    }

    public static func * (lhs: Dual, rhs: Dual) -> Dual {
        Dual(value: lhs.value * rhs.value, gradient: lhs.gradient * rhs.value + rhs.gradient * lhs.value)
    }

    public static func / (lhs: Dual, rhs: Dual) -> Dual {
        Dual(value: lhs.value / rhs.value, gradient: (lhs.gradient * rhs.value - rhs.gradient * lhs.value) / (rhs.value * rhs.value))
    }

    public static prefix func - (operand: Dual) -> Dual {
        Dual(value: -operand.value, gradient: -operand.gradient)
    }

    public static func power(_ base: Dual, _ exponent: Dual) -> Dual {
        let value = Foundation.pow(base.value, exponent.value)
        var gradient = base.gradient * (exponent.value * Foundation.pow(base.value, exponent.value - 1))
        if exponent.gradient != .zero {
            gradient += exponent.gradient * (value * Foundation.log(base.value))
        }
        return Dual(value: value, gradient: gradient)
    }

    public static func powE(_ exponent: Dual) -> Dual {
        let value = Foundation.exp(exponent.value)
        return Dual(value: value, gradient: exponent.gradient * value)
    }

    public static func log(_ operand: Dual) -> Dual {
        Dual(value: Foundation.log(operand.value), gradient: operand.gradient / operand.value)
    }
}
