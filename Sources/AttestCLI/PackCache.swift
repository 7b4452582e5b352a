import AttestCore
import AttestStore
import Foundation

/// The store's memory of pack files, so a pack seen before is neither read nor decoded again.
///
/// Like git's index: each pack file's identity (size, mtime and ctime in nanoseconds, inode,
/// device) is stored with the content hash it had; while the identity matches, the hash is
/// trusted without reading the file, and the compiled form stored under that hash (header,
/// quiz pools, one row per question) serves listings and quizzes. Any difference means the file
/// is read, hashed, decoded and validated again. A file changed within `racyInterval` of being
/// read is not remembered, since a second same-size write in the same clock tick would keep its
/// identity. Every cache failure (no store, read-only store, full disk, damaged rows) is
/// swallowed: the caller falls back to the pack file, and a learner never sees a cache error.
final class PackCache: @unchecked Sendable {
    /// How recent a change must be for the identity to be untrustworthy: a coarse kernel clock tick is
    /// at most 10 ms; file systems without sub-second times (mtime's nanoseconds all 0) get 2 s.
    static let racyInterval: Int64 = 50_000_000
    static let racyIntervalWholeSeconds: Int64 = 2_000_000_000

    private let store: () -> AttestDatabase?

    /// `store` gives the open store, or nil when there is none to use.
    init(store: @escaping () -> AttestDatabase?) {
        self.store = store
    }

    /// The absolute, standardized path a file is remembered by (`--packs` may be given relative).
    static func key(for path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The identity of the file at `path` now (under its `key(for:)`), or nil if it cannot be examined.
    static func identity(path: String) -> PackFileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return PackFileIdentity(
            path: key(for: path), size: Int64(info.st_size),
            modifiedNs: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            changedNs: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
            inode: Int64(bitPattern: UInt64(info.st_ino)), device: Int64(bitPattern: UInt64(info.st_dev)))
    }

    /// What the store remembers of these files (whose compiled packs it holds), by the paths given.
    func knownFiles(_ paths: [String]) -> [String: PackFileRecord] {
        let keys = paths.map(PackCache.key(for:))
        guard let found = try? store()?.packFiles(paths: keys) else { return [:] }
        var known: [String: PackFileRecord] = [:]
        for (path, key) in zip(paths, keys) { known[path] = found[key] }
        return known
    }

    /// The compiled header of a pack version, if stored intact.
    func header(packID: String, contentHash: String) -> CompiledPack.Header? {
        store().flatMap { PackCache.header(in: $0, packID: packID, contentHash: contentHash) }
    }

    static func header(in store: AttestDatabase, packID: String, contentHash: String) -> CompiledPack.Header? {
        guard let data = try? store.cachedPack(packID: packID, contentHash: contentHash),
              let header = CompiledPack.decodeHeader(data),
              header.pack.id == packID, header.pack.contentHash == contentHash
        else { return nil }
        return header
    }

    /// Stores the compiled form of a valid pack unless it is already there, on the calling thread; false
    /// if it could not be.
    @discardableResult
    func compile(_ pack: Pack) -> Bool {
        guard let store = store() else { return false }
        return PackCache.compile(pack, into: store, remembering: nil)
    }

    /// Hands the compile of a valid pack — then, when `identity` is given and still the file's, remembering
    /// that file as holding it — to the process's background compiler, and returns at once. The store is
    /// taken here, on the calling thread.
    func compileInBackground(_ pack: Pack, remembering identity: PackFileIdentity?) {
        guard let store = store() else { return }
        BackgroundPackCompiler.shared.submit {
            PackCache.compile(pack, into: store, remembering: identity)
            PackCache.sweep(store)
        }
    }

    /// Questions written per transaction: each takes a few milliseconds, so an answer journaled meanwhile
    /// (through the same connection) waits at most that long.
    static let questionsPerTransaction = 2_000

    /// Writes the compiled form of `pack` in short transactions — questions in chunks, then pools, header
    /// and the file record together — unless it is stored already; a header is only ever stored with all
    /// its questions. After each chunk the write-ahead log is checkpointed from another connection, so
    /// the writer never stops for a long automatic checkpoint. False if it could not be stored.
    @discardableResult
    static func compile(_ pack: Pack, into store: AttestDatabase, remembering identity: PackFileIdentity?) -> Bool {
        let file = { identity.flatMap { PackCache.record(of: $0, holding: pack, now: Date()) } }
        if PackCache.header(in: store, packID: pack.id, contentHash: pack.contentHash) != nil {
            if let record = file() { try? store.recordPackFile(record) }
            return true
        }
        do {
            let rows = CompiledPackRows(
                packID: pack.id, contentHash: pack.contentHash, header: try CompiledPack.encodeHeader(of: pack),
                pools: CompiledPack.encodePools(of: pack),
                questions: pack.questions.map { ($0.id, CompiledPack.encode($0)) })
            let bytes = rows.header.count + rows.pools.reduce(0) { $0 + $1.data.count }
                + rows.questions.reduce(0) { $0 + $1.body.count + $1.id.utf8.count + PackCache.rowOverhead }
            guard PackCache.hasRoom(for: bytes, besides: store.location) else { return false }
            let checkpointer = StoreCheckpointer(store: store)
            defer {
                checkpointer?.checkpoint()
                checkpointer?.close()
            }
            try store.beginCompiledPack(contentHash: pack.contentHash)
            for first in stride(from: 0, to: rows.questions.count, by: questionsPerTransaction) {
                let chunk = rows.questions[first..<min(first + questionsPerTransaction, rows.questions.count)]
                try store.storeCompiledQuestions(contentHash: pack.contentHash, from: first, Array(chunk))
                checkpointer?.checkpoint()
            }
            return try store.finishCompiledPack(rows.withoutQuestions, questionCount: rows.questions.count, file: file())
        } catch {
            return false
        }
    }

