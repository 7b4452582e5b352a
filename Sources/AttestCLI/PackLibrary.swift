import AttestCore
import Crypto
import Foundation

/// The packs a learner can use: found in the pack folders or loaded by path, validated,
/// and indexed by id (several versions of one pack may coexist; the newest is used).
///
/// Folders are only listed at start-up; files are read and validated the first time
/// something needs them, so the REPL's prompt appears at once.
public final class PackLibrary: @unchecked Sendable {
    /// One pack file as loaded.
    public struct Entry: Sendable {
        public var path: String
        public var pack: Pack?
        public var diagnostics: [Diagnostic]

        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    /// Files larger than this are refused before reading (a pack is text; 256 MB is far beyond any bank).
    public static let maximumFileSize = 256 * 1024 * 1024

    private let directories: [String]
    private var scanned = false
    private var entries: [Entry] = []
    private var extraPaths: [String] = []

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The pack files in the folders, without reading them (cheap: for the banner).
    public func packFiles() -> [String] {
        var paths: [String] = []
        var seen = Set<String>()
        for directory in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
                let path = (directory as NSString).appendingPathComponent(name)
                let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
                if seen.insert(resolved).inserted { paths.append(path) }
            }
        }
        return paths
    }

    /// Every file loaded so far (reading the folders on first use), valid or not.
    public var allEntries: [Entry] {
        scanIfNeeded()
        return entries
    }

    /// Every valid pack, all versions, sorted by id then newest version first.
    public var packs: [Pack] {
        allEntries.compactMap(\.pack).sorted {
            $0.id != $1.id ? $0.id < $1.id : $0.version > $1.version
        }
    }

    /// The newest version of each pack id.
    public var newestPacks: [Pack] {
        var seen = Set<String>()
        return packs.filter { seen.insert($0.id).inserted }
    }

    /// The newest pack with `id`, or a specific `version` of it.
    public func pack(_ id: String, version: String? = nil) -> Pack? {
        packs.first { $0.id == id && (version == nil || $0.version.description == version) }
    }

    /// The pack file path a pack was loaded from.
    public func path(of pack: Pack) -> String? {
        allEntries.first { $0.pack?.id == pack.id && $0.pack?.contentHash == pack.contentHash }?.path
    }

    /// Finds a quiz by `quizId` or `packId/quizId` among the newest packs.
    public func quiz(_ reference: String) -> (Pack, Quiz)? {
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2, let pack = pack(parts[0]), let quiz = pack.quiz(parts[1]) { return (pack, quiz) }
        for pack in newestPacks {
            if let quiz = pack.quiz(reference) { return (pack, quiz) }
        }
        return nil
    }

    /// Reads, hashes and validates one file and adds it to the library.
    @discardableResult
    public func load(path: String) -> Entry {
        scanIfNeeded()
        let entry = PackLibrary.read(path: path)
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
        entries.removeAll { URL(fileURLWithPath: $0.path).standardizedFileURL.path == resolved }
        entries.append(entry)
        extraPaths.append(path)
        return entry
    }

    private func scanIfNeeded() {
        guard !scanned else { return }
        scanned = true
        entries = packFiles().map(PackLibrary.read(path:))
    }

    /// Reads and validates one pack file; never throws: problems become diagnostics.
    public static func read(path: String) -> Entry {
        let file = path
        func failure(_ message: String, hint: String? = nil) -> Entry {
            Entry(path: path, pack: nil, diagnostics: [
                Diagnostic(severity: .error, file: file, path: "", line: 0, column: 0, message: message, hint: hint),
            ])
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes else { return failure("cannot read the file: it does not exist or is not readable") }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            return failure("is a folder, not a pack file", hint: "give the path of a .json pack file")
        }
        if let size = attributes[.size] as? Int, size > maximumFileSize {
            return failure("the file is \(size / 1_048_576) MB; packs over \(maximumFileSize / 1_048_576) MB are refused")
        }
        guard let bytes = readBytes(path) else {
            return failure("cannot read the file")
        }
        let hash = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let result = PackDecoder().decode(bytes: bytes, file: file, contentHash: hash)
        return Entry(path: path, pack: result.pack, diagnostics: result.diagnostics)
    }

    /// The whole file read straight into the byte array the decoder takes: one copy of a large
    /// pack in memory, not two (`Data`, then `[UInt8]`).
    private static func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        bytes.reserveCapacity(Int(info.st_size))
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
