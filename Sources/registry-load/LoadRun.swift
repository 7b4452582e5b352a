import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The clients' side of the run: every learner submits until the registry answers 200, through kills and
/// restarts; each try's latency and outcome is kept, and any try that got no answer at all for longer than
/// the stall limit is counted as stalled.
actor LoadRun {
    struct Try: Sendable {
        var seconds: Double
        var status: Int?
        var error: String?
    }

    private(set) var tries: [Try] = []
    private(set) var answers: [String: String] = [:]
    private(set) var learnerSeconds: [Double] = []
    let stallLimit: Double

    init(stallLimit: Double) { self.stallLimit = stallLimit }

    var completed: Int { answers.count }
    var stalled: Int { tries.filter { $0.seconds > stallLimit }.count }

    func record(_ attempt: Try) { tries.append(attempt) }

    func finish(learner: String, answer: String, seconds: Double) {
        answers[learner] = answer
        learnerSeconds.append(seconds)
    }

    /// Submits `bundle` until it is answered 200; returns the answer.
    static func submit(_ bundle: String, to url: URL, session: URLSession, run: LoadRun, learner: String) async -> String {
        let started = Date()
        var backoff = 0.2
        while true {
            var request = URLRequest(url: url, timeoutInterval: 120)
            request.httpMethod = "POST"
            request.httpBody = Data(bundle.utf8)
            request.setValue("application/jwt", forHTTPHeaderField: "Content-Type")
            let tried = Date()
            do {
                let (data, response) = try await session.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                await run.record(Try(seconds: Date().timeIntervalSince(tried), status: status))
                if status == 200 {
                    let answer = String(decoding: data, as: UTF8.self)
                    await run.finish(learner: learner, answer: answer, seconds: Date().timeIntervalSince(started))
                    return answer
                }
            } catch {
                await run.record(Try(seconds: Date().timeIntervalSince(tried), error: error.localizedDescription))
            }
            try? await Task.sleep(for: .seconds(backoff * Double.random(in: 0.5...1.5)))
            backoff = min(backoff * 2, 2)
        }
    }
}

/// The p-th percentile (0…100) of `values`, nearest rank.
func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))]
}
