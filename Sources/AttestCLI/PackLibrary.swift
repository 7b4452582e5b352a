import AttestCore
import AttestStore
import Crypto
import Foundation

/// The packs a learner can use: found in the pack folders or loaded by path, validated,
/// and indexed by id (several versions of one pack may coexist; the newest is used).
///
/// Folders are only listed at start-up; files are examined the first time something needs
/// them, so the REPL's prompt appears at once. With a `PackCache`, a file seen before and
/// unchanged is not even read: its header comes from the store, and a quiz draws from the
/// compiled pools and fetches only the questions it asks. Commands that need whole packs
/// (`packs`, `allEntries`) still decode the files.
public final class PackLibrary: @unchecked Sendable {
    /// One pack file as loaded.
    public struct Entry: Sendable {
        public var path: String
        public var pack: Pack?
        public var diagnostics: [Diagnostic]

        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    /// A valid pack as the index knows it: id, version and content hash at once; its header, and
    /// whether its questions are compiled in the store, when first asked for.
    public struct IndexedPack: Sendable {
        public var path: String
        public let id: String
        public let version: SemanticVersion
        public let contentHash: String
        private let source: HeaderSource

        /// The pack; its `questions` are empty when `isCompiled`.
        public var header: Pack { source.resolved.header }
        public var questionCount: Int { source.resolved.questionCount }
        /// Whether quizzes draw from the store's compiled form (the file was not decoded).
        public var isCompiled: Bool { source.resolved.isCompiled }

        init(path: String, pack: Pack) {
            self.path = path
            id = pack.id
            version = pack.version
            contentHash = pack.contentHash
            source = HeaderSource(pack: pack)
        }

        init(path: String, record: PackFileRecord, version: SemanticVersion, cache: PackCache) {
            self.path = path
            id = record.packID
            self.version = version
            contentHash = record.contentHash
            source = HeaderSource {
                if let header = cache.header(packID: record.packID, contentHash: record.contentHash) {
                    return (header.pack, header.questionCount, true)
                }
                // A damaged header: the file serves, as for a pack never seen, and the compiled form is
                // rebuilt. A file that no longer holds a valid pack leaves only what the index knew,
                // with nothing to ask.
                guard let pack = PackLibrary.read(path: path).pack else {
                    let empty = Pack(id: record.packID, version: version, title: record.packID, skills: [], questions: [])
                    return (empty, 0, false)
                }
                if pack.contentHash == record.contentHash { cache.compileInBackground(pack, remembering: nil) }
                return (pack, pack.questions.count, false)
            }
        }
    }

    /// Decodes a compiled header the first time it is needed (most commands use one pack's).
    private final class HeaderSource: @unchecked Sendable {
        private var load: (() -> (header: Pack, questionCount: Int, isCompiled: Bool))?
        private var value: (header: Pack, questionCount: Int, isCompiled: Bool)?

        init(pack: Pack) {
            value = (pack, pack.questions.count, false)
        }

        init(load: @escaping () -> (header: Pack, questionCount: Int, isCompiled: Bool)) {
            self.load = load
        }

        var resolved: (header: Pack, questionCount: Int, isCompiled: Bool) {
            if let value { return value }
            let loaded = load!()
            value = loaded
            load = nil
            return loaded
        }
    }

    /// One pack file in the index: a valid pack's header, or the decoded entry of a broken file.
    private struct IndexEntry {
        var path: String
        var indexed: IndexedPack?
        /// The file as decoded in this process, when it was.
        var entry: Entry?
    }

    /// Files larger than this are refused before reading (a pack is text; 256 MB is far beyond any bank).
    public static let maximumFileSize = 256 * 1024 * 1024

    private let directories: [String]
    private let cache: PackCache?
    private var scanned = false
    private var index: [IndexEntry] = []

    public convenience init(directories: [String]) {
        self.init(directories: directories, cache: nil)
    }

