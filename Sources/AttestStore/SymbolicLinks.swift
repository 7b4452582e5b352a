import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Symbolic links that lead nowhere, checked before Attest creates a file (its store, a backup, an
/// export): refused with a message that says what the link is, never followed round a loop.
public enum SymbolicLinks {
    /// Why `path` cannot be created when it is (or goes through) a symbolic link that leads nowhere:
    /// a dangling link or a loop. Nil when `path` exists or is simply missing.
    ///
    /// `stat` says such a path is missing while `open(O_CREAT | O_EXCL)` says it exists; asking again
    /// once recursed until the stack overflowed.
    public static func brokenLink(_ path: String) -> String? {
        var info = stat()
        if stat(path, &info) == 0 { return nil }
        if errno == ELOOP { return "it goes through a symbolic link that loops back on itself; remove or fix that link" }
        guard errno == ENOENT, lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        let target = length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        return "it is a symbolic link to \(target), which does not exist; remove the link or create what it points to"
    }
}
