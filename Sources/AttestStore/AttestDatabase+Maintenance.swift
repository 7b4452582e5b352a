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
                    // SQLite may pack several findings in one row and heads them with "*** in database main ***".
                    let findings = integrity.flatMap { $0.split(separator: "\n").map(String.init) }
                        .filter { !$0.hasPrefix("***") }
                    problems.append(
                        "The store file is damaged: SQLite's integrity check found \(findings.count) problem\(findings.count == 1 ? "" : "s"). "
                            + "Restore it from a backup; until then some answers or credentials may be missing.")
                    problems += findings.map { "  SQLite reports: \($0)" }
                }
                // Damage explains broken links by itself; they are only reported in an otherwise sound file.
                guard problems.isEmpty else { return problems }
                for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                    let table: String = row[0]
                    let rowID: Int64? = row[1]
                    let parent: String = row[2]
                    let problem = "\(Self.withArticle(table).capitalizedFirst) row (rowid \(rowID.map(String.init) ?? "?")) "
                        + "refers to \(Self.withArticle(parent)) that is not in the store."
                    if !problems.contains(problem) { problems.append(problem) }
                }
                return problems
            }
        } catch {
            switch Self.translate(error, location: location) {
            case let StoreError.corrupt(_, detail):
                return [
                    "The store file is damaged so badly that SQLite could not finish checking it (\(detail)). "
                        + "Restore it from a backup; answers and credentials in the damaged part cannot be read."
                ]
            case let translated:
                return ["The store could not be checked: \(translated.localizedDescription)"]
            }
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

    private static func withArticle(_ noun: String) -> String {
        ("aeiou".contains(noun.first ?? "x") ? "an " : "a ") + noun
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