    /// Deletes, in short transactions, the question rows no header claims any more.
    static func sweep(_ store: AttestDatabase) {
        while let deleted = try? store.sweepHeaderlessCompiledRows(limit: questionsPerTransaction), deleted > 0 {}
    }

    /// Index entries and page slack per stored question, roughly.
    static let rowOverhead = 200
    /// Free space a compiled pack must leave for the learner's own answers.
    static let spareBytes = 8 * 1024 * 1024

    /// Whether the disk holding the store has room for a compiled pack of `bytes` three times over (the
    /// write-ahead log, then the store file at checkpoint, with slack) and the learner's answers still:
    /// a cache must never fill the disk the answers are journaled on. Unknown disks (an in-memory store) pass.
    static func hasRoom(for bytes: Int, besides storePath: String) -> Bool {
        var info = statvfs()
        guard statvfs((storePath as NSString).deletingLastPathComponent, &info) == 0 else { return true }
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        return free >= 3 * bytes + spareBytes
    }

    /// Remembers that the file with `identity` (taken before it was read) holds `pack`, when the file
    /// still has that identity and its last change is old enough to be trusted.
    func remember(_ identity: PackFileIdentity, holds pack: Pack, now: Date = Date()) {
        guard let record = PackCache.record(of: identity, holding: pack, now: now) else { return }
        try? store()?.recordPackFile(record)
    }

    /// What to remember of the file with `identity` holding `pack`: nil if the file changed since, or so
    /// recently that its identity cannot be trusted yet.
    static func record(of identity: PackFileIdentity, holding pack: Pack, now: Date) -> PackFileRecord? {
        guard PackCache.identity(path: identity.path) == identity, !PackCache.isRacy(identity, now: now) else { return nil }
        return PackFileRecord(
            identity: identity, packID: pack.id, version: pack.version.description, contentHash: pack.contentHash)
    }

    /// Forgets a file that is gone or holds no valid pack; the question rows of its compiled pack are
    /// deleted in the background.
    func forget(path: String) {
        guard let store = store(), (try? store.forgetPackFile(path: PackCache.key(for: path))) != nil else { return }
        BackgroundPackCompiler.shared.submit { PackCache.sweep(store) }
    }

    /// Whether the file changed so recently that a same-size write could follow unnoticed.
    static func isRacy(_ identity: PackFileIdentity, now: Date) -> Bool {
        let nowNs = Int64(now.timeIntervalSince1970 * 1e9)
        let wholeSeconds = identity.modifiedNs % 1_000_000_000 == 0 && identity.changedNs % 1_000_000_000 == 0
        let interval = wholeSeconds ? racyIntervalWholeSeconds : racyInterval
        return nowNs - max(identity.modifiedNs, identity.changedNs) < interval
    }

    /// The section pools of one quiz of a compiled pack.
    func pools(contentHash: String, quizID: String) -> QuizPools? {
        (try? store()?.compiledPools(contentHash: contentHash, quizID: quizID)).flatMap(CompiledPack.decodePools)
    }

    /// The questions at `ordinals` of a compiled pack, in that order; nil unless every one is stored intact.
    func questions(contentHash: String, ordinals: [Int]) -> [Question]? {
        guard let found = try? store()?.compiledQuestions(contentHash: contentHash, ordinals: ordinals) else {
            return nil
        }
        var questions: [Question] = []
        for ordinal in ordinals {
            guard let data = found[ordinal], let question = CompiledPack.decodeQuestion(data) else { return nil }
            questions.append(question)
        }
        return questions
    }

    /// The questions with `ids` of a compiled pack with their ordinals; nil unless every one is stored intact.
    func questions(contentHash: String, ids: [String]) -> [String: (ordinal: Int, question: Question)]? {
        guard let found = try? store()?.compiledQuestions(contentHash: contentHash, ids: ids) else { return nil }
        var questions: [String: (ordinal: Int, question: Question)] = [:]
        for id in ids where questions[id] == nil {
            guard let row = found[id], let question = CompiledPack.decodeQuestion(row.body), question.id == id else {
                return nil
            }
            questions[id] = (row.ordinal, question)
        }
        return questions
    }
}
