import Foundation

/// A token bucket per client: `burst` requests at once, refilled at `perMinute` a minute. Pure: the caller
/// passes the time, and clients idle long enough to be full again are forgotten so the table stays small.
public struct RateLimiter: Sendable {
    public let perMinute: Double
    public let burst: Double
    private var buckets: [String: (tokens: Double, at: Double)] = [:]

    public init(perMinute: Int, burst: Int) {
        self.perMinute = Double(max(perMinute, 1))
        self.burst = Double(max(burst, 1))
    }

    /// Takes one token for `client` at `now` (seconds); nil when allowed, else the seconds to wait.
    public mutating func take(client: String, now: Double) -> Double? {
        let rate = perMinute / 60
        if buckets.count > 10_000 {
            buckets = buckets.filter { now - $0.value.at < (burst - $0.value.tokens) / rate }
        }
        let previous = buckets[client] ?? (tokens: burst, at: now)
        let tokens = min(burst, previous.tokens + (now - previous.at) * rate)
        guard tokens >= 1 else {
            buckets[client] = (tokens, now)
            return (1 - tokens) / rate
        }
        buckets[client] = (tokens - 1, now)
        return nil
    }
}
