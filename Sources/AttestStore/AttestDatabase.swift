import AttestCore
import Foundation
import GRDB

/// The learner's local store: attempts and their answer journal, credentials, the issuer key and settings.
///
/// It follows GRDB's `AppDatabase` pattern: one value owning a `DatabaseWriter`
/// and one migrator, with write methods named for what they do. Opening a store
/// only checks the schema (no heavy work), so the REPL starts fast. Every
/// failure surfaces as a `StoreError`.
public struct AttestDatabase: Sendable {
    /// How long a write waits for another Attest process before giving up with `StoreError.busy`.
    public static let defaultBusyTimeout: TimeInterval = 5
    /// Write-ahead log pages after which SQLite checkpoints on its own (its default is 1,000).
    static let walCheckpointPages = 10_000

    let writer: any DatabaseWriter
    /// The store file's path, or "in-memory store".
    public let location: String

    /// Wraps an already-open GRDB connection (tests, tools) and brings its schema up to date.
    public init(_ writer: any DatabaseWriter, location: String? = nil) throws {
        self.writer = writer
        self.location = location ?? (writer.path.isEmpty || writer.path == ":memory:" ? "in-memory store" : writer.path)
        try Self.prepareSchema(writer, location: self.location)
    }

    /// Opens (creating when missing) the store at `path`.
    ///
    /// A new folder gets mode 0700 and a new file 0600. The store runs in WAL
    /// mode with `synchronous = FULL` (an answer, once recorded, survives a
    /// power cut), foreign keys on, and waits up to `busyTimeout` seconds for
    /// another Attest process instead of failing.
    public static func open(path: String, busyTimeout: TimeInterval = defaultBusyTimeout) throws -> AttestDatabase {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try StoreFiles.makeDirectory(directory) }
        let preparation = try StoreFiles.prepareFile(path)
        var configuration = Configuration()
        configuration.label = "Attest"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            SQLiteMathFunctions.addMissing(to: db)
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Fold the write-ahead log into the file when an attempt ends (`finishAttempt`), not in the middle
            // of a quiz: an automatic checkpoint costs an answer several disk flushes. This limit only bounds
            // the log (about 40 MB) for sessions that never finish an attempt.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(walCheckpointPages)")
        }
        var opened: DatabasePool?
        let deadline = Date().addingTimeInterval(busyTimeout)
        while opened == nil {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                // GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on, after `prepareDatabase`:
                // restore FULL so a committed answer is on disk before the next question is shown.
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                opened = pool
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                // `PRAGMA journal_mode = WAL` fails at once, without the busy handler, while another process
                // is creating the same new store: wait a moment and open again, within the busy timeout.
                usleep(20_000)
            } catch {
                throw translate(error, location: path, foreignOnNotADatabase: true)
            }
        }
        guard let pool = opened else { throw StoreError.busy(path: path) }
        let database = try AttestDatabase(pool, location: path)
        if preparation == .created { StoreFiles.protectSideFiles(path) }
        return database
    }

    /// A private store that lives only as long as the value (tests, `--no-store` sessions).
    public static func inMemory() throws -> AttestDatabase {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in SQLiteMathFunctions.addMissing(to: db) }
        return try AttestDatabase(DatabaseQueue(configuration: configuration), location: "in-memory store")
    }

    /// Closes the store's connections (checkpointing the write-ahead log); the value is unusable afterwards.
    public func close() throws {
        do {
            try writer.close()
        } catch {
            throw Self.translate(error, location: location)
        }
    }

    // MARK: - Schema

    /// Checks the schema with one read; migrates only a new or older store; refuses a newer or foreign one.
    private static func prepareSchema(_ writer: any DatabaseWriter, location: String) throws {
        let migrator = StoreSchema.migrator
        let known = Set(migrator.migrations)
        let needsMigration: Bool
        do {
            // One read transaction, so the checks see one snapshot: read statement by statement, another
            // process migrating the same new store in between made it look half-made, i.e. foreign.
            needsMigration = try writer.read { db in
                try schemaNeedsMigration(db, known: known, location: location)
            }
        } catch {
            throw translate(error, location: location, foreignOnNotADatabase: true)
        }
        guard needsMigration else { return }
        // Each migration is its own transaction, and the migrator reads which are applied before taking the
        // write lock: another process migrating the same new file at the same moment makes a migration fail
        // ("table already exists") while its own is still on the way. Accept its work, or migrate again from
        // what it has committed so far, for as long as a busy store is waited for.
        let deadline = Date().addingTimeInterval(defaultBusyTimeout)
        while true {
            do {
                try migrator.migrate(writer)
                return
            } catch {
                let done = try? writer.read { db in try migrator.hasCompletedMigrations(db) }
                if done == true { return }
                guard Date() < deadline else { throw translate(error, location: location) }
                usleep(20_000)
            }
        }
    }

    private static func schemaNeedsMigration(_ db: Database, known: Set<String>, location: String) throws -> Bool {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if applicationID != 0, applicationID != StoreSchema.applicationID {
            throw StoreError.notAttestStore(path: location)
        }
        guard try db.tableExists("grdb_migrations") else {
            let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") ?? 0
            if tables > 0 { throw StoreError.notAttestStore(path: location) }
            return true
        }
        let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        // Migration v1 stamps the application id in the same transaction, so any applied migration without
        // the stamp belongs to another program using GRDB.
        if !applied.isEmpty, applicationID != StoreSchema.applicationID {
            throw StoreError.notAttestStore(path: location)
        }
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty {
            throw StoreError.newerStore(path: location, unknownMigrations: unknown.sorted())
        }
        return !known.isSubset(of: applied)
    }

    // MARK: - Access with translated errors

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch {
            throw Self.translate(error, location: location)
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch {
            throw Self.translate(error, location: location)
        }
    }

    /// Turns SQLite's result codes into `StoreError`s a person can act on.
    static func translate(_ error: any Error, location: String, foreignOnNotADatabase: Bool = false) -> any Error {
        if error is StoreError { return error }
        guard let databaseError = error as? DatabaseError else {
            return StoreError.database(detail: String(describing: error))
        }
        let detail = databaseError.message ?? "\(databaseError.resultCode)"
        switch databaseError.resultCode {
        case .SQLITE_FULL:
            return StoreError.diskFull(path: location)
        case .SQLITE_READONLY, .SQLITE_PERM:
            return StoreError.readOnly(path: location)
        case .SQLITE_NOTADB:
            return foreignOnNotADatabase
                ? StoreError.notAttestStore(path: location) : StoreError.corrupt(path: location, detail: detail)
        case .SQLITE_CORRUPT:
            return StoreError.corrupt(path: location, detail: detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError.busy(path: location)
        case .SQLITE_IOERR:
            if StoreFiles.isOutOfSpace(location) { return StoreError.diskFull(path: location) }
            return StoreError.ioFailure(path: location, detail: detail)
        case .SQLITE_CANTOPEN:
            return StoreError.cannotOpen(path: location, reason: detail)
        default:
            return StoreError.database(detail: detail)
        }
    }
}
