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
        guard let data = try? store()?.cachedPack(packID: packID, contentHash: contentHash),
              let header = CompiledPack.decodeHeader(data),
              header.pack.id == packID, header.pack.contentHash == contentHash
        else { return nil }
        return header
    }

    /// Stores the compiled form of a valid pack unless it is already there; false if it could not be.
    @discardableResult
    func compile(_ pack: Pack) -> Bool {
        guard let store = store() else { return false }
        if header(packID: pack.id, contentHash: pack.contentHash) != nil { return true }
        do {
            let rows = CompiledPackRows(
                packID: pack.id, contentHash: pack.contentHash, header: try CompiledPack.encodeHeader(of: pack),
                pools: CompiledPack.encodePools(of: pack),
                questions: pack.questions.map { ($0.id, CompiledPack.encode($0)) })
            let bytes = rows.header.count + rows.pools.reduce(0) { $0 + $1.data.count }
                + rows.questions.reduce(0) { $0 + $1.body.count + $1.id.utf8.count + PackCache.rowOverhead }
            guard PackCache.hasRoom(for: bytes, besides: store.location) else { return false }
            try store.storeCompiledPack(rows)
            return true
        } catch {
            return false
        }
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
        guard PackCache.identity(path: identity.path) == identity, !PackCache.isRacy(identity, now: now) else { return }
        try? store()?.recordPackFile(PackFileRecord(
            identity: identity, packID: pack.id, version: pack.version.description, contentHash: pack.contentHash))
    }

    /// Forgets a file that is gone or holds no valid pack.
    func forget(path: String) {
        try? store()?.forgetPackFile(path: PackCache.key(for: path))
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
