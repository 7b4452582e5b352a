import AttestCore
import AttestCredentials
import AttestStore
import Crypto
import Foundation

/// Turns learners' signed submissions into credentials an organisation signs (`creds issue`).
///
/// Each submission's signature is checked, each attempt re-checked against its pack (`SubmissionCheck`),
/// and the attempts that add up are judged in a scratch store by the same rules as a learner's own store
/// (`CredentialAwarder`: thresholds, required exams, stacking, expiry). Nothing reaches the instructor's
/// own store; every issue is appended to the keyring's audit log.
struct ClassIssuer {
    let context: AppContext
    let keyring: IssuerKeyring
    let key: IssuerKey
    let file: KeyringFile

    /// What happened to one learner's submission.
    struct Outcome {
        var source: String
        var learner: String?
        var device: String?
        var issued: [(award: CredentialAward, jws: String)] = []
        var rejected: [String] = []
        var pending: [String] = []
    }

    func issue(submissionFile path: String) throws -> Outcome {
        var outcome = Outcome(source: path)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            outcome.rejected.append("cannot read the file")
            return outcome
        }
        let submission: Submission
        do {
            submission = try Submission.verify(text)
        } catch {
            outcome.rejected.append("refused: \(error.localizedDescription)")
            return outcome
        }
        outcome.learner = submission.learner
        outcome.device = submission.device
        var accepted: [RecordedAttempt] = []
        for item in submission.attempts where item.attempt.mode == .exam {
            let label = "attempt \(item.attempt.id.prefix(8)) (\(item.attempt.quizID))"
            guard item.attempt.learner == submission.learner else {
                outcome.rejected.append("\(label): it belongs to another learner")
                continue
            }
            guard let pack = context.library.newestPacks.first(where: { $0.id == item.attempt.packID }) else {
                outcome.rejected.append("\(label): pack \(item.attempt.packID) is not in the packs given")
                continue
            }
            let problems = SubmissionCheck.problems(
                record: item.attempt, responses: item.responses, jumps: item.clockJumps, pack: pack,
                timeMultiplier: item.timeMultiplier ?? 1, instances: item.instances ?? [])
            if problems.isEmpty {
                accepted.append(RecordedAttempt(
                    attempt: item.attempt, responses: item.responses, timeMultiplier: item.timeMultiplier,
                    instances: item.instances ?? []))
            } else {
                outcome.rejected.append("\(label): " + problems.joined(separator: "; "))
            }
        }
        guard !accepted.isEmpty else { return outcome }
        let digest = OpenBadgeCredential.hex(SHA256.hash(data: data))
        let (awards, pending) = try judge(accepted, learner: submission.learner)
        outcome.pending = pending
        for award in awards {
            let credential = try OpenBadgeCredential(
                award: award, learner: LearnerIdentity(did: submission.device),
                issuer: IssuerProfile(did: keyring.did, name: keyring.name, kind: .issued), salt: OpenBadgeCredential.makeSalt())
            let jws = try VCJWT.sign(credential, with: key)
            try file.audit("issue", at: context.clock.now(), [
                "credential": award.id, "achievement": award.qualifiedID, "learner": submission.learner,
                "subject": submission.device, "submission": "sha256:" + digest,
            ])
            outcome.issued.append((award, jws))
        }
        return outcome
    }

    /// Awards in a throw-away in-memory store holding only the accepted attempts, by the learner store's own rules.
    private func judge(_ attempts: [RecordedAttempt], learner: String) throws -> ([CredentialAward], [String]) {
        let scratch = try AttestDatabase.inMemory()
        try scratch.importAttempts(attempts, markImported: false)
        let awarder = CredentialAwarder(store: { scratch }, learner: learner, clock: context.clock, library: context.library)
        var awards: [CredentialAward] = []
        var pending: [String] = []
        for packID in Set(attempts.map(\.attempt.packID)).sorted() {
            let outcome = try awarder.awardEarned(reportingPack: packID)
            awards += outcome.awards
            pending += outcome.pending.map { evaluation in
                "\(evaluation.definition.name): still to do: " + evaluation.outcomes.filter { !$0.held }.map(\.text).joined(separator: "; ")
            }
        }
        return (awards, pending)
    }
}
