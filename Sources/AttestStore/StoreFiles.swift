import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system side of opening a store: a private folder, a private file, and plain-word checks
/// done before SQLite is involved (so a read-only or foreign file is refused without being touched).
enum StoreFiles {
    /// Creates `directory` and any missing parents with mode 0700; existing folders are left as they are.
    static func makeDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError.cannotCreateDirectory(path: directory, reason: "a file with that name is in the way")
            }
            return
        }
        if let reason = SymbolicLinks.brokenLink(directory) {
            throw StoreError.cannotCreateDirectory(path: directory, reason: reason)
        }
        let parent = (directory as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != directory { try makeDirectory(parent) }
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw StoreError.cannotCreateDirectory(path: directory, reason: String(cString: strerror(errno)))
        }
        chmod(directory, 0o700)
    }

    /// What `prepareFile` found.
    enum Preparation {
        case created
        case existing
    }

    /// Creates the store file with mode 0600 when missing; refuses, untouched, a file that is read-only, not SQLite,
    /// readable by its group or others, or owned by another user, and a symbolic link that leads nowhere.
    static func prepareFile(_ path: String, retries: Int = 1) throws -> Preparation {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw StoreError.cannotOpen(path: path, reason: "it is a folder, not a file")
            }
            if access(path, W_OK) != 0 || (info.st_mode & 0o222) == 0 {
                throw StoreError.readOnly(path: path)
            }
            let directory = (path as NSString).deletingLastPathComponent
            let sideFilesExist = access(path + "-wal", W_OK) == 0 && access(path + "-shm", W_OK) == 0
            if !sideFilesExist, access(directory.isEmpty ? "." : directory, W_OK) != 0 {
                throw StoreError.readOnly(path: path)
            }
            if info.st_size > 0, !hasSQLiteHeader(path) {
                throw StoreError.notAttestStore(path: path)
            }
            if isAttestStore(path) {
                if info.st_uid != getuid() { throw StoreError.ownedByAnotherUser(path: path) }
                if info.st_mode & 0o077 != 0 { throw StoreError.readableByOthers(path: path) }
            }
            try refuseFolderOpenToOthers(path)
            return .existing
        }
        try refuseFolderOpenToOthers(path)
        if let reason = SymbolicLinks.brokenLink(path) { throw StoreError.cannotOpen(path: path, reason: reason) }
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            let code = errno
            if code == EEXIST, retries > 0 { return try prepareFile(path, retries: retries - 1) }
            if code == EACCES || code == EROFS || code == EPERM { throw StoreError.readOnly(path: path) }
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
        return .created
    }

    /// Refuses a store whose folder any user could write to (world-writable without the sticky bit that
    /// `/tmp` has) or that belongs to another user other than root: they could swap the file. A group-writable
    /// folder is allowed: with the user-private groups of Debian and Ubuntu that group is the user's own.
    static func refuseFolderOpenToOthers(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let shown = folder.isEmpty ? "." : folder
        var info = stat()
        guard stat(shown, &info) == 0 else { return }
        let writableByOthers = info.st_mode & 0o002 != 0 && info.st_mode & S_ISVTX == 0
        let foreignOwner = info.st_uid != getuid() && info.st_uid != 0
        if writableByOthers || foreignOwner { throw StoreError.folderOpenToOthers(folder: shown, path: path) }
    }

    /// Gives the write-ahead log and shared-memory files the store's private mode.
    static func protectSideFiles(_ path: String) {
        for suffix in ["-wal", "-shm"] where access(path + suffix, F_OK) == 0 {
            chmod(path + suffix, 0o600)
        }
    }

    /// Whether the file system holding `path` has less than `margin` bytes left for this process.
    ///
    /// SQLite reports some writes refused for lack of space as I/O errors rather than `SQLITE_FULL`
    /// (growing the `-shm` file, for one), so an I/O error on a disk with no room left is a full disk.
    static func isOutOfSpace(_ path: String, margin: UInt64 = 1 << 20) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        var info = statvfs()
        guard statvfs(directory.isEmpty ? "." : directory, &info) == 0 else { return false }
        let blocks = geteuid() == 0 ? UInt64(info.f_bfree) : UInt64(info.f_bavail)
        return blocks * UInt64(info.f_frsize) < margin
    }

    /// Whether the SQLite header's application id (bytes 68–71) marks the file as an Attest store.
    private static func isAttestStore(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 72)) ?? Data())
        guard header.count == 72 else { return false }
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return Int32(bitPattern: id) == StoreSchema.applicationID
    }

    private static func hasSQLiteHeader(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header.count < 16 || header == Data("SQLite format 3\0".utf8)
    }
}
