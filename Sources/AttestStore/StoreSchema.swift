import AttestCore
import GRDB

/// The store's schema as a list of named migrations.
///
/// A migration that has shipped is never edited: a schema change is a new
/// migration (`v2`, ...) appended here. `eraseDatabaseOnSchemaChange` stays off,
/// so a learner's answers are never wiped by a development build.
///
/// Design notes for v1:
/// - Dates are REAL seconds since 1970 (see `StoreCoding`).
/// - `attempt.seed` holds the UInt64 seed's bit pattern as a signed 64-bit INTEGER.
/// - `response` keeps every row ever journaled; the effective response for an
///   (attemptID, position) is the one with the greatest `seq`.
/// - Revocation is two columns on `credential` (`revokedAt`, `revocationReason`):
///   a revoked award keeps its row.
/// - `issuer` is a singleton (id = 1), so two processes racing to create the key end with one.
///
/// v2 (competency over a million answers without reading them one by one):
/// - `response.superseded` is 1 on every row a later row of the same (attemptID, position) replaced,
///   kept by the trigger `response_supersede`, so the effective responses are `superseded = 0`.
/// - `response_evidence`, a partial covering index over the effective rows in (attempt, skills,
///   difficulty) order, lets the v3 totals (`SkillTotals`) be summed per group straight from the index.
/// - `credential_log` covers every column `credentialLog` lists, so `creds list` never reads the
///   evidence documents.
///
/// v3 (`progress` over a million answers in a few milliseconds):
/// - `attempt_skill` keeps each ended attempt's evidence summed per skill (see `SkillTotals`), written when the
///   attempt ends and backfilled here for the attempts a store already held. Its key is the order `progress`
///   reads it in (learner, pack, skill, then attempts by end), so the sums and each skill's trend are range
///   scans; `attempt_skill_by_attempt` keeps one row per attempt and skill and serves the cascades.
///
/// v4 (flags survive a crash): `question_flag` holds one row per question a learner flagged for review
/// in an attempt, deleted when the flag is cleared. It touches no other table, so it applies in any
/// order with the migrations beside it.
///
/// v5 (a quiz from a seen 50,000-question pack without reading the pack file):
/// - `pack_file` remembers, per pack file path, its identity (size, mtime and ctime in nanoseconds,
///   inode, device) and the pack id, version and content hash it had; a file whose identity still
///   matches is not read, and only the header of a pack a command uses is decoded.
/// - A compiled pack is keyed by content hash: its header (the pack without its questions) in the
///   v1 table `pack_cache`, each quiz's section pools in `pack_pool`, each question in `pack_question`.
///
/// v6 (`stats` over a class's 125,000 answers without reading the response table): `response_analysis` covers,
/// over the effective rows in (attempt, position) order, every column item analysis reads
/// (`AttemptReader.analysisColumns`), so `analysisSittings` reads that index alone, already in position order.
/// It ends with `superseded`, which every row holds as 0, because SQLite counts an index as covering only
/// when it holds every column the query names, the partial index's own condition included.
/// It only adds an index, so it applies in any order with the migrations beside it.
///
/// v7 (credentials a third party can trust): see `TrustSchema`.
/// v10 (scheduled practice): the FSRS memory cache, see `MemorySchema`. New tables only.
/// v14 (revocation that travels): status list allocations and imported Data Integrity credentials, see
/// `StatusListEntryRecord`. New tables only.
/// v16 (parameterised questions reproduced exactly): the instances each attempt drew, see `InstanceRecord+Store`.
/// v15 (organisation registries): the submission outbox, see `AttestDatabase+Outbox`. A new table only.
/// v17 (exam time that no wall clock moves): each attempt's exam-clock mark against the monotonic clock, see
/// `AttestDatabase+ExamClock`. A new table only.
/// v18 (who vouches, in the log): an index of signed credentials by issuer, so `creds list` finds the few an
/// organisation issued without reading every signed credential, see `AttestDatabase+CredentialIssuers`.
enum StoreSchema {
    /// The SQLite header's application id: "ATST". Marks a file as an Attest store.
    static let applicationID: Int32 = 0x4154_5354

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: v3)
            try SkillTotals.recordEndedAttempts(db)
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7") { db in
            try db.execute(sql: TrustSchema.v7)
        }
        migrator.registerMigration("v8") { db in
            try db.execute(sql: AttestDatabase.accommodationSchema)
        }
        migrator.registerMigration("v10") { db in
            try db.execute(sql: MemorySchema.v10)
        }
        migrator.registerMigration("v13") { db in
            try db.execute(sql: LinkedDataKeyRecord.v13)
        }
        migrator.registerMigration("v14") { db in
            try db.execute(sql: StatusListEntryRecord.v14)
        }
        migrator.registerMigration("v15") { db in
            try db.execute(sql: AttestDatabase.outboxSchema)
        }
        migrator.registerMigration("v16") { db in
            try db.execute(sql: InstanceRecord.v16)
        }
        migrator.registerMigration("v17") { db in
            try db.execute(sql: AttestDatabase.examClockSchema)
        }
        migrator.registerMigration("v18") { db in
            try db.execute(sql: AttestDatabase.credentialIssuerIndex)
        }
        return migrator
    }()

    private static let v1 = """
        CREATE TABLE learner (
            name TEXT NOT NULL PRIMARY KEY,
            email TEXT,
            did TEXT,
            createdAt REAL NOT NULL
        );
        CREATE TABLE pack (
            id TEXT NOT NULL,
            version TEXT NOT NULL,
            contentHash TEXT NOT NULL,
            title TEXT NOT NULL,
            firstSeenAt REAL NOT NULL,
            PRIMARY KEY (id, version, contentHash)
        ) WITHOUT ROWID;
        CREATE TABLE attempt (
            id TEXT NOT NULL PRIMARY KEY,
            learner TEXT NOT NULL REFERENCES learner(name) ON UPDATE CASCADE,
            packID TEXT NOT NULL,
            packVersion TEXT NOT NULL,
            packHash TEXT NOT NULL,
            quizID TEXT NOT NULL,
            mode TEXT NOT NULL,
            seed INTEGER NOT NULL,
            questionIDs TEXT NOT NULL,
            startedAt REAL NOT NULL,
            endedAt REAL,
            status TEXT NOT NULL
        );
        CREATE INDEX attempt_by_learner_pack ON attempt(learner, packID, startedAt);
        CREATE INDEX attempt_by_learner_status ON attempt(learner, status);
        CREATE TABLE response (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            attemptID TEXT NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            questionID TEXT NOT NULL,
            outcome TEXT NOT NULL,
            given TEXT,
            selection TEXT,
            score REAL NOT NULL,
            points REAL NOT NULL,
            maxPoints REAL NOT NULL,
            skills TEXT NOT NULL,
            difficulty TEXT NOT NULL,
            shownAt REAL NOT NULL,
            answeredAt REAL NOT NULL
        );
        CREATE INDEX response_progress ON response(
            attemptID, position, seq, questionID, outcome, score, difficulty, skills, answeredAt
        );
        CREATE TABLE credential (
            id TEXT NOT NULL PRIMARY KEY,
            learner TEXT NOT NULL REFERENCES learner(name) ON UPDATE CASCADE,
            packID TEXT NOT NULL,
            packVersion TEXT NOT NULL,
            packHash TEXT NOT NULL,
            credentialID TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            achievementType TEXT NOT NULL,
            criteria TEXT NOT NULL,
            awardedAt REAL NOT NULL,
            expiresAt REAL,
            evidence TEXT NOT NULL,
            revokedAt REAL,
            revocationReason TEXT
        );
        CREATE INDEX credential_by_learner ON credential(learner, awardedAt, revokedAt, expiresAt);
        CREATE TABLE issuer (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            privateKey BLOB NOT NULL,
            createdAt REAL NOT NULL
        );
        CREATE TABLE setting (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE pack_cache (
            packID TEXT NOT NULL,
            contentHash TEXT NOT NULL,
            compiled BLOB NOT NULL,
            PRIMARY KEY (packID, contentHash)
        );
        """

    private static let v2 = """
        ALTER TABLE response ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
        UPDATE response SET superseded = 1
        WHERE seq < (SELECT MAX(l.seq) FROM response l
                     WHERE l.attemptID = response.attemptID AND l.position = response.position);
        CREATE INDEX response_evidence ON response(attemptID, skills, difficulty, score, points, maxPoints)
        WHERE superseded = 0;
        CREATE INDEX credential_log ON credential(
            learner, awardedAt, id, name, packID, packVersion, credentialID, achievementType, expiresAt, revokedAt,
            revocationReason
        );
        CREATE TRIGGER response_supersede AFTER INSERT ON response BEGIN
            UPDATE response SET superseded = 1
            WHERE attemptID = NEW.attemptID AND position = NEW.position AND seq < NEW.seq AND superseded = 0;
        END;
        """

    private static let v3 = """
        CREATE TABLE attempt_skill (
            learner TEXT NOT NULL REFERENCES learner(name) ON UPDATE CASCADE,
            packID TEXT NOT NULL,
            skill TEXT NOT NULL,
            finishedAt REAL NOT NULL,
            attemptID TEXT NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
            mode TEXT NOT NULL,
            weight REAL NOT NULL,
            success REAL NOT NULL,
            points REAL NOT NULL,
            maxPoints REAL NOT NULL,
            PRIMARY KEY (learner, packID, skill, finishedAt, attemptID)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX attempt_skill_by_attempt ON attempt_skill(attemptID, skill);
        """

    private static let v4 = """
        CREATE TABLE question_flag (
            attemptID TEXT NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            flaggedAt REAL NOT NULL,
            PRIMARY KEY (attemptID, position)
        ) WITHOUT ROWID;
        """

    private static let v5 = """
        CREATE TABLE pack_file (
            path TEXT NOT NULL PRIMARY KEY,
            size INTEGER NOT NULL,
            modifiedNs INTEGER NOT NULL,
            changedNs INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            device INTEGER NOT NULL,
            packID TEXT NOT NULL,
            version TEXT NOT NULL,
            contentHash TEXT NOT NULL
        );
        CREATE TABLE pack_pool (
            contentHash TEXT NOT NULL,
            quizID TEXT NOT NULL,
            pools BLOB NOT NULL,
            PRIMARY KEY (contentHash, quizID)
        );
        CREATE TABLE pack_question (
            contentHash TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            questionID TEXT NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (contentHash, ordinal)
        );
        CREATE INDEX pack_question_by_id ON pack_question(contentHash, questionID);
        """

    private static let v6 = """
        CREATE INDEX response_analysis ON response(
            attemptID, position, outcome, score, points, maxPoints, shownAt, answeredAt, selection, superseded
        ) WHERE superseded = 0;
        """
}
