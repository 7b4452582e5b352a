import Foundation

/// The small descriptive statistics item analysis is built from, in one place so every
/// figure uses the same definitions (sample variances with n − 1, Moodle's k-statistics).
///
/// Each function returns nil when its input is too short for the figure or has no spread.
public enum Descriptive {
    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The middle value, or the mean of the two middle values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Sample variance (divides by n − 1); nil below 2 values.
    public static func variance(_ values: [Double]) -> Double? {
        covariance(values, values)
    }

    /// Sample standard deviation (n − 1); nil below 2 values.
    public static func standardDeviation(_ values: [Double]) -> Double? {
        variance(values).map { $0.squareRoot() }
    }

    /// Sample covariance (n − 1) of paired values; nil below 2 pairs or when the lengths differ.
    public static func covariance(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 2, let mx = mean(x), let my = mean(y) else { return nil }
        var sum = 0.0
        for index in x.indices { sum += (x[index] - mx) * (y[index] - my) }
        return sum / Double(x.count - 1)
    }

    /// Pearson's correlation; nil below 2 pairs or when either side has no spread.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        guard let cxy = covariance(x, y), let vx = variance(x), let vy = variance(y), vx > 0, vy > 0 else { return nil }
        return cxy / (vx * vy).squareRoot()
    }

    /// The largest covariance the two samples could have: both sorted the same way and paired.
    public static func maximumCovariance(_ x: [Double], _ y: [Double]) -> Double? {
        covariance(x.sorted(), y.sorted())
    }

    /// Skewness as Moodle computes it: k3 / k2^(3/2) with the unbiased k-statistics
    /// (the adjusted Fisher–Pearson coefficient); nil below 3 values or without spread.
    public static func skewness(_ values: [Double]) -> Double? {
        guard values.count >= 3, let moments = centralMoments(values), moments.m2 > 0 else { return nil }
        let s = Double(values.count)
        let k2 = s * moments.m2 / (s - 1)
        let k3 = s * s * moments.m3 / ((s - 1) * (s - 2))
        return k3 / pow(k2, 1.5)
    }

    /// Excess kurtosis as Moodle computes it: k4 / k2² (0 for a normal distribution);
    /// nil below 4 values or without spread.
    public static func kurtosis(_ values: [Double]) -> Double? {
        guard values.count >= 4, let moments = centralMoments(values), moments.m2 > 0 else { return nil }
        let s = Double(values.count)
        let k2 = s * moments.m2 / (s - 1)
        let k4 = s * s * ((s + 1) * moments.m4 - 3 * (s - 1) * moments.m2 * moments.m2) / ((s - 1) * (s - 2) * (s - 3))
        return k4 / (k2 * k2)
    }

    /// Population central moments m2, m3, m4 (each divided by n).
    static func centralMoments(_ values: [Double]) -> (m2: Double, m3: Double, m4: Double)? {
        guard let average = mean(values) else { return nil }
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for value in values {
            let d = value - average
            m2 += d * d
            m3 += d * d * d
            m4 += d * d * d * d
        }
        let n = Double(values.count)
        return (m2 / n, m3 / n, m4 / n)
    }
}
