import AttestCore
import AttestCredentials
import AttestStore
import Foundation

/// A learner's signed submission (`attempts export --sign`): their own attempts with every response and
/// its timestamps, the pack's content hash, seed and plan, the monotonic time each question and each
/// attempt took, and every wall-clock jump the session saw, signed by the learner's device key (`did:key`).
public struct Submission: Sendable {
    public static let type = "attest-submission+jwt"

    /// One attempt as submitted.
    public struct Attempt: Codable, Sendable {
        public var attempt: AttemptRecord
        public var responses: [ResponseRecord]
        /// Seconds the attempt took on the exam's monotonic clock (nil while it has not ended).
        public var elapsedSeconds: Double?
        /// Seconds each response's question was open, on the same clock, in response order.
        public var questionSeconds: [Double]
        public var clockJumps: [ClockJump]
        /// The extended time the attempt was taken with; nil for standard time (and in older bundles).
        public var timeMultiplier: Double?
        /// The instances of its parameterised questions as the learner saw them; nil when it has none (and in older bundles).
        public var instances: [InstanceRecord]?
    }

    public var learner: String
    public var device: String
    public var attempts: [Attempt]

    public init(learner: String, device: String, attempts: [Attempt]) {
        self.learner = learner
        self.device = device
        self.attempts = attempts
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    /// The learner's own attempts (never imported ones) from `store`, ready to sign.
    public static func collect(
        store: AttestDatabase, learner: String, packID: String?, device: String, attemptID: String? = nil
    ) throws -> Submission {
        let imported = try store.importedAttemptIDs(learner: learner)
        let attempts = try store.exportAttempts(learner: learner, packID: packID)
            .filter { !imported.contains($0.attempt.id) && (attemptID == nil || $0.attempt.id == attemptID) }
            .map { recorded in
                Attempt(
                    attempt: recorded.attempt, responses: recorded.responses,
                    elapsedSeconds: recorded.attempt.endedAt.map { $0.timeIntervalSince(recorded.attempt.startedAt) },
                    questionSeconds: recorded.responses.map { $0.answeredAt.timeIntervalSince($0.shownAt) },
                    clockJumps: try store.clockJumps(attemptID: recorded.attempt.id),
                    timeMultiplier: recorded.timeMultiplier, instances: recorded.instances)
            }
        return Submission(learner: learner, device: device, attempts: attempts)
    }

    /// The compact JWS of the submission, signed by the device key.
    public func sign(with key: IssuerKey, at date: Date) throws -> String {
        let attemptsJSON = try CredentialJSON.parse(try Self.encoder().encode(attempts))
        let payload = CredentialJSON.object([
            "type": .string("AttestSubmission"), "version": .number(1), "learner": .string(learner),
            "iss": .string(device), "iat": .number(date.timeIntervalSince1970.rounded(.down)), "attempts": attemptsJSON,
        ])
        return try CompactJWS.sign(payload, type: Self.type, with: key)
    }

    /// Reads and verifies a signed submission: the signature must hold and be the device's own.
    public static func verify(_ text: String) throws -> Submission {
        let verified = try CompactJWS.verify(text, type: type)
        guard verified.payload["type"]?.stringValue == "AttestSubmission", verified.payload["version"]?.numberValue == 1,
              verified.payload["iss"]?.stringValue == verified.signer, verified.signer.hasPrefix("did:key:"),
              let learner = verified.payload["learner"]?.stringValue, let attempts = verified.payload["attempts"]
        else { throw SignedDocumentError("not an Attest submission signed by a learner's device key") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return Submission(
                learner: learner, device: verified.signer, attempts: try decoder.decode([Attempt].self, from: attempts.data))
        } catch {
            throw SignedDocumentError("the attempts cannot be read: \(error.localizedDescription)")
        }
    }
}

/// The learner's device key: a P-256 `did:key` created in the store on first use, which signs submissions
/// (credentials an organisation issues name it as their subject).
public enum DeviceKey {
    static let setting = "device-key"

    public static func load(_ store: AttestDatabase) throws -> IssuerKey {
        if let stored = try store.setting(setting), let raw = Base64URL.decode(stored) {
            return IssuerKey.didKey(privateKey: try IssuerKey(rawRepresentation: raw).privateKey)
        }
        let key = IssuerKey()
        try store.setSetting(setting, to: Base64URL.encode(key.rawRepresentation))
        return IssuerKey.didKey(privateKey: key.privateKey)
    }
}
