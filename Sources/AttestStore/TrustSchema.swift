/// The v7 migration: what makes a credential something a third party can trust (issue #13).
///
/// - `imported_attempt` marks every attempt that came in through `attempts import`: they feed statistics and
///   progress, but awarding reads only attempts sat in this store (`skillEvidence(ownAttemptsOnly:)`). Attempts
///   imported before v7 cannot be told apart and stay unmarked.
/// - `trusted_issuer` is the trust list `creds verify` consults: a DID, the name the store's owner gave it,
///   and the multibase keys it is trusted with (empty for `did:jwk` and `did:key`, whose DID is the key).
/// - `clock_jump` records every wall-clock jump an exam session noticed (exam time itself is measured
///   monotonically, see `ExamClock`, so a jump never changes it); signed submissions carry them.
/// - `signed_credential` keeps a credential exactly as it was signed (the compact JWS) with its issuer: this
///   store's own awards, sealed when awarded (older ones at their first export), and credentials issued by an
///   organisation and imported with `creds import`. `creds export` hands back those bytes, never a re-signed copy.
/// - The self-assessment issuer's default name used to carry the login and host name ("Attest
///   self-assessment (ada@vm)"); such names are cleared, so credentials say "Self-assessed with Attest".
enum TrustSchema {
    static let v7 = """
        CREATE TABLE imported_attempt (
            attemptID TEXT NOT NULL PRIMARY KEY REFERENCES attempt(id) ON DELETE CASCADE
        );
        CREATE TABLE trusted_issuer (
            did TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            keys TEXT NOT NULL,
            addedAt REAL NOT NULL
        );
        CREATE TABLE clock_jump (
            attemptID TEXT NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
            at REAL NOT NULL,
            wallChange REAL NOT NULL,
            monotonicChange REAL NOT NULL
        );
        CREATE INDEX clock_jump_by_attempt ON clock_jump(attemptID, at);
        CREATE TABLE signed_credential (
            id TEXT NOT NULL PRIMARY KEY REFERENCES credential(id) ON DELETE CASCADE,
            issuerDID TEXT NOT NULL,
            issuerName TEXT NOT NULL,
            jws TEXT NOT NULL
        );
        UPDATE issuer SET name = '' WHERE name LIKE 'Attest self-assessment (%)';
        """
}
