import Foundation

/// Everything that can go wrong with the local store, worded so a person knows what happened and what to do.
///
/// The store maps SQLite's result codes to these cases, so "database is locked"
/// or "SQLITE_FULL" never reaches a learner raw.
public enum StoreError: Error, Equatable, Sendable, LocalizedError {
    /// The folder that should hold the store could not be made.
    case cannotCreateDirectory(path: String, reason: String)
    /// The store file (or its folder) cannot be written; nothing was changed.
    case readOnly(path: String)
    /// The store file can be read by its group or by others: learners' answers and the signing key are private.
    case readableByOthers(path: String)
    /// The store file belongs to another user.
    case ownedByAnotherUser(path: String)
    /// The folder holding the store lets other users replace or remove the store file.
    case folderOpenToOthers(folder: String, path: String)
    /// The file exists but is not an Attest store (another program's file, or not SQLite at all).
    case notAttestStore(path: String)
    /// SQLite found the file damaged.
    case corrupt(path: String, detail: String)
    /// The store was written by a newer Attest that applied schema changes this build does not know.
    case newerStore(path: String, unknownMigrations: [String])
    /// The disk (or the store's size limit) is full; the last change was not saved.
    case diskFull(path: String)
    /// Another process kept the store busy for longer than the busy timeout.
    case busy(path: String)
    /// The file could not be opened for another reason (missing folder permission, it is a directory...).
    case cannotOpen(path: String, reason: String)
    /// The operating system reported an input/output error.
    case ioFailure(path: String, detail: String)
    /// Any other SQLite failure, with SQLite's own words.
    case database(detail: String)
    case unknownLearner(String)
    case unknownAttempt(String)
    case duplicateAttempt(String)
    /// `finishAttempt` on an attempt that already ended.
    case attemptAlreadyFinished(id: String, status: String)
    case unknownCredential(String)
    case duplicateCredential(String)
    case alreadyRevoked(id: String, at: Date)
    /// The issuer's name was set before any issuer key exists.
    case noIssuerKey
    /// `backup(to:)` would overwrite an existing file and was not asked to.
    case backupDestinationExists(path: String)

    public var errorDescription: String? {
        switch self {
        case let .cannotCreateDirectory(path, reason):
            return "Cannot create the folder for the Attest store at \(path): \(reason). "
                + "Check the permissions of its parent folder, or choose another place with --store PATH."
        case let .readableByOthers(path):
            return "The Attest store at \(path) can be read by other users; it holds your answers and your signing key, "
                + "so it was not opened. Run 'chmod 600 \(path)' and try again."
        case let .ownedByAnotherUser(path):
            return "The Attest store at \(path) belongs to another user, so it was not opened. Use your own store "
                + "(--store PATH), or have its owner hand it over with chown."
        case let .folderOpenToOthers(folder, path):
            return "The folder \(folder) holding the Attest store \(path) can be changed by other users, who could replace "
                + "your store; it was not opened. Run 'chmod go-w \(folder)' (or move the store with --store PATH) and try again."
        case let .readOnly(path):
            return "The Attest store at \(path) is read-only, so nothing can be saved. Nothing was changed or lost. "
                + "Make the file and its folder writable (chmod u+w), or use another store with --store PATH."
        case let .notAttestStore(path):
            return "The file at \(path) is not an Attest store. It was left untouched. "
                + "Choose another file with --store PATH."
        case let .corrupt(path, detail):
            return "The Attest store at \(path) is damaged (\(detail)). "
                + "Restore it from a backup, or run `attest store check` to see what is wrong."
        case let .newerStore(path, unknown):
            return "The Attest store at \(path) was written by a newer version of Attest "
                + "(unknown schema changes: \(unknown.joined(separator: ", "))). "
                + "It was left untouched; upgrade Attest to use it."
        case let .diskFull(path):
            return "The disk holding the Attest store at \(path) is full, so the last change was not saved. "
                + "Free some space and try again."
        case let .busy(path):
            return "The Attest store at \(path) is busy: another Attest process has held it for too long. "
                + "Close other Attest sessions and try again."
        case let .cannotOpen(path, reason):
            return "Cannot open the Attest store at \(path): \(reason)."
        case let .ioFailure(path, detail):
            return "The system reported a read/write error on the Attest store at \(path) (\(detail)). "
                + "Check the disk, then run `attest store check`."
        case let .database(detail):
            return "The Attest store reported an error: \(detail)."
        case let .unknownLearner(name):
            return "There is no learner named \"\(name)\" in the store."
        case let .unknownAttempt(id):
            return "There is no attempt \(id) in the store."
        case let .duplicateAttempt(id):
            return "An attempt with id \(id) is already in the store."
        case let .attemptAlreadyFinished(id, status):
            return "Attempt \(id) has already ended (\(status)); it cannot be finished again."
        case let .unknownCredential(id):
            return "There is no credential \(id) in the store."
        case let .duplicateCredential(id):
            return "A credential with id \(id) is already in the store."
        case let .alreadyRevoked(id, at):
            return "Credential \(id) was already revoked on \(StoreCoding.displayDate(at)); it stays revoked."
        case .noIssuerKey:
            return "No issuer key exists yet, so the issuer name cannot be set. Create the key first."
        case let .backupDestinationExists(path):
            return "A file already exists at \(path); the backup was not written. "
                + "Choose another path, or ask to overwrite it."
        }
    }
}
