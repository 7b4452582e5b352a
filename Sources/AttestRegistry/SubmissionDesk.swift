import AttestCLI
import AttestCore
import AttestCredentials
import AttestLinkedData
import AttestStore
import Crypto
import Foundation
import Logging
import PostgresNIO

/// `POST /submissions`: verifies a learner's signed bundle, re-scores its exams, stores it and issues what
/// it earns — idempotently. The same bundle twice gets the stored answer; an attempt already stored (in
/// another bundle) is not stored again; a credential already issued to the learner is not issued again.
/// The answer is a credential bundle (`creds import`'s format) holding every credential the registry has
/// issued to that learner's device and still stands, plus what became of each attempt.
public struct SubmissionDesk: Sendable {
    public let database: RegistryDatabase
    public let desk: IssuingDesk
    /// The public URL of the status list new credentials point into.
    public let statusListURL: String
    public let statusList: String

    public init(database: RegistryDatabase, desk: IssuingDesk, publicURL: String, statusList: String = "1") {
        self.database = database
        self.desk = desk
        self.statusList = statusList
        statusListURL = publicURL + "/status/" + statusList
    }

    /// The answer for `text`, a signed submission (compact JWS).
    public func receive(_ text: String, at date: Date) async throws -> String {
        let digest = "sha256:" + OpenBadgeCredential.hex(SHA256.hash(data: Data(text.utf8)))
        if let stored = try await database.storedResponse(digest: digest) { return stored }
        let submission: Submission
        do { submission = try Submission.verify(text.trimmingCharacters(in: .whitespacesAndNewlines)) } catch {
            throw RegistryError.unprocessable("the submission does not verify: \(error.localizedDescription)")
        }
        let screening = desk.screen(submission)
        let logger = database.logger
        return try await database.client.withTransaction(logger: logger) { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended(\(submission.device), 0))", logger: logger)
            if let stored = try await database.storedResponse(digest: digest, on: connection) { return stored }
            try await connection.query(
                "INSERT INTO learners (subject, learner) VALUES (\(submission.device), \(submission.learner)) ON CONFLICT DO NOTHING",
                logger: logger)
            try await connection.query(
                "INSERT INTO submissions (digest, subject, received_at, response) VALUES (\(digest), \(submission.device), \(date), '')",
                logger: logger)
            var outcomes = try await store(screening, submission: submission, digest: digest, on: connection)
            let accepted = try await acceptedAttempts(subject: submission.device, on: connection)
            var pending: [String] = []
            if !accepted.isEmpty {
                let (awards, stillToDo) = try desk.judge(accepted, learner: submission.learner)
                pending = stillToDo
                try await issue(awards, to: submission, digest: digest, at: date, on: connection)
            }
            outcomes.sort { $0.id < $1.id }
            let response = try await answer(for: submission, digest: digest, outcomes: outcomes, pending: pending, on: connection)
            try await connection.query("UPDATE submissions SET response = \(response) WHERE digest = \(digest)", logger: logger)
            return response
        }
    }

    /// What became of one submitted attempt.
    struct AttemptOutcome {
        var id: String
        var accepted: Bool
        var problems: [String]
    }

    /// Stores each screened attempt once; an attempt id another device already submitted is refused.
    private func store(
        _ screening: ClassIssuer.Screening, submission: Submission, digest: String, on connection: PostgresConnection
    ) async throws -> [AttemptOutcome] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        var rows: [(RecordedAttempt?, AttestCore.AttemptRecord, [String])] = screening.accepted.map { ($0, $0.attempt, []) }
        for rejected in screening.rejected {
            guard let item = submission.attempts.first(where: { $0.attempt.id == rejected.id }) else { continue }
            rows.append((nil, item.attempt, rejected.reasons))
        }
        var outcomes: [AttemptOutcome] = []
        for (recorded, attempt, problems) in rows {
            let record = try recorded.map { String(decoding: try encoder.encode($0), as: UTF8.self) } ?? ""
            let joined = problems.joined(separator: "; ")
            let inserted = try await connection.query(
                """
                INSERT INTO attempts (attempt_id, subject, submission, pack_id, pack_hash, quiz_id, accepted, problems, record)
                VALUES (\(attempt.id), \(submission.device), \(digest), \(attempt.packID), \(attempt.packHash), \(attempt.quizID),
                        \(recorded != nil), \(joined), \(record))
                ON CONFLICT (attempt_id) DO NOTHING RETURNING attempt_id
                """, logger: database.logger)
            var isNew = false
            for try await _ in inserted { isNew = true }
            if isNew {
                outcomes.append(AttemptOutcome(id: attempt.id, accepted: recorded != nil, problems: problems))
                continue
            }
            let existing = try await connection.query(
                "SELECT subject, accepted, problems FROM attempts WHERE attempt_id = \(attempt.id)", logger: database.logger)
            for try await (subject, accepted, stored) in existing.decode((String, Bool, String).self) {
                outcomes.append(subject == submission.device
                    ? AttemptOutcome(id: attempt.id, accepted: accepted, problems: stored.isEmpty ? [] : [stored])
                    : AttemptOutcome(id: attempt.id, accepted: false, problems: ["this attempt was already submitted from another device"]))
            }
        }
        return outcomes
    }

    /// Every attempt of this device the registry accepted, from every submission.
    private func acceptedAttempts(subject: String, on connection: PostgresConnection) async throws -> [RecordedAttempt] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        var attempts: [RecordedAttempt] = []
        let rows = try await connection.query(
            "SELECT record FROM attempts WHERE subject = \(subject) AND accepted ORDER BY attempt_id", logger: database.logger)
        for try await record in rows.decode(String.self) {
            attempts.append(try decoder.decode(RecordedAttempt.self, from: Data(record.utf8)))
        }
        return attempts
    }

    /// Signs and stores each award the learner does not hold yet, with a fresh random status list index,
    /// and audits each issue in the same transaction.
    private func issue(
        _ awards: [CredentialAward], to submission: Submission, digest: String, at date: Date, on connection: PostgresConnection
    ) async throws {
        var held = Set<String>()
        let rows = try await connection.query(
            "SELECT achievement FROM credentials WHERE subject = \(submission.device)", logger: database.logger)
        for try await achievement in rows.decode(String.self) { held.insert(achievement) }
        var generator = SystemRandomNumberGenerator()
        for award in awards where !held.contains(award.qualifiedID) {
            var stored = false
            while !stored {
                let index = Int.random(in: 0..<BitstringStatusList.minimumBits, using: &generator)
                let jws = try desk.sign(
                    award, subject: submission.device, status: StatusListCredential.entry(url: statusListURL, index: index))
                let inserted = try await connection.query(
                    """
                    INSERT INTO credentials (id, subject, achievement, pack_id, name, status_list, status_index, jws, submission, issued_at)
                    VALUES (\(award.id), \(submission.device), \(award.qualifiedID), \(award.packID), \(award.name), \(statusList),
                            \(index), \(jws), \(digest), \(date))
                    ON CONFLICT (status_list, status_index) DO NOTHING RETURNING id
                    """, logger: database.logger)
                for try await _ in inserted { stored = true }
            }
            let details = "{\"achievement\":\(JSONText.quoted(award.qualifiedID)),\"learner\":\(JSONText.quoted(submission.learner)),"
                + "\"subject\":\(JSONText.quoted(submission.device)),\"submission\":\(JSONText.quoted(digest))}"
            try await connection.query(
                "INSERT INTO audit (at, action, credential, actor, details) VALUES (\(date), 'issue', \(award.id), 'registry', \(details))",
                logger: database.logger)
        }
    }

    /// The answer: a credential bundle of the device's standing credentials, with each attempt's outcome.
    private func answer(
        for submission: Submission, digest: String, outcomes: [AttemptOutcome], pending: [String], on connection: PostgresConnection
    ) async throws -> String {
        var credentials: [CredentialJSON] = []
        let rows = try await connection.query(
            "SELECT jws FROM credentials WHERE subject = \(submission.device) AND revoked_at IS NULL ORDER BY issued_at, id",
            logger: database.logger)
        for try await jws in rows.decode(String.self) { credentials.append(.string(jws)) }
        let bundle = CredentialJSON.object([
            "format": .string("attest-credentials"), "version": .number(1),
            "issuer": .object(["id": .string(desk.keyring.did), "name": .string(desk.keyring.name)]),
            "learner": .string(submission.learner), "subject": .string(submission.device),
            "submission": .string(digest),
            "attempts": .array(outcomes.map { outcome in
                .object([
                    "id": .string(outcome.id), "accepted": .bool(outcome.accepted),
                    "problems": .array(outcome.problems.map(CredentialJSON.string)),
                ])
            }),
            "pending": .array(pending.map(CredentialJSON.string)),
            "credentials": .array(credentials),
        ])
        return bundle.serialized
    }
}
