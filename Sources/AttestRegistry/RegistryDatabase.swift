import Foundation
import Logging
import PostgresNIO

/// Every query the registry runs against PostgreSQL, on a `PostgresClient` pool that the service runs.
///
/// Writes that belong together (a submission, its attempts, the credentials it issues and their audit
/// entries) run in one transaction, serialised per learner by an advisory lock, so concurrent or repeated
/// submissions store everything once. The audit table is only ever inserted into.
public struct RegistryDatabase: Sendable {
    public let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// A pool for the database at `url` (not yet running: the service group or `withRegistryDatabase` runs it).
    public init(url: String, maximumConnections: Int = 20, logger: Logger) throws {
        self.init(
            client: PostgresClient(
                configuration: try DatabaseURL(url, maximumConnections: maximumConnections).configuration, backgroundLogger: logger),
            logger: logger)
    }

    /// Applies the migrations this database lacks; returns the versions applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(RegistrySchema.migrationLock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS registry_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM registry_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            if let newest = applied.max(), newest > RegistrySchema.latestVersion {
                throw RegistryError.unavailable(
                    "the database is at schema version \(newest), newer than this registry's \(RegistrySchema.latestVersion); upgrade attest-registry")
            }
            var done: [Int] = []
            for migration in RegistrySchema.migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO registry_migrations (version) VALUES (\(migration.version))", logger: logger)
                done.append(migration.version)
            }
            return done
        }
    }

    /// The answer stored for the submission with this digest, if it was received before.
    func storedResponse(digest: String, on connection: PostgresConnection? = nil) async throws -> String? {
        let query: PostgresQuery = "SELECT response FROM submissions WHERE digest = \(digest)"
        let rows = try await run(query, on: connection)
        for try await response in rows.decode(String.self) { return response }
        return nil
    }

    /// One issued credential as the registry keeps it.
    public struct StoredCredential: Sendable {
        public var id: String
        public var subject: String
        public var achievement: String
        public var name: String
        public var jws: String
        public var issuedAt: Date
        public var revokedAt: Date?
        public var revocationReason: String?
    }

    public func credential(id: String) async throws -> StoredCredential? {
        let rows = try await client.query(
            "SELECT id, subject, achievement, name, jws, issued_at, revoked_at, revocation_reason FROM credentials WHERE id = \(id)",
            logger: logger)
        for try await row in rows.decode((String, String, String, String, String, Date, Date?, String?).self) {
            return StoredCredential(
                id: row.0, subject: row.1, achievement: row.2, name: row.3, jws: row.4, issuedAt: row.5, revokedAt: row.6,
                revocationReason: row.7)
        }
        return nil
    }

    /// Revokes a credential once (and audits it once); nil when there is no such credential.
    public func revoke(id: String, reason: String, actor: String, at date: Date) async throws -> StoredCredential? {
        try await client.withTransaction(logger: logger) { connection in
            let updated = try await connection.query(
                """
                UPDATE credentials SET revoked_at = \(date), revocation_reason = \(reason)
                WHERE id = \(id) AND revoked_at IS NULL RETURNING id
                """, logger: logger)
            var changed = false
            for try await _ in updated.decode(String.self) { changed = true }
            if changed {
                let details = "{\"reason\":\(JSONText.quoted(reason))}"
                try await connection.query(
                    "INSERT INTO audit (at, action, credential, actor, details) VALUES (\(date), 'revoke', \(id), \(actor), \(details))",
                    logger: logger)
            }
            return ()
        }
        return try await credential(id: id)
    }

    /// The status list indexes of revoked credentials in `list`.
    public func revokedIndexes(list: String) async throws -> [Int] {
        let rows = try await client.query(
            "SELECT status_index FROM credentials WHERE status_list = \(list) AND revoked_at IS NOT NULL", logger: logger)
        var indexes: [Int] = []
        for try await index in rows.decode(Int.self) { indexes.append(index) }
        return indexes
    }

    /// Whether any status list named `list` has been used.
    public func statusListExists(_ list: String) async throws -> Bool {
        let rows = try await client.query("SELECT 1 FROM credentials WHERE status_list = \(list) LIMIT 1", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// The label of the administrator token whose SHA-256 is `digest`, if there is one.
    public func tokenLabel(digest: String) async throws -> String? {
        let rows = try await client.query("SELECT label FROM admin_tokens WHERE digest = \(digest)", logger: logger)
        for try await label in rows.decode(String.self) { return label }
        return nil
    }

    public func addToken(id: String, digest: String, label: String) async throws {
        try await client.query(
            "INSERT INTO admin_tokens (id, digest, label) VALUES (\(id), \(digest), \(label))", logger: logger)
    }

    /// Runs `query` on `connection` when given (inside a transaction), else on the pool.
    func run(_ query: PostgresQuery, on connection: PostgresConnection?) async throws -> PostgresRowSequence {
        if let connection { return try await connection.query(query, logger: logger) }
        return try await client.query(query, logger: logger)
    }
}

/// JSON string literals for the few JSON texts the registry writes into SQL columns by hand.
enum JSONText {
    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}

/// What `attest registry stats` and `attest registry export` read.
extension RegistryDatabase {
    /// Counts for operators: learners, submissions, attempts, and credentials and revocations per pack.
    public struct Statistics: Sendable {
        public var learners = 0
        public var submissions = 0
        public var acceptedAttempts = 0
        public var rejectedAttempts = 0
        /// Pack id, credentials issued, of which revoked.
        public var packs: [(pack: String, issued: Int, revoked: Int)] = []
        public var auditEntries = 0
    }

    public func statistics() async throws -> Statistics {
        var statistics = Statistics()
        let counts = try await client.query(
            """
            SELECT (SELECT count(*) FROM learners), (SELECT count(*) FROM submissions),
                   (SELECT count(*) FROM attempts WHERE accepted), (SELECT count(*) FROM attempts WHERE NOT accepted),
                   (SELECT count(*) FROM audit)
            """, logger: logger)
        for try await row in counts.decode((Int, Int, Int, Int, Int).self) {
            (statistics.learners, statistics.submissions, statistics.acceptedAttempts, statistics.rejectedAttempts,
             statistics.auditEntries) = row
        }
        let packs = try await client.query(
            "SELECT pack_id, count(*), count(revoked_at) FROM credentials GROUP BY pack_id ORDER BY pack_id", logger: logger)
        for try await row in packs.decode((String, Int, Int).self) { statistics.packs.append(row) }
        return statistics
    }

    /// One issued credential for the institution's records.
    public struct ExportRow: Sendable {
        public var id, learner, subject, achievement, pack, name: String
        public var issuedAt: Date
        public var revokedAt: Date?
        public var revocationReason: String?
        public var submission: String
    }

    public func exportRows() async throws -> [ExportRow] {
        let rows = try await client.query(
            """
            SELECT c.id, l.learner, c.subject, c.achievement, c.pack_id, c.name, c.issued_at, c.revoked_at,
                   c.revocation_reason, c.submission
            FROM credentials c JOIN learners l ON l.subject = c.subject ORDER BY c.issued_at, c.id
            """, logger: logger)
        var result: [ExportRow] = []
        for try await row in rows.decode((String, String, String, String, String, String, Date, Date?, String?, String).self) {
            result.append(ExportRow(
                id: row.0, learner: row.1, subject: row.2, achievement: row.3, pack: row.4, name: row.5, issuedAt: row.6,
                revokedAt: row.7, revocationReason: row.8, submission: row.9))
        }
        return result
    }
}
