import Foundation
import GRDB

extension AttestDatabase {
    /// Checks the store and explains each problem in plain words; empty when the store is healthy.
    public func check() -> [String] {
        do {
            return try writer.read { db in
                var problems: [String] = []
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] {
                    problems.append(
                        "The store file is damaged: SQLite's integrity check found \(integrity.count) problem(s). "
                            + "Restore it from a backup; until then some answers or credentials may be missing.")
                    problems += integrity.map { "  SQLite reports: \($0)" }
                }
                for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                    let table: String = row[0]
                    let rowID: Int64? = row[1]
                    let parent: String = row[2]
                    problems.append(
                        "A \(table) row (rowid \(rowID.map(String.init) ?? "?")) refers to a \(parent) that is not in the store.")
                }
                return problems
            }
        } catch {
            let reason = (Self.translate(error, location: location) as? StoreError)?.errorDescription
                ?? error.localizedDescription
            return ["The store could not be checked: \(reason)"]
        }
    }

    /// Writes a consistent copy of the store to `path` while other processes keep using it.
    ///
    /// An existing file at `path` is refused unless `overwrite` is true. The copy gets mode 0600.
    public func backup(to path: String, overwrite: Bool = false) throws {
        if FileManager.default.fileExists(atPath: path) {
            guard overwrite else { throw StoreError.backupDestinationExists(path: path) }
            for suffix in ["", "-wal", "-shm", "-journal"] {
                if unlink(path + suffix) != 0, errno != ENOENT { throw StoreError.readOnly(path: path) }
            }
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try StoreFiles.makeDirectory(directory) }
        _ = try StoreFiles.prepareFile(path)
        do {
            let destination = try DatabaseQueue(path: path)
            try writer.backup(to: destination)
            try destination.close()
        } catch {
            throw Self.translate(error, location: path)
        }
    }
}
