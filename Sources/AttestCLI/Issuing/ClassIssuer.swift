import AttestCore
import AttestCredentials
import AttestLinkedData
import AttestStore
import Crypto
import Foundation

/// Turns learners' signed submissions into credentials an organisation signs (`creds issue`, and the
/// registry's `POST /submissions`, which uses `screen`, `judge` and `signedJWT` with its own audit table).
///
/// Each submission's signature is checked, each attempt re-checked against its pack (`SubmissionCheck`),
/// and the attempts that add up are judged in a scratch store by the same rules as a learner's own store
/// (`CredentialAwarder`: thresholds, required exams, stacking, expiry). Nothing reaches the instructor's
/// own store; every issue is appended to the keyring's audit log, with the credential's status list index
/// (random, never one the log already holds).
public struct ClassIssuer {
    let context: AppContext
    let keyring: IssuerKeyring
    let key: IssuerKey
    /// The keyring's Ed25519 key; Data Integrity credentials are signed only when it is given.
    let linkedDataKey: Curve25519.Signing.PrivateKey?
    /// Whether to sign VC-JWTs too (Data Integrity ones are signed whenever `linkedDataKey` is given).
    let signsJWT: Bool
    let file: KeyringFile
    /// Status list indexes already handed out in the keyring's list.
    var taken: Set<Int>

    public init(
        context: AppContext, keyring: IssuerKeyring, key: IssuerKey, linkedDataKey: Curve25519.Signing.PrivateKey? = nil,
        signsJWT: Bool = true, file: KeyringFile, taken: Set<Int> = []
    ) {
        self.context = context
        self.keyring = keyring
        self.key = key
        self.linkedDataKey = linkedDataKey
        self.signsJWT = signsJWT
        self.file = file
        self.taken = taken
    }

    /// A verified submission's exam attempts, sorted into those that add up and those that do not.
    public struct Screening: Sendable {
        public var accepted: [RecordedAttempt] = []
        /// Attempt id, a label, and every reason it cannot count.
        public var rejected: [(id: String, label: String, reasons: [String])] = []

