@testable import AttestCLI
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// A pack seen before is served from the store's compiled form; any change to its file — an edit of
/// the same size, a replacement, a deletion — or a damaged or unwritable cache gives the file's
/// current content, never a stale question.
@Suite("PackCache", .serialized)
struct PackCacheTests {
    let root: URL
    var folder: String { root.appendingPathComponent("packs").path }
    var storePath: String { root.appendingPathComponent("attest.sqlite").path }
    var packPath: String { folder + "/generated.json" }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("attest-packcache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root.appendingPathComponent("packs").path, withIntermediateDirectories: true)
    }

    /// Writes the generated pack (and waits out the interval in which a file change is too recent to trust).
    func writePack(variant: Int = 0, questions: Int = 600, to path: String? = nil) throws {
        try GeneratedPack.json(questionCount: questions, variant: variant).write(
            toFile: path ?? packPath, atomically: false, encoding: .utf8)
        usleep(80_000)
    }

    /// A library as a new process would build it, over an open store; like the process, it waits for the
    /// packs it compiles in the background before it ends.
    func withLibrary<T>(_ body: (PackLibrary, AttestDatabase) throws -> T) throws -> T {
        let store = try AttestDatabase.open(path: storePath)
        defer {
            BackgroundPackCompiler.shared.finishPendingWork()
            try? store.close()
        }
        return try body(PackLibrary(directories: [folder], cache: PackCache { store }), store)
    }

    func decoded(_ path: String) throws -> Pack {
        try #require(PackLibrary.read(path: path).pack)
    }

    static func expectSameDraws(_ library: PackLibrary, _ indexed: PackLibrary.IndexedPack, as pack: Pack) throws {
        for quiz in pack.quizzes {
            for seed: UInt64 in [1, 2, 3, 99] {
                let (drawnPack, plan) = try library.draw(quiz, of: indexed, seed: seed)
                let expected = try QuizPlan(pack: pack, quiz: quiz, seed: seed)
                #expect(plan == expected, "\(quiz.id) seed \(seed)")
                #expect(plan.entries.map { drawnPack.question($0.questionID) } == expected.entries.map { pack.question($0.questionID) })
                #expect(drawnPack.contentHash == pack.contentHash)
            }
        }
    }

