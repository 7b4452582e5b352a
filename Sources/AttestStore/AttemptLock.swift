import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps one attempt open in one Attest process at a time.
///
/// Without it, a second `attest` offered to resume an exam that was live in another terminal, and both
/// ran it. The lock is an open-file-description lock (`F_OFD_SETLK`) on a small file per attempt in a
/// private folder beside the store (`attest.sqlite-locks/`), holding the owner's pid for the message
/// "open in another Attest, pid N". The kernel drops the lock when its process ends, however it ends
/// (`kill -9` included), so a crash never leaves an attempt locked; a stale file is simply locked again.
public final class AttemptLock: @unchecked Sendable {
    /// What `acquire` found.
    public enum Outcome {
        /// This process now holds the attempt.
        case acquired(AttemptLock)
        /// Another live process holds it (its pid, or 0 when its file could not be read).
        case heldElsewhere(pid: Int32)
    }

    public let attemptID: String
    private let path: String
    private var descriptor: Int32

    private init(attemptID: String, path: String, descriptor: Int32) {
        self.attemptID = attemptID
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        release()
    }

    /// The folder of lock files for the store at `storePath`.
    public static func directory(storePath: String) -> String {
        storePath + "-locks"
    }

    /// Takes the lock of `attemptID`, or says which process holds it. Throws when the lock file cannot be made.
    public static func acquire(attemptID: String, storePath: String) throws -> Outcome {
        let folder = directory(storePath: storePath)
        try StoreFiles.makeDirectory(folder)
        let path = folder + "/" + fileName(attemptID)
        // A holder releasing meanwhile unlinks the file it locked: lock again until the locked file is the one at `path`.
        for _ in 0..<8 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else {
                throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
            var lock = Self.wholeFile(F_WRLCK)
            if fcntl(descriptor, ofdSetLock, &lock) != 0 {
                let reason = errno
                let pid = readPID(descriptor)
                close(descriptor)
                if reason == EAGAIN || reason == EACCES { return .heldElsewhere(pid: pid) }
                throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(reason)))
            }
            var opened = stat()
            var current = stat()
            guard fstat(descriptor, &opened) == 0, stat(path, &current) == 0,
                  opened.st_ino == current.st_ino, opened.st_dev == current.st_dev
            else {
                close(descriptor)
                continue
            }
            let text = Array("\(getpid())\n".utf8)
            _ = ftruncate(descriptor, 0)
            _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            return .acquired(AttemptLock(attemptID: attemptID, path: path, descriptor: descriptor))
        }
        throw StoreError.cannotOpen(path: path, reason: "the lock file kept changing")
    }

    /// The pid of the live process holding `attemptID` (0 when unknown), or nil when no process holds it.
    public static func holder(of attemptID: String, storePath: String) -> Int32? {
        let descriptor = open(directory(storePath: storePath) + "/" + fileName(attemptID), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var lock = Self.wholeFile(F_WRLCK)
        guard fcntl(descriptor, ofdGetLock, &lock) == 0, lock.l_type != Int16(F_UNLCK) else { return nil }
        return readPID(descriptor)
    }

    /// Gives the attempt up (its file is removed first, while still locked). Idempotent.
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    /// Attempt ids are UUIDs; anything else is reduced to characters safe in a file name.
    private static func fileName(_ attemptID: String) -> String {
        String(attemptID.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "_" })
    }

    private static func wholeFile(_ type: Int32) -> flock {
        flock(l_type: Int16(type), l_whence: Int16(SEEK_SET), l_start: 0, l_len: 0, l_pid: 0)
    }

    private static func readPID(_ descriptor: Int32) -> Int32 {
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return 0 }
        return Int32(String(decoding: bytes[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}

/// Linux's open-file-description lock commands (fcntl.h, behind _GNU_SOURCE, so not imported into Swift).
private let ofdGetLock: Int32 = 36
private let ofdSetLock: Int32 = 37
