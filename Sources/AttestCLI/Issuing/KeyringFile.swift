import AttestCredentials
import Crypto
import Foundation

/// An organisation keyring on disk (mode 0600, never group- or other-readable) and its append-only audit
/// log beside it (`KEYRING.log`, JSON Lines, each entry carrying the SHA-256 of the one before, so a
/// removed or edited line shows). The log is also the organisation's revocation state: each `issue` entry
/// records the credential's status list index, each `revoke` entry the credential revoked.
public struct KeyringFile {
    public let path: String

    public init(path: String) { self.path = path }

    var auditLogPath: String { path + ".log" }

    /// Writes a new keyring; refuses to replace an existing file.
    func create(_ keyring: IssuerKeyring) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw IssuingError(errno == EEXIST
                ? "\(TerminalText.sanitize(path)) already exists; a keyring is never overwritten. Choose another --keyring."
                : "Cannot create \(TerminalText.sanitize(path)): \(String(cString: strerror(errno))).")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data((keyring.json.serialized + "\n").utf8))
        try handle.synchronize()
    }

    /// Reads the keyring, refusing one that others can read or that another user owns.
    public func read() throws -> IssuerKeyring {
        var info = stat()
        guard stat(path, &info) == 0 else { throw IssuingError("Cannot read the keyring \(TerminalText.sanitize(path)): no such file.") }
        if info.st_uid != getuid() {
            throw IssuingError("The keyring \(TerminalText.sanitize(path)) belongs to another user; only its owner may use it.")
        }
        if info.st_mode & 0o077 != 0 {
            throw IssuingError("The keyring \(TerminalText.sanitize(path)) is readable by others; run 'chmod 600 \(TerminalText.sanitize(path))' first.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IssuingError("Cannot read the keyring \(TerminalText.sanitize(path)).")
        }
        do {
            return try IssuerKeyring(data: data)
        } catch {
            throw IssuingError("\(TerminalText.sanitize(path)): \(error.localizedDescription)")
        }
    }

    /// Appends one entry to the audit log (created 0600), chained to the previous entry by its hash.
    func audit(_ action: String, at date: Date, _ details: [String: String]) throws {
        let previous = (try? String(contentsOfFile: auditLogPath, encoding: .utf8))?
            .split(separator: "\n").last.map { OpenBadgeCredential.hex(SHA256.hash(data: Data($0.utf8))) } ?? ""
        var entry: [String: CredentialJSON] = [
            "at": .string(ISODate.format(date)), "action": .string(action), "previous": .string(previous),
            "who": .string(Self.operatorName()),
        ]
        for (key, value) in details { entry[key] = .string(value) }
        let descriptor = open(auditLogPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw IssuingError("Cannot append to the audit log \(TerminalText.sanitize(auditLogPath)): \(String(cString: strerror(errno))).")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data((CredentialJSON.object(entry).serialized + "\n").utf8))
        try handle.synchronize()
    }

    /// The audit log's entries, oldest first, each as its string members, after checking the hash chain: a
    /// line edited or removed is refused, so revocations and status list indexes are never read from a doctored log.
    func auditEntries() throws -> [[String: String]] {
        guard FileManager.default.fileExists(atPath: auditLogPath) else { return [] }
        guard let text = try? String(contentsOfFile: auditLogPath, encoding: .utf8) else {
            throw IssuingError("Cannot read the audit log \(TerminalText.sanitize(auditLogPath)).")
        }
        var previous = ""
        var entries: [[String: String]] = []
        for (number, line) in text.split(separator: "\n").enumerated() {
            guard case .object(let members)? = try? CredentialJSON.parse(Data(line.utf8)),
                  members["previous"]?.stringValue == previous else {
                throw IssuingError("The audit log \(TerminalText.sanitize(auditLogPath)) was altered at line \(number + 1) "
                    + "(its hash chain breaks there); restore it from a backup before issuing or revoking.")
            }
            previous = OpenBadgeCredential.hex(SHA256.hash(data: Data(line.utf8)))
            entries.append(members.compactMapValues(\.stringValue))
        }
        return entries
    }

    /// Runs `body` holding an exclusive lock on the keyring, so two commands never hand out the same status index.
    func locked<T>(_ body: () throws -> T) throws -> T {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw IssuingError("Cannot open the keyring \(TerminalText.sanitize(path)).") }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw IssuingError("Cannot lock the keyring \(TerminalText.sanitize(path)).") }
        return try body()
    }

    /// Who ran the command, for the audit log (the instructor's own account; never put in a credential).
    private static func operatorName() -> String {
        getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(getuid())"
    }
}