    @Test func aSeenPackIsServedFromTheStoreAndDrawsLikeItsFile() throws {
        try writePack()
        let shipped = try #require(ShippedPacks.paths.first)
        try FileManager.default.copyItem(atPath: shipped, toPath: folder + "/shipped.json")
        usleep(80_000)
        try withLibrary { library, _ in #expect(library.indexedPacks.allSatisfy { !$0.isCompiled }) }
        try withLibrary { library, _ in
            let indexed = library.indexedPacks
            #expect(indexed.count == 2)
            #expect(indexed.allSatisfy { $0.isCompiled })
            for item in indexed {
                let pack = try decoded(item.path)
                var header = pack
                header.questions = []
                #expect(item.header == header)
                #expect(item.questionCount == pack.questions.count)
                try Self.expectSameDraws(library, item, as: pack)
            }
            #expect(library.packs == indexed.compactMap { try? decoded($0.path) })
        }
        // Another spelling of the same folder finds the same remembered files.
        let store = try AttestDatabase.open(path: storePath)
        defer { try? store.close() }
        let other = PackLibrary(directories: [folder + "/../packs/."], cache: PackCache { store })
        #expect(other.indexedPacks.count == 2 && other.indexedPacks.allSatisfy { $0.isCompiled })
    }

    @Test func onlyTheHeaderOfThePackInUseIsDecoded() throws {
        try writePack()
        let shipped = try #require(ShippedPacks.paths.first)
        try FileManager.default.copyItem(atPath: shipped, toPath: folder + "/shipped.json")
        usleep(80_000)
        try withLibrary { library, _ in _ = library.indexedPacks }
        let generated = try decoded(packPath)
        let other = try decoded(folder + "/shipped.json")
        try withLibrary { _, store in
            try store.storeCompiledPack(Self.rows(of: generated, header: Data([0])))
        }
        try withLibrary { library, store in
            let quiz = try #require(other.quizzes.first)
            let (indexed, found) = try #require(library.indexedQuiz("\(other.id)/\(quiz.id)"))
            #expect(indexed.isCompiled && found == quiz)
            // The damaged header was never needed, so never read (reading it would have rebuilt it).
            #expect(try store.cachedPack(packID: generated.id, contentHash: generated.contentHash) == Data([0]))
            #expect(library.indexedPacks.map(\.id).sorted() == [generated.id, other.id].sorted())
        }
    }

    @Test func aResumedAttemptIsRebuiltFromItsQuestionsAlone() throws {
        try writePack()
        try withLibrary { library, _ in _ = library.indexedPacks }
        try withLibrary { library, _ in
            let indexed = try #require(library.indexedPacks.first)
            #expect(indexed.isCompiled)
            let pack = try decoded(packPath)
            for quiz in pack.quizzes {
                let plan = try QuizPlan(pack: pack, quiz: quiz, seed: 5)
                let record = AttemptRecord(
                    id: "a", learner: "ada", packID: pack.id, packVersion: "1.0.0", packHash: pack.contentHash,
                    quizID: quiz.id, mode: quiz.mode, seed: 5, questionIDs: plan.questionIDs,
                    startedAt: Date(timeIntervalSince1970: 0))
                let (slim, rebuilt) = try #require(library.rebuild(record, quiz: quiz, of: indexed))
                #expect(rebuilt == (try QuizPlan(rebuilding: record, pack: pack, quiz: quiz)))
                #expect(Set(slim.questions.map(\.id)) == Set(plan.questionIDs))
            }
        }
    }

    @Test func anEditOfTheSameSizeIsNoticedEvenWithItsOldModificationTime() throws {
        try writePack(variant: 1)
        try withLibrary { library, _ in _ = library.indexedPacks }
        var before = stat()
        #expect(stat(packPath, &before) == 0)
        try writePack(variant: 2)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, packPath, &times, 0) == 0)
        var after = stat()
        #expect(stat(packPath, &after) == 0)
        #expect(after.st_size == before.st_size)
        #expect(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec && after.st_mtim.tv_sec == before.st_mtim.tv_sec)
        usleep(80_000)
        let current = try decoded(packPath)
        let exam = try #require(current.quiz("exam"))
        let record = AttemptRecord(
            id: "a", learner: "ada", packID: current.id, packVersion: "1.0.0", packHash: current.contentHash,
            quizID: "exam", mode: .exam, seed: 5, questionIDs: ["q-0"], startedAt: Date(timeIntervalSince1970: 0))
        for pass in 0..<2 {
            try withLibrary { library, _ in
                let indexed = try #require(library.indexedPacks.first)
                #expect(indexed.isCompiled == (pass == 1))
                #expect(indexed.header.contentHash == current.contentHash)
                let pack = indexed.isCompiled ? library.rebuild(record, quiz: exam, of: indexed)?.0 : library.fullPack(indexed)
                #expect(pack?.question("q-0")?.prompt.contains("(2)") == true)
            }
        }
    }

    @Test func aReplacedOrDeletedFileIsNoticed() throws {
        try writePack(variant: 3)
        try withLibrary { library, _ in _ = library.indexedPacks }
        try withLibrary { library, _ in #expect(library.indexedPacks.first?.isCompiled == true) }
        let replacement = root.appendingPathComponent("replacement.json").path
        try writePack(variant: 4, questions: 700, to: replacement)
        #expect(rename(replacement, packPath) == 0)
        try withLibrary { library, _ in
            let indexed = try #require(library.indexedPacks.first)
            #expect(indexed.questionCount == 700)
            try Self.expectSameDraws(library, indexed, as: try decoded(packPath))
        }
        try FileManager.default.removeItem(atPath: packPath)
        try withLibrary { library, _ in
            #expect(library.indexedPacks.isEmpty)
            #expect(library.indexedQuiz("generated/exam") == nil)
        }
    }

    @Test func damagedCacheRowsFallBackToTheFile() throws {
        try writePack()
        try withLibrary { library, _ in _ = library.indexedPacks }
        let pack = try decoded(packPath)
        try withLibrary { _, store in
            try store.storeCompiledPack(Self.rows(of: pack, header: Data([0])))
        }
        try withLibrary { library, _ in
            let indexed = try #require(library.indexedPacks.first)
            #expect(!indexed.isCompiled)
            try Self.expectSameDraws(library, indexed, as: pack)
        }
        // Rebuilt by that pass; now damage the questions and the pools but keep the header.
        try withLibrary { _, store in
            let header = try #require(try store.cachedPack(packID: pack.id, contentHash: pack.contentHash))
            try store.storeCompiledPack(CompiledPackRows(
                packID: pack.id, contentHash: pack.contentHash, header: header,
                pools: pack.quizzes.enumerated().map { ($1.id, $0 == 0 ? Data([1, 2]) : CompiledPack.encode(QuizPools(pack: pack, quiz: $1))) },
                questions: pack.questions.map { ($0.id, Data("not a question".utf8)) }))
        }
        try withLibrary { library, _ in
            let indexed = try #require(library.indexedPacks.first)
            #expect(indexed.isCompiled)
            try Self.expectSameDraws(library, indexed, as: pack)
            let record = AttemptRecord(
                id: "a", learner: "ada", packID: pack.id, packVersion: "1.0.0", packHash: pack.contentHash,
                quizID: "exam", mode: .exam, seed: 5, questionIDs: ["q-1"], startedAt: Date(timeIntervalSince1970: 0))
            #expect(library.rebuild(record, quiz: try #require(pack.quiz("exam")), of: indexed) == nil)
        }
    }

    @Test func withoutAWritableStoreTheFileServes() throws {
        try writePack()
        let pack = try decoded(packPath)
        let none = PackLibrary(directories: [folder], cache: PackCache { nil })
        try Self.expectSameDraws(none, try #require(none.indexedPacks.first), as: pack)
        try AttestDatabase.open(path: storePath).close()
        #expect(chmod(storePath, 0o444) == 0)
        defer { chmod(storePath, 0o600) }
        let readOnly = try? AttestDatabase.open(path: storePath)
        for _ in 0..<2 {
            let library = PackLibrary(directories: [folder], cache: PackCache { readOnly })
            let indexed = try #require(library.indexedPacks.first)
            #expect(!indexed.isCompiled)
            try Self.expectSameDraws(library, indexed, as: pack)
        }
    }

    @Test func aCompiledPackThatWouldCrowdTheDiskIsNotWritten() throws {
        #expect(PackCache.hasRoom(for: 1_000, besides: storePath))
        #expect(!PackCache.hasRoom(for: Int.max / 8, besides: storePath))
        #expect(PackCache.hasRoom(for: Int.max / 8, besides: "in-memory store"))
    }

    @Test func aFileChangedJustNowIsNotTrusted() throws {
        try GeneratedPack.json(questionCount: 100).write(toFile: packPath, atomically: false, encoding: .utf8)
        let pack = try decoded(packPath)
        let identity = try #require(PackCache.identity(path: packPath))
        let changed = Double(identity.changedNs) / 1e9
        try withLibrary { (_, store) throws -> Void in
            let cache = PackCache { store }
            #expect(cache.compile(pack))
            cache.remember(identity, holds: pack, now: Date(timeIntervalSince1970: changed + 0.01))
            #expect(try store.packFiles(paths: [packPath]).isEmpty)
            var moved = identity
            moved.size += 1
            cache.remember(moved, holds: pack, now: Date(timeIntervalSince1970: changed + 1))
            #expect(try store.packFiles(paths: [packPath]).isEmpty)
            cache.remember(identity, holds: pack, now: Date(timeIntervalSince1970: changed + 1))
            #expect(try store.packFiles(paths: [packPath])[packPath]?.contentHash == pack.contentHash)
        }
        var whole = identity
        whole.modifiedNs = 1_700_000_000_000_000_000
        whole.changedNs = whole.modifiedNs
        #expect(PackCache.isRacy(whole, now: Date(timeIntervalSince1970: 1_700_000_001.5)))
        #expect(!PackCache.isRacy(whole, now: Date(timeIntervalSince1970: 1_700_000_002.5)))
    }

    /// The compiled rows of `pack` with `header` in place of its real one (a damaged header).
    static func rows(of pack: Pack, header: Data) -> CompiledPackRows {
        CompiledPackRows(
            packID: pack.id, contentHash: pack.contentHash, header: header, pools: CompiledPack.encodePools(of: pack),
            questions: pack.questions.map { ($0.id, CompiledPack.encode($0)) })
    }
}
