import Foundation

extension AttestSandbox {
    /// Why the exam could not be taken in a sandbox.
    public struct ExamFailed: Error, CustomStringConvertible {
        public let description: String
    }

    /// A sandbox where ada passed the data-analytics exam drawn with `seed`, every answer right: the
    /// learner the credential, issuing and registry tests start from.
    public static func passedDataAnalyticsExam(seed: UInt64 = 42) throws -> AttestSandbox {
        let sandbox = try AttestSandbox()
        guard let pack = ShippedPacks.pack("data-analytics") else { throw ExamFailed(description: "the data-analytics pack is missing") }
        let answers = try ShippedPacks.answers(pack: pack, quiz: "data-analytics-exam", seed: seed)
        let file = try sandbox.write(answers.joined(separator: "\n") + "\n", to: "answers.txt")
        let take = try sandbox.run(["take", "data-analytics-exam", "--seed", String(seed), "--answers", file, "--json"])
        guard take.status == 0 else { throw ExamFailed(description: "attest take failed: \(take.standardError)") }
        return sandbox
    }
}
