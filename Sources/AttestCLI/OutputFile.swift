import AttestStore
import Foundation

/// A file a command writes where the user asked (`--output`, `store backup PATH`): a symbolic link
/// that leads nowhere (dangling, or a loop) is refused with a message saying so, instead of being
/// silently replaced by a regular file or followed until something gives.
struct OutputFile: LocalizedError {
    var path: String
    var reason: String

    var errorDescription: String? { "Cannot write \(TerminalText.quoted(path)): \(reason)." }

    /// Writes `data` to `path` atomically; an existing file is replaced only with `force`.
    static func write(_ data: Data, to path: String, force: Bool) throws {
        if FileManager.default.fileExists(atPath: path), !force {
            throw CommandFailure("\(CommandFailure.quote(path)) already exists; add --force to overwrite it or choose another --output.")
        }
        try refuseBrokenLink(path)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PackFileError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    /// Throws when `path` is a symbolic link that leads nowhere.
    static func refuseBrokenLink(_ path: String) throws {
        if let reason = SymbolicLinks.brokenLink(path) { throw OutputFile(path: path, reason: reason) }
    }
}
