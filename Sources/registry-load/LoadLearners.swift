import AttestCLI
import AttestCredentials
import AttestTestSupport
import Foundation

/// The simulated class: one real exam taken with the built `attest` and exported signed, then one learner
/// per copy — each with its own device key, its own attempt id and name, and its own signed bundle — so
/// the registry verifies and re-scores every one of them as it would a real learner's.
enum LoadLearners {
    struct Learner: Sendable {
        var name: String
        var device: String
        var attemptID: String
        var bundle: String
    }

    static func make(count: Int) throws -> [Learner] {
        let sandbox = try AttestSandbox.passedDataAnalyticsExam()
        let path = sandbox.root.appendingPathComponent("base.submission").path
        let export = try sandbox.run(["attempts", "export", "--sign", "--output", path])
        guard export.status == 0 else { throw LoadError("attempts export --sign failed: \(export.standardError)") }
        let base = try Submission.verify(try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        guard let template = base.attempts.first(where: { $0.attempt.mode == .exam }) else { throw LoadError("no exam in the bundle") }
        return try (0..<count).map { index in
            let key = IssuerKey.didKey(privateKey: IssuerKey().privateKey)
            let name = "learner-\(index)"
            var item = template
            item.attempt.id = UUID().uuidString.lowercased()
            item.attempt.learner = name
            for position in item.responses.indices { item.responses[position].attemptID = item.attempt.id }
            let bundle = try Submission(learner: name, device: key.did, attempts: [item]).sign(with: key, at: Date())
            return Learner(name: name, device: key.did, attemptID: item.attempt.id, bundle: bundle)
        }
    }
}

struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
