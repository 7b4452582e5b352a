import AttestCore
import AttestCredentials
import Foundation

/// Times building and signing one Open Badges credential, and verifying one, in process.
///
/// `creds export` and `creds verify` should feel instant and a registrar may verify thousands
/// of badges in a batch; the cost is dominated by one ES256 signature and one verification.
struct CredentialBenchmark {
    /// Why the benchmark could not run.
    enum Failure: LocalizedError {
        case badArguments(String)
        case notValid(String)

        var errorDescription: String? {
            switch self {
            case let .badArguments(text): "credentials: \(text)"
            case let .notValid(check): "credentials: the signed credential did not verify: \(check)"
            }
        }
    }

    var runs = 2_000

    init(arguments: [String]) throws(Failure) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument == "--runs", let value = remaining.popFirst(), let number = Int(value), number > 0 else {
                throw .badArguments("unknown option or bad value near \(argument)")
            }
            runs = number
        }
    }

    /// Prints the median microseconds of export+sign, then of verify.
    func run() throws {
        let key = IssuerKey()
        let issuer = IssuerProfile(did: key.did, name: "Bench Issuer")
        let now = Date()
        let award = CredentialAward(
            id: "urn:uuid:" + UUID().uuidString.lowercased(), learner: "ada", packID: "data-analytics",
            packVersion: "1.2.0", packHash: String(repeating: "ab", count: 32), credentialID: "foundations",
            name: "Data Analytics Foundations", description: "Passed the data analytics exam.",
            achievementType: "Certificate", criteria: "Pass the exam with every skill proficient.",
            awardedAt: now.addingTimeInterval(-3600), expiresAt: now.addingTimeInterval(365 * 86_400),
            evidence: CredentialEvidence(
                attempts: [EvidenceAttempt(
                    attemptID: "a1", quizID: "exam", quizTitle: "Exam", score: 0.9, passed: true, finishedAt: now)],
                skills: (0..<5).map {
                    EvidenceSkill(
                        skillID: "skill-\($0)", skillName: "Skill \($0)", estimate: 0.8, lower: 0.72, upper: 0.88,
                        evidence: 6, level: .proficient)
                }))
        let identity = LearnerIdentity(name: "ada", email: "ada@example.org")
        let clock = ContinuousClock()
        var signTimes: [Double] = []
        var verifyTimes: [Double] = []
        var jws = ""
        for _ in 0..<runs {
            let start = clock.now
            let credential = try OpenBadgeCredential(
                award: award, learner: identity, issuer: issuer, salt: OpenBadgeCredential.makeSalt())
            jws = try VCJWT.sign(credential, with: key)
            signTimes.append(JournalBenchmark.microseconds(clock.now - start))
        }
        let data = Data(jws.utf8)
        for _ in 0..<runs {
            let start = clock.now
            let report = CredentialVerifier.verify(data: data, revocationCheck: { _, _ in .notRevoked }, now: now)
            verifyTimes.append(JournalBenchmark.microseconds(clock.now - start))
            guard report.isValid else { throw Failure.notValid(report.failure?.detail ?? "") }
        }
        print(JournalBenchmark.percentile(signTimes, 0.5), JournalBenchmark.percentile(verifyTimes, 0.5))
    }
}
