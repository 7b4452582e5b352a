import Foundation

/// The 21 weights of the FSRS-6 memory model, with the published defaults and the bounds the reference
/// optimiser clamps them to.
///
/// Why a type of its own: a learner's fitted weights are stored and reused, and every value that enters
/// the scheduler must be one the reference implementation (the Python `fsrs` package) would accept.
public struct FSRSParameters: Sendable, Hashable, Codable {
    /// w0…w20. w0–w3 initial stabilities per grade, w4–w7 difficulty, w8–w16 stability after a review,
    /// w17–w19 same-day reviews, w20 the forgetting curve's decay.
    public var weights: [Double]

    /// The FSRS-6 defaults (fsrs 6.x, `DEFAULT_PARAMETERS`).
    public static let defaults = FSRSParameters(uncheckedWeights: [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ])

    /// Lower bounds per weight (the reference's `LOWER_BOUNDS_PARAMETERS`).
    public static let lowerBounds: [Double] = [
        0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ]

    /// Upper bounds per weight (the reference's `UPPER_BOUNDS_PARAMETERS`).
    public static let upperBounds: [Double] = [
        100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5, 5, 0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8,
    ]

    /// Why a list of weights was refused.
    public enum Problem: Error, Equatable, Sendable {
        case count(Int)
        case outOfBounds(index: Int, value: Double)
    }

    /// Weights checked for count and bounds, as the reference checks them.
    public init(weights: [Double]) throws(Problem) {
        guard weights.count == 21 else { throw .count(weights.count) }
        for (index, value) in weights.enumerated()
        where !(Self.lowerBounds[index] <= value && value <= Self.upperBounds[index]) {
            throw .outOfBounds(index: index, value: value)
        }
        self.weights = weights
    }

    init(uncheckedWeights: [Double]) {
        weights = uncheckedWeights
    }

    /// The weights clamped into their bounds (what the optimiser does after every step).
    public static func clamped(_ weights: [Double]) -> FSRSParameters {
        FSRSParameters(uncheckedWeights: weights.enumerated().map { index, value in
            min(max(value, lowerBounds[index]), upperBounds[index])
        })
    }

    /// The forgetting curve's decay, −w20.
    public var decay: Double { -weights[20] }

    /// The factor that makes retrievability 0.9 after one stability: 0.9^(1/decay) − 1.
    public var factor: Double { pow(0.9, 1 / decay) - 1 }
}