        public var rejectedLines: [String] { rejected.map { "\($0.label): " + $0.reasons.joined(separator: "; ") } }
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
                timeMultiplier: item.timeMultiplier ?? 1, instances: item.instances ?? [])
            if problems.isEmpty {
                screening.accepted.append(RecordedAttempt(
                    attempt: item.attempt, responses: item.responses, timeMultiplier: item.timeMultiplier,
                    instances: item.instances ?? []))
            } else {
                screening.rejected.append((item.attempt.id, label, problems))
            }
        }
        return screening
    }

    /// The VC-JWT of `award` for the device DID `subject`, with `status` as its `credentialStatus` entry.
    public func signedJWT(_ award: CredentialAward, subject: String, status: AttestLinkedData.JSONValue?) throws -> String {
        let credential = try OpenBadgeCredential(
            award: award, learner: LearnerIdentity(did: subject),
            issuer: IssuerProfile(did: keyring.did, name: keyring.name, kind: .issued), salt: OpenBadgeCredential.makeSalt()).json
        guard let status, case .object(var members) = credential else { return try VCJWT.sign(OpenBadgeCredential(json: credential), with: key) }
        members["credentialStatus"] = try CredentialJSON.parse(Data(status.canonicalText.utf8))
        return try VCJWT.sign(OpenBadgeCredential(json: .object(members)), with: key)
    }

    /// Any other document the organisation publishes (a status list credential), signed as a VC-JWT.
    public func sign(document: CredentialJSON) throws -> String {
        try VCJWT.sign(OpenBadgeCredential(json: document), with: key)
    }

    /// One credential issued, in the forms it was signed in (the same id, claims and status in each).
    struct Issued {
        var award: CredentialAward
        var jws: String?
        var linkedData: AttestLinkedData.JSONValue?
    }

    /// What happened to one learner's submission.
    struct Outcome {
        var source: String
        var learner: String?
        var device: String?
        var issued: [Issued] = []
        var rejected: [String] = []
        var pending: [String] = []
        /// Names of credentials issued to this learner in earlier batches and still valid (not issued again).
        var alreadyHeld: [String] = []
    }

    /// The status list indexes the keyring's audit log has handed out in `url`'s list.
    static func takenIndexes(_ entries: [[String: String]], url: String) -> Set<Int> {
        Set(entries.filter { $0["action"] == "issue" && $0["statusList"] == url }.compactMap { $0["statusListIndex"].flatMap { Int($0) } })
    }

    mutating func issue(submissionFile path: String) throws -> Outcome {
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
        let screening = screen(submission)
        let accepted = screening.accepted
        outcome.rejected += screening.rejectedLines
        guard !accepted.isEmpty else { return outcome }
        let digest = OpenBadgeCredential.hex(SHA256.hash(data: data))
        let held = IssuedLedger.held(try file.auditEntries(), device: submission.device, learner: submission.learner)
        let (awards, pending) = try judge(accepted, learner: submission.learner, held: held)
        outcome.pending = pending
        outcome.alreadyHeld = held.filter { $0.status(at: context.clock.now()) == .valid }.map(\.name)
        for award in awards {
            var details = IssuedLedger.auditDetails(
                award, learner: submission.learner, device: submission.device, submissionDigest: digest)
            var status: AttestLinkedData.JSONValue?
            if let url = keyring.statusListURL {
                let index = try StatusListPublisher.allocate(taken: taken)
                taken.insert(index)
                status = StatusListCredential.entry(url: url, index: index)
                details["statusList"] = url
                details["statusListIndex"] = String(index)
            }
            let issued = try sign(award, subject: submission.device, status: status)
            details["proofs"] = [issued.jws.map { _ in "vc-jwt" }, issued.linkedData.map { _ in "eddsa-rdfc-2022" }]
                .compactMap { $0 }.joined(separator: " ")
            try file.audit("issue", at: context.clock.now(), details)
            outcome.issued.append(issued)
        }
        return outcome
    }

    /// Signs `award` for the device DID `subject` in each form asked for, with one salt and the same status entry.
    private func sign(_ award: CredentialAward, subject: String, status: AttestLinkedData.JSONValue?) throws -> Issued {
        let salt = OpenBadgeCredential.makeSalt()
        let credential = { (issuer: String) throws -> CredentialJSON in
            let json = try OpenBadgeCredential(
                award: award, learner: LearnerIdentity(did: subject),
                issuer: IssuerProfile(did: issuer, name: keyring.name, kind: .issued), salt: salt).json
            guard let status, case .object(var members) = json else { return json }
            members["credentialStatus"] = try CredentialJSON.parse(Data(status.canonicalText.utf8))
            return .object(members)
        }
        var issued = Issued(award: award)
        if signsJWT {
            issued.jws = try VCJWT.sign(OpenBadgeCredential(json: try credential(keyring.did)), with: key)
        }
        if let linkedDataKey, let did = keyring.linkedDataDID, let method = keyring.linkedDataVerificationMethod {
            issued.linkedData = try EddsaRdfc2022().sign(
                AttestLinkedData.JSONValue.parse(try credential(did).data), key: linkedDataKey, verificationMethod: method,
                created: context.clock.now())
        }
        return issued
    }

    /// Awards in a throw-away in-memory store holding only the accepted attempts and the credentials this
    /// organisation issued the learner before (`held`), by the learner store's own rules: what they still hold
    /// is not issued again, and a certificate stacked on credentials from earlier batches can complete.
    public func judge(
        _ attempts: [RecordedAttempt], learner: String, held: [CredentialAward] = []
    ) throws -> ([CredentialAward], [String]) {
        let scratch = try AttestDatabase.inMemory()
        try scratch.importAttempts(attempts, markImported: false)
        for award in held { try scratch.awardCredential(award) }
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
