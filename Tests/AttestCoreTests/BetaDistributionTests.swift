import AttestCore
import Foundation
import Testing

@Suite("BetaDistribution")
struct BetaDistributionTests {
    @Test func knownQuantiles() {
        // Beta(a, 1) has CDF x^a, so its p-quantile is p^(1/a).
        #expect(abs(BetaDistribution(alpha: 11, beta: 1).quantile(0.05) - 0.761_60) < 5e-6)
        #expect(abs(BetaDistribution(alpha: 11, beta: 1).quantile(0.05) - pow(0.05, 1.0 / 11)) < 1e-10)
        #expect(abs(BetaDistribution(alpha: 1, beta: 1).quantile(0.95) - 0.95) < 1e-10)
        // Beta(1, b): CDF 1 − (1 − x)^b.
        #expect(abs(BetaDistribution(alpha: 1, beta: 4).quantile(0.5) - (1 - pow(0.5, 0.25))) < 1e-10)
    }

    @Test func knownCDFValues() {
        let uniform = BetaDistribution(alpha: 1, beta: 1)
        #expect(abs(uniform.cdf(0.3) - 0.3) < 1e-12)
        let b22 = BetaDistribution(alpha: 2, beta: 2)
        for x in stride(from: 0.05, to: 1, by: 0.05) {
            #expect(abs(b22.cdf(x) - (3 * x * x - 2 * x * x * x)) < 1e-12)
        }
        let arcsine = BetaDistribution(alpha: 0.5, beta: 0.5)
        for x in [0.01, 0.2, 0.5, 0.77, 0.99] {
            #expect(abs(arcsine.cdf(x) - 2 / Double.pi * asin(x.squareRoot())) < 1e-10)
        }
        // I_0.5(a, a) = 0.5 by symmetry; a published value: I_0.4(2, 3) = 0.5248.
        #expect(abs(BetaDistribution(alpha: 37.5, beta: 37.5).cdf(0.5) - 0.5) < 1e-12)
        #expect(abs(BetaDistribution(alpha: 2, beta: 3).cdf(0.4) - 0.5248) < 1e-12)
        #expect(uniform.cdf(0) == 0 && uniform.cdf(1) == 1 && uniform.cdf(-1) == 0)
    }

    @Test func largeParametersStayAccurate() {
        // Binomial identity: I_x(k, n − k + 1) = P(Binomial(n, x) ≥ k); here n = 200, k = 150, x = 0.75.
        var tail = 0.0
        for j in 150...200 {
            let k = Double(j)
            let logChoose: Double = lgamma(201.0) - lgamma(k + 1) - lgamma(201.0 - k)
            let logPowers: Double = k * log(0.75) + (200 - k) * log(0.25)
            tail += exp(logChoose + logPowers)
        }
        #expect(abs(BetaDistribution(alpha: 150, beta: 51).cdf(0.75) - tail) < 1e-10)
    }

    @Test func quantileInvertsCDFAcrossRandomParameters() {
        var generator = SeededGenerator(seed: 8)
        for _ in 0..<300 {
            let a = 0.5 + Double(generator.nextInt(below: 4000)) / 20
            let b = 0.5 + Double(generator.nextInt(below: 4000)) / 20
            let p = (1 + Double(generator.nextInt(below: 998))) / 1000
            let distribution = BetaDistribution(alpha: a, beta: b)
            let x = distribution.quantile(p)
            #expect(abs(distribution.cdf(x) - p) < 1e-9)
            #expect(abs(distribution.cdf(x) + BetaDistribution(alpha: b, beta: a).cdf(1 - x) - 1) < 1e-9)
        }
    }

    @Test func intervalIsEqualTailed() {
        let interval = BetaDistribution(alpha: 8, beta: 4).credibleInterval(mass: 0.9)
        let distribution = BetaDistribution(alpha: 8, beta: 4)
        #expect(abs(distribution.cdf(interval.lower) - 0.05) < 1e-9)
        #expect(abs(distribution.cdf(interval.upper) - 0.95) < 1e-9)
        #expect(interval.lower < distribution.mean && distribution.mean < interval.upper)
    }
}
