import Foundation

/// Why the history file could not be saved.
public enum LineHistoryError: LocalizedError, Equatable {
    case cannotSave(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .cannotSave(path, reason):
            "Could not save the command history to \(path): \(reason). Check that its folder is writable."
        }
    }
}

/// The persistent command history: what up/down arrows recall across sessions.
///
/// Pure Swift (no libedit) so it can be tested and shared. Entries are kept oldest first,
/// bounded to `capacity`, with consecutive duplicates collapsed. The file holds one entry
/// per line; backslash, newline and carriage return are escaped as `\\`, `\n` and `\r`, so an
/// entry can never split into two. Every change rewrites the file atomically (temporary file
/// + rename), creating missing parent folders.
public final class LineHistory: @unchecked Sendable {
    /// The most entries kept.
    public let capacity: Int
    /// Where the history is persisted, or nil to keep it in memory only.
    public let path: String?
    private let lock = NSLock()
    private var storage: [String] = []

    /// Loads the history at `path` (a missing or unreadable file gives an empty history).
    public init(path: String?, capacity: Int = 1000) {
        self.path = path
        self.capacity = max(1, capacity)
        if let path, let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                _ = append(Self.unescape(String(line)))
            }
        }
    }

    /// The entries, oldest first.
    public var entries: [String] { lock.withLock { storage } }

    /// Adds `entry` (ignored when blank or equal to the newest entry) and saves the file.
    /// Returns whether the entry was added.
    @discardableResult
    public func add(_ entry: String) throws(LineHistoryError) -> Bool {
        let added = lock.withLock { append(entry) }
        if added { try save() }
        return added
    }

    /// Writes the entries to `path` atomically; does nothing without a path.
    public func save() throws(LineHistoryError) {
        guard let path else { return }
        let text = lock.withLock { storage.map { Self.escape($0) + "\n" }.joined() }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
            // Commands may name files and people: the history is the user's alone, like the store.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw .cannotSave(path: path, reason: error.localizedDescription)
        }
    }

    /// Must be called with the lock held (or from init).
    private func append(_ entry: String) -> Bool {
        guard !entry.allSatisfy(\.isWhitespace), storage.last != entry else { return false }
        storage.append(entry)
        if storage.count > capacity { storage.removeFirst(storage.count - capacity) }
        return true
    }

    static func escape(_ entry: String) -> String {
        guard entry.utf8.contains(where: { $0 == 0x5C || $0 == 0x0A || $0 == 0x0D }) else { return entry }
        var out = ""
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func unescape(_ line: String) -> String {
        guard line.utf8.contains(0x5C) else { return line }
        var out = ""
        var escaping = false
        for scalar in line.unicodeScalars {
            if escaping {
                switch scalar {
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
