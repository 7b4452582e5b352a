/// The registry's PostgreSQL schema as numbered migrations, each a list of SQL statements run in one
/// transaction. Like the learner store's migrations, a shipped version is never edited: a change is a new
/// version appended here. The service applies what is missing at start, under an advisory lock so that
/// several instances starting together migrate once.
public enum RegistrySchema {
    /// The advisory lock key held while migrating (any constant unlikely to clash with an operator's own).
    static let migrationLock: Int64 = 0x4174_7465_7374_5201

    public static let migrations: [(version: Int, statements: [String])] = [
        (1, [
            """
            CREATE TABLE learners (
                subject text PRIMARY KEY,
                learner text NOT NULL,
                first_seen timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE submissions (
                digest text PRIMARY KEY,
                subject text NOT NULL REFERENCES learners(subject),
                received_at timestamptz NOT NULL DEFAULT now(),
                response text NOT NULL
            )
            """,
            """
            CREATE TABLE attempts (
                attempt_id text PRIMARY KEY,
                subject text NOT NULL REFERENCES learners(subject),
                submission text NOT NULL REFERENCES submissions(digest),
                pack_id text NOT NULL,
                pack_hash text NOT NULL,
                quiz_id text NOT NULL,
                accepted boolean NOT NULL,
                problems text NOT NULL DEFAULT '',
                record text NOT NULL
            )
            """,
            "CREATE INDEX attempts_by_subject ON attempts(subject) WHERE accepted",
            """
            CREATE TABLE credentials (
                id text PRIMARY KEY,
                subject text NOT NULL REFERENCES learners(subject),
                achievement text NOT NULL,
                pack_id text NOT NULL,
                name text NOT NULL,
                status_list text NOT NULL,
                status_index integer NOT NULL,
                jws text NOT NULL,
                submission text NOT NULL REFERENCES submissions(digest),
                issued_at timestamptz NOT NULL,
                revoked_at timestamptz,
                revocation_reason text,
                UNIQUE (subject, achievement),
                UNIQUE (status_list, status_index)
            )
            """,
            """
            CREATE TABLE audit (
                sequence bigserial PRIMARY KEY,
                at timestamptz NOT NULL DEFAULT now(),
                action text NOT NULL CHECK (action IN ('issue', 'revoke')),
                credential text NOT NULL,
                actor text NOT NULL,
                details text NOT NULL
            )
            """,
            """
            CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP;
            END
            $$
            """,
            """
            CREATE TRIGGER audit_rows_are_final BEFORE UPDATE OR DELETE ON audit
                FOR EACH ROW EXECUTE FUNCTION audit_is_append_only()
            """,
            """
            CREATE TRIGGER audit_is_never_truncated BEFORE TRUNCATE ON audit
                FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only()
            """,
            """
            CREATE TABLE admin_tokens (
                id text PRIMARY KEY,
                digest text NOT NULL UNIQUE,
                label text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
        ]),
    ]

    /// The newest version this build knows.
    public static var latestVersion: Int { migrations.last?.version ?? 0 }
}
