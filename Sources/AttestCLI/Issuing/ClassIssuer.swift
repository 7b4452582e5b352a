import AttestCore
import AttestCredentials
import AttestStore
import Crypto
import Foundation

/// Turns learners' signed submissions into credentials an organisation signs (`creds issue`, and the
/// registry's `POST /submissions`).
///
/// Each submission's signature is checked, each attempt re-checked against its pack (`SubmissionCheck`),
/// and the attempts that add up are judged in a scratch store by the same rules as a learner's own store
/// (`CredentialAwarder`: thresholds, required exams, stacking, expiry). Nothing reaches the instructor's
/// own store; the caller records every issue in its audit log (the keyring's file, or the registry's table).
public struct ClassIssuer {
    let context: AppContext
    let keyring: IssuerKeyring
    let key: IssuerKey

    public init(context: AppContext, keyring: IssuerKeyring, key: IssuerKey) {
        self.context = context
        self.keyring = keyring
        self.key = key
    }

    /// What happened to one learner's submission.
    public struct Outcome {
        public var source: String
        public var learner: String?
        public var device: String?
        /// `sha256:` and the hex digest of the signed bundle's bytes.
        public var digest: String?
        public var issued: [(award: CredentialAward, jws: String)] = []
        public var rejected: [String] = []
        public var pending: [String] = []
    }

    /// A verified submission's exam attempts, sorted into those that add up and those that do not.
    public struct Screening: Sendable {
        public var accepted: [RecordedAttempt] = []
        /// Attempt id and every reason it cannot count.
        public var rejected: [(id: String, label: String, reasons: [String])] = []

        public var rejectedLines: [String] { rejected.map { "\($0.label): " + $0.reasons.joined(separator: "; ") } }
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
        outcome.digest = "sha256:" + OpenBadgeCredential.hex(SHA256.hash(data: data))
        let screening = screen(submission)
        outcome.rejected += screening.rejectedLines
        guard !screening.accepted.isEmpty else { return outcome }
        let (awards, pending) = try judge(screening.accepted, learner: submission.learner)
        outcome.pending = pending
        for award in awards {
            outcome.issued.append((award, try sign(award, subject: submission.device)))
        }
        return outcome
    }

    /// Re-checks every exam attempt of a verified submission against the pack its content hash names.
    public func screen(_ submission: Submission) -> Screening {
        var screening = Screening()
        for item in submission.attempts where item.attempt.mode == .exam {
            let label = "attempt \(item.attempt.id.prefix(8)) (\(item.attempt.quizID))"
            guard item.attempt.learner == submission.learner else {
                screening.rejected.append((item.attempt.id, label, ["it belongs to another learner"]))
                continue
            }
            let versions = context.library.packs.filter { $0.id == item.attempt.packID }
            guard let pack = versions.first(where: { $0.contentHash == item.attempt.packHash }) ?? versions.first else {
                screening.rejected.append((item.attempt.id, label, ["pack \(item.attempt.packID) is not in the packs given"]))
                continue
            }
            let problems = SubmissionCheck.problems(
                record: item.attempt, responses: item.responses, jumps: item.clockJumps, pack: pack,
                timeMultiplier: item.timeMultiplier ?? 1)
            if problems.isEmpty {
                screening.accepted.append(
                    RecordedAttempt(attempt: item.attempt, responses: item.responses, timeMultiplier: item.timeMultiplier))
            } else {
                screening.rejected.append((item.attempt.id, label, problems))
            }
        }
        return screening
    }

    /// The credential `award` signed by the organisation for `subject` (the learner's device DID), with any
    /// `extra` members (a registry's `credentialStatus`).
    public func sign(_ award: CredentialAward, subject: String, extra: [String: CredentialJSON] = [:]) throws -> String {
        var credential = try OpenBadgeCredential(
            award: award, learner: LearnerIdentity(did: subject),
            issuer: IssuerProfile(did: keyring.did, name: keyring.name, kind: .issued), salt: OpenBadgeCredential.makeSalt())
        if !extra.isEmpty, var members = credential.json.objectValue {
            members.merge(extra) { _, added in added }
            credential = OpenBadgeCredential(json: .object(members))
        }
        return try VCJWT.sign(credential, with: key)
    }

    /// Any other document the organisation publishes (a status list credential), signed as a VC-JWT.
    public func sign(document: CredentialJSON) throws -> String {
        try VCJWT.sign(OpenBadgeCredential(json: document), with: key)
    }

    /// Awards in a throw-away in-memory store holding only the accepted attempts, by the learner store's own rules.
    public func judge(_ attempts: [RecordedAttempt], learner: String) throws -> ([CredentialAward], [String]) {
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
