import AttestCore
import Foundation
import GRDB

/// One entry of the trust list: an issuer DID the store's owner vouches for, under their own name for it.
public struct TrustedIssuerRecord: Sendable, Hashable, Codable {
    public var did: String
    public var name: String
    /// Multibase keys the DID is trusted with; empty when the DID itself is the key (`did:jwk`, `did:key`).
    public var keys: [String]
    public var addedAt: Date

    public init(did: String, name: String, keys: [String], addedAt: Date) {
        self.did = did
        self.name = name
        self.keys = keys
        self.addedAt = addedAt
    }
}

extension AttestDatabase {
    /// Adds `issuer` to the trust list, or replaces the entry for its DID (new name, new keys).
    public func trustIssuer(_ issuer: TrustedIssuerRecord) throws {
        let keys = String(decoding: try JSONEncoder().encode(issuer.keys), as: UTF8.self)
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO trusted_issuer (did, name, keys, addedAt) VALUES (?, ?, ?, ?)",
                arguments: [issuer.did, issuer.name, keys, StoreCoding.seconds(issuer.addedAt)])
        }
    }

    /// Removes a DID from the trust list; false when it was not on it.
    @discardableResult
    public func distrustIssuer(did: String) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM trusted_issuer WHERE did = ?", arguments: [did])
            return db.changesCount > 0
        }
    }

    /// The trust list, by name.
    public func trustedIssuers() throws -> [TrustedIssuerRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM trusted_issuer ORDER BY name, did").map { row in
                TrustedIssuerRecord(
                    did: row["did"], name: row["name"],
                    keys: (try? JSONDecoder().decode([String].self, from: Data((row["keys"] as String).utf8))) ?? [],
                    addedAt: StoreCoding.date(row["addedAt"]))
            }
        }
    }

    /// Ids of a learner's attempts that came in through `importAttempts` (they never award credentials here).
    public func importedAttemptIDs(learner: String) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(
                db,
                sql: "SELECT i.attemptID FROM imported_attempt i JOIN attempt a ON a.id = i.attemptID WHERE a.learner = ?",
                arguments: [learner]))
        }
    }
}

extension AttestDatabase {
    /// Journals wall-clock jumps an attempt's session noticed.
    public func recordClockJumps(attemptID: String, _ jumps: [ClockJump]) throws {
        try write { db in
            for jump in jumps {
                try db.execute(
                    sql: "INSERT INTO clock_jump (attemptID, at, wallChange, monotonicChange) VALUES (?, ?, ?, ?)",
                    arguments: [attemptID, StoreCoding.seconds(jump.at), jump.wallChange, jump.monotonicChange])
            }
        }
    }

    /// The wall-clock jumps journaled for an attempt, in order.
    public func clockJumps(attemptID: String) throws -> [ClockJump] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT at, wallChange, monotonicChange FROM clock_jump WHERE attemptID = ? ORDER BY at, rowid",
                arguments: [attemptID]
            ).map { ClockJump(at: StoreCoding.date($0[0]), wallChange: $0[1], monotonicChange: $0[2]) }
        }
    }
}

/// A credential as its issuer signed it: the compact JWS and who signed it.
public struct SignedCredentialRecord: Sendable, Hashable, Codable {
    public var id: String
    public var issuerDID: String
    public var issuerName: String
    public var jws: String

    public init(id: String, issuerDID: String, issuerName: String, jws: String) {
        self.id = id
        self.issuerDID = issuerDID
        self.issuerName = issuerName
        self.jws = jws
    }
}

extension AttestDatabase {
    /// Logs a credential an organisation issued, with its signed form; false when it was already in the log.
    @discardableResult
    public func importSignedCredential(_ award: CredentialAward, signed: SignedCredentialRecord) throws -> Bool {
        let arguments = try award.insertArguments()
        return try write { db in
            let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM credential WHERE id = ?)", arguments: [award.id]) ?? false
            if exists { return false }
            try Self.ensureLearner(db, name: award.learner, at: award.awardedAt)
            try db.execute(sql: CredentialAward.insertSQL, arguments: arguments)
            try db.execute(
                sql: "INSERT INTO signed_credential (id, issuerDID, issuerName, jws) VALUES (?, ?, ?, ?)",
                arguments: [signed.id, signed.issuerDID, signed.issuerName, signed.jws])
            return true
        }
    }

    /// Keeps the signed form of one of this store's own awards, once: a credential already sealed keeps its bytes.
    /// Returns the record the store now holds.
    @discardableResult
    public func sealCredential(_ signed: SignedCredentialRecord) throws -> SignedCredentialRecord {
        try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO signed_credential (id, issuerDID, issuerName, jws) VALUES (?, ?, ?, ?)",
                arguments: [signed.id, signed.issuerDID, signed.issuerName, signed.jws])
            let row = try Row.fetchOne(db, sql: "SELECT * FROM signed_credential WHERE id = ?", arguments: [signed.id])!
            return SignedCredentialRecord(id: row["id"], issuerDID: row["issuerDID"], issuerName: row["issuerName"], jws: row["jws"])
        }
    }

    /// The credential as it was signed (by an organisation, or by this store when awarded), or nil before it was.
    public func signedCredential(_ id: String) throws -> SignedCredentialRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM signed_credential WHERE id = ?", arguments: [id]).map {
                SignedCredentialRecord(id: $0["id"], issuerDID: $0["issuerDID"], issuerName: $0["issuerName"], jws: $0["jws"])
            }
        }
    }
}
