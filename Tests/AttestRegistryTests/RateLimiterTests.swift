import AttestRegistry
import Testing

@Suite("RateLimiter")
struct RateLimiterTests {
    @Test func aBurstIsAllowedThenRequestsWaitForTheRefillPerClient() {
        var limiter = RateLimiter(perMinute: 60, burst: 3)
        #expect((0..<3).allSatisfy { _ in limiter.take(client: "a", now: 0) == nil })
        let wait = limiter.take(client: "a", now: 0)
        #expect(wait.map { abs($0 - 1) < 1e-9 } == true, "one token a second")
        #expect(limiter.take(client: "b", now: 0) == nil, "another client has its own bucket")
        #expect(limiter.take(client: "a", now: 1.01) == nil)
        #expect(limiter.take(client: "a", now: 1.02) != nil)
    }
}