    init(directories: [String], cache: PackCache?) {
        self.directories = directories
        self.cache = cache
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

    /// Every file loaded so far (reading the folders on first use), valid or not, fully decoded.
    public var allEntries: [Entry] {
        scanIfNeeded()
        return index.indices.map(fullEntry(at:))
    }

    /// Every valid pack, all versions, sorted by id then newest version first.
    public var packs: [Pack] {
        PackLibrary.sorted(allEntries.compactMap(\.pack))
    }

    /// The newest version of each pack id.
    public var newestPacks: [Pack] {
        var seen = Set<String>()
        return packs.filter { seen.insert($0.id).inserted }
    }

    /// Every valid pack, all versions, in the order of `packs`, without decoding seen files.
    public var indexedPacks: [IndexedPack] {
        scanIfNeeded()
        let indexed = index.compactMap(\.indexed)
        return indexed.sorted { $0.id != $1.id ? $0.id < $1.id : $0.version > $1.version }.compactMap { item in
            indexed.first { $0.id == item.id && $0.contentHash == item.contentHash }
        }
    }

    /// The files that hold no valid pack, with their diagnostics.
    public var brokenEntries: [Entry] {
        scanIfNeeded()
        return index.indices.filter { index[$0].indexed == nil }.map(fullEntry(at:))
    }

    /// The newest version of each pack id, as indexed.
    public var newestIndexedPacks: [IndexedPack] {
        var seen = Set<String>()
        return indexedPacks.filter { seen.insert($0.id).inserted }
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

    /// Finds a quiz like `quiz(_:)`, from the headers alone.
    public func indexedQuiz(_ reference: String) -> (IndexedPack, Quiz)? {
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        let newest = newestIndexedPacks
        if parts.count == 2, let indexed = newest.first(where: { $0.id == parts[0] }),
           let quiz = indexed.header.quiz(parts[1]) {
            return (indexed, quiz)
        }
        for indexed in newest {
            if let quiz = indexed.header.quiz(reference) { return (indexed, quiz) }
        }
        return nil
    }

    /// The whole pack an indexed pack stands for, decoding its file if this process has not;
    /// nil if the file no longer holds that pack version.
    public func fullPack(_ indexed: IndexedPack) -> Pack? {
        scanIfNeeded()
        guard let position = index.firstIndex(where: {
            $0.indexed?.id == indexed.id && $0.indexed?.contentHash == indexed.contentHash
        }) else { return nil }
        let pack = fullEntry(at: position).pack
        return pack?.contentHash == indexed.contentHash ? pack : nil
    }

    /// Draws `quiz` of `indexed` with `seed`: the plan, and the pack the quiz runs on. From a compiled
    /// pack, only the drawn questions are read (the returned pack holds just those); otherwise, or if
    /// the compiled form fails, from the whole pack.
    public func draw(_ quiz: Quiz, of indexed: IndexedPack, seed: UInt64) throws -> (Pack, QuizPlan) {
        let hash = indexed.contentHash
        if indexed.isCompiled, let cache, let pools = cache.pools(contentHash: hash, quizID: quiz.id),
           pools.questionCount == indexed.questionCount, pools.sections.count == quiz.sections.count {
            let draws = try pools.draw(quiz: quiz, seed: seed)
            if let questions = cache.questions(contentHash: hash, ordinals: draws.map(\.ordinal)) {
                var pack = indexed.header
                pack.questions = questions
                let plan = QuizPlan(
                    drawn: zip(questions, draws).map { ($0, $1.section) }, seed: seed,
                    shuffleOptions: quiz.shuffleOptions)
                return (pack, plan)
            }
        }
        let pack = try wholePack(indexed)
        return (pack, try QuizPlan(pack: pack, quiz: quiz, seed: seed))
    }

    /// Rebuilds a stored attempt's plan over `quiz` of `indexed`, reading only its questions from a
    /// compiled pack; the pack returned holds just those. Nil when the compiled form cannot serve it.
    public func rebuild(_ record: AttemptRecord, quiz: Quiz, of indexed: IndexedPack) -> (Pack, QuizPlan)? {
        let hash = indexed.contentHash
        guard indexed.isCompiled, let cache, indexed.header.quiz(quiz.id) == quiz,
              let pools = cache.pools(contentHash: hash, quizID: quiz.id),
              pools.questionCount == indexed.questionCount, pools.sections.count == quiz.sections.count,
              let found = cache.questions(contentHash: hash, ids: record.questionIDs),
              let plan = try? QuizPlan(rebuilding: record, questions: found, quiz: quiz, pools: pools)
        else { return nil }
        var pack = indexed.header
        pack.questions = found.values.sorted { $0.ordinal < $1.ordinal }.map(\.question)
        return (pack, plan)
    }

    /// The whole pack of `indexed`, or an error a learner can act on if its file changed meanwhile.
    public func wholePack(_ indexed: IndexedPack) throws -> Pack {
        if let pack = fullPack(indexed) { return pack }
        throw PackLibraryError.changed(path: indexed.path)
    }

    /// Reads, hashes and validates one file and adds it to the library.
    @discardableResult
    public func load(path: String) -> Entry {
        scanIfNeeded()
        let entry = PackLibrary.read(path: path)
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
        index.removeAll { URL(fileURLWithPath: $0.path).standardizedFileURL.path == resolved }
        index.append(IndexEntry(path: path, indexed: entry.pack.map { IndexedPack(path: path, pack: $0) }, entry: entry))
        return entry
    }

    private static func sorted(_ packs: [Pack]) -> [Pack] {
        packs.sorted { $0.id != $1.id ? $0.id < $1.id : $0.version > $1.version }
    }

    private func fullEntry(at position: Int) -> Entry {
        if let entry = index[position].entry { return entry }
        let entry = PackLibrary.read(path: index[position].path)
        index[position].entry = entry
        return entry
    }

    private func scanIfNeeded() {
        guard !scanned else { return }
        scanned = true
        let paths = packFiles()
        let known = cache?.knownFiles(paths) ?? [:]
        index = paths.map { path in indexEntry(path: path, known: known[path]) }
    }

    /// A file whose identity matches what the store remembers comes from its compiled form, its
    /// header decoded when first needed; any other is decoded and, when valid, compiled and remembered
    /// in the background (the caller uses the decoded pack meanwhile).
    private func indexEntry(path: String, known: PackFileRecord?) -> IndexEntry {
        let identity = PackCache.identity(path: path)
        if let cache, let identity, let known, known.identity == identity,
           let version = SemanticVersion(known.version) {
            return IndexEntry(
                path: path, indexed: IndexedPack(path: path, record: known, version: version, cache: cache), entry: nil)
        }
        let entry = PackLibrary.read(path: path)
        guard let pack = entry.pack else {
            if known != nil { cache?.forget(path: path) }
            return IndexEntry(path: path, indexed: nil, entry: entry)
        }
        if let cache, let identity { cache.compileInBackground(pack, remembering: identity) }
        return IndexEntry(path: path, indexed: IndexedPack(path: path, pack: pack), entry: entry)
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
    static func readBytes(_ path: String) -> [UInt8]? {
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

/// Why a pack found at start could not be used later.
public enum PackLibraryError: LocalizedError {
    case changed(path: String)

    public var errorDescription: String? {
        switch self {
        case let .changed(path):
            "The pack file \(path) changed or disappeared while Attest was using it; run the command again."
        }
    }
}
