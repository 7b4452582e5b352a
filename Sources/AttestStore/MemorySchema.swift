/// The v10 tables: each learner's FSRS memory per item (`memory_state`), and what that cache was computed
/// from (`memory_cache`: the scheduler's fingerprint and the journal sequence number folded through).
///
/// Everything here is derived from the journal and can be dropped and rebuilt; a fingerprint that no longer
/// matches (new weights, another desired retention) rebuilds it on next use.
enum MemorySchema {
    static let v10 = """
        CREATE TABLE memory_state (
            learner TEXT NOT NULL REFERENCES learner(name) ON UPDATE CASCADE,
            packID TEXT NOT NULL,
            itemKey TEXT NOT NULL,
            phase INTEGER NOT NULL,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due REAL NOT NULL,
            lastReview REAL,
            reviews INTEGER NOT NULL,
            lapses INTEGER NOT NULL,
            seconds REAL NOT NULL,
            PRIMARY KEY (learner, packID, itemKey)
        ) WITHOUT ROWID;
        CREATE TABLE memory_cache (
            learner TEXT NOT NULL PRIMARY KEY REFERENCES learner(name) ON UPDATE CASCADE,
            fingerprint TEXT NOT NULL,
            throughSeq INTEGER NOT NULL
        );
        """
}
