import AttestCore
@testable import AttestStore
import Foundation
import GRDB
import Testing

@Suite("AttestDatabase+CompiledPacks")
struct AttestDatabaseCompiledPacksTests {
    static func identity(_ path: String, size: Int64 = 100, modified: Int64 = 5) -> PackFileIdentity {
        PackFileIdentity(path: path, size: size, modifiedNs: modified, changedNs: modified + 1, inode: 9, device: -3)
    }

    static func rows(_ hash: String, questions: Int = 3) -> CompiledPackRows {
        CompiledPackRows(
            packID: "p", contentHash: hash, header: Data("header-\(hash)".utf8),
            pools: [("exam", Data([1, 2, 3])), ("drill", Data([4]))],
            questions: (0..<questions).map { ("q-\($0 % 2 == 0 ? $0 : 0)", Data("body-\($0)".utf8)) })
    }

    @Test func migrationV5AddsTheTables() throws {
        let store = try AttestDatabase.inMemory()
        let tables = try store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(Set(["pack_file", "pack_pool", "pack_question", "pack_cache"]).isSubset(of: tables))
        let applied = try store.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.contains("v5"))
    }

    @Test func onlyFilesWhoseCompiledPackIsStoredAreRemembered() throws {
        let store = try AttestDatabase.inMemory()
        try store.storeCompiledPack(Self.rows("h1"))
        try store.recordPackFile(PackFileRecord(identity: Self.identity("/a.json"), packID: "p", version: "1.0.0", contentHash: "h1"))
        try store.recordPackFile(PackFileRecord(identity: Self.identity("/b.json"), packID: "p", version: "1.0.0", contentHash: "h9"))
        #expect(try store.packFiles(paths: ["/a.json", "/b.json"]).keys.sorted() == ["/a.json"])
    }

    @Test func packFilesAreRememberedByPathAndReplaced() throws {
        let store = try AttestDatabase.inMemory()
        #expect(try store.packFiles(paths: ["/a.json"]).isEmpty)
        try store.storeCompiledPack(Self.rows("h1"))
        try store.recordPackFile(PackFileRecord(identity: Self.identity("/a.json"), packID: "p", version: "1.0.0", contentHash: "h1"))
        try store.recordPackFile(PackFileRecord(identity: Self.identity("/b.json"), packID: "p", version: "1.0.0", contentHash: "h1"))
        let found = try store.packFiles(paths: ["/a.json", "/b.json", "/c.json"])
        #expect(found.count == 2)
        #expect(found["/a.json"] == PackFileRecord(identity: Self.identity("/a.json"), packID: "p", version: "1.0.0", contentHash: "h1"))
        try store.storeCompiledPack(Self.rows("h2"))
        try store.recordPackFile(PackFileRecord(identity: Self.identity("/a.json", size: 7), packID: "p", version: "1.0.0", contentHash: "h2"))
        #expect(try store.packFiles(paths: ["/a.json"])["/a.json"]?.identity.size == 7)
        #expect(try store.packFiles(paths: ["/a.json"])["/a.json"]?.contentHash == "h2")
    }

    @Test func compiledRowsComeBackByOrdinalAndById() throws {
        let store = try AttestDatabase.inMemory()
        #expect(try !store.hasCompiledPack(packID: "p", contentHash: "h1"))
        try store.storeCompiledPack(Self.rows("h1", questions: 5))
        #expect(try store.hasCompiledPack(packID: "p", contentHash: "h1"))
        #expect(try store.cachedPack(packID: "p", contentHash: "h1") == Data("header-h1".utf8))
        #expect(try store.compiledPools(contentHash: "h1", quizID: "drill") == Data([4]))
        #expect(try store.compiledPools(contentHash: "h1", quizID: "nope") == nil)
        #expect(try store.compiledQuestions(contentHash: "h1", ordinals: [4, 1, 9]) == [
            4: Data("body-4".utf8), 1: Data("body-1".utf8),
        ])
        let byID = try store.compiledQuestions(contentHash: "h1", ids: ["q-0", "q-2", "zz"])
        #expect(byID.count == 2)
        #expect(byID["q-0"]?.ordinal == 0)  // ids repeat (ordinals 0, 1, 3): the first wins
        #expect(byID["q-0"]?.body == Data("body-0".utf8))
        #expect(byID["q-2"]?.ordinal == 2)
        #expect(try store.compiledQuestions(contentHash: "h2", ordinals: [0]).isEmpty)
    }

    @Test func storingAgainReplacesEveryRow() throws {
        let store = try AttestDatabase.inMemory()
        try store.storeCompiledPack(Self.rows("h1", questions: 5))
        var smaller = Self.rows("h1", questions: 2)
        smaller.pools = [("exam", Data([9]))]
        try store.storeCompiledPack(smaller)
        #expect(try store.compiledQuestions(contentHash: "h1", ordinals: [0, 1, 2, 3, 4]).count == 2)
        #expect(try store.compiledPools(contentHash: "h1", quizID: "drill") == nil)
        #expect(try store.compiledPools(contentHash: "h1", quizID: "exam") == Data([9]))
    }

    @Test func compiledPacksNoFileHoldsAreDropped() throws {
        let store = try AttestDatabase.inMemory()
        try store.storeCompiledPack(Self.rows("h1"))
        try store.storeCompiledPack(Self.rows("h2"))
        try store.recordPackFile(PackFileRecord(identity: Self.identity("/a.json"), packID: "p", version: "1.0.0", contentHash: "h1"))
        #expect(try store.hasCompiledPack(packID: "p", contentHash: "h1"))
        #expect(try !store.hasCompiledPack(packID: "p", contentHash: "h2"))
        #expect(try store.compiledPools(contentHash: "h2", quizID: "exam") == nil)
        // The many question rows of a dropped pack go in short sweeps, the rows of a pack in use stay.
        #expect(try store.sweepHeaderlessCompiledRows(limit: 2) == 2)
        #expect(try store.sweepHeaderlessCompiledRows(limit: 2) == 1)
        #expect(try store.sweepHeaderlessCompiledRows(limit: 2) == 0)
        #expect(try store.compiledQuestions(contentHash: "h2", ordinals: [0, 1, 2]).isEmpty)
        #expect(try store.compiledQuestions(contentHash: "h1", ordinals: [0, 1, 2]).count == 3)
        try store.forgetPackFile(path: "/a.json")
        #expect(try store.packFiles(paths: ["/a.json"]).isEmpty)
        #expect(try !store.hasCompiledPack(packID: "p", contentHash: "h1"))
        #expect(try store.compiledPools(contentHash: "h1", quizID: "exam") == nil)
        #expect(try store.sweepHeaderlessCompiledRows(limit: 100, sparing: "h1") == 0)
        #expect(try store.sweepHeaderlessCompiledRows(limit: 100) == 3)
    }

    @Test func clearingThePackCacheForgetsFilesAndCompiledRows() throws {
        let store = try AttestDatabase.inMemory()
        try store.storeCompiledPack(Self.rows("h1"))
        try store.recordPackFile(PackFileRecord(identity: Self.identity("/a.json"), packID: "p", version: "1.0.0", contentHash: "h1"))
        #expect(try store.clearPackCache() == 1)
        #expect(try store.packFiles(paths: ["/a.json"]).isEmpty)
        #expect(try !store.hasCompiledPack(packID: "p", contentHash: "h1"))
        #expect(try store.compiledQuestions(contentHash: "h1", ordinals: [0, 1, 2]).isEmpty)
        #expect(try store.compiledPools(contentHash: "h1", quizID: "exam") == nil)
    }
}
