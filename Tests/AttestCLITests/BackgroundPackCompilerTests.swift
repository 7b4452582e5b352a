@testable import AttestCLI
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// A pack seen for the first time is compiled on the background thread in short transactions: the rows
/// are those one transaction would store, the learner's journal is never stuck behind it, a kill in the
/// middle leaves a sound store and no half form in use, and a one-shot command ends only once it is done.
@Suite("BackgroundPackCompiler", .serialized)
struct BackgroundPackCompilerTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("attest-compiler-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func open(_ name: String) throws -> AttestDatabase {
        try AttestDatabase.open(path: root.appendingPathComponent(name).path)
    }

    /// Every stored row of a compiled pack but its header, through the same reads a quiz uses.
    static func storedRows(_ store: AttestDatabase, _ pack: Pack) throws -> [Data?] {
        let hash = pack.contentHash
        let questions = try store.compiledQuestions(contentHash: hash, ordinals: Array(0..<(pack.questions.count + 5)))
        return (try pack.quizzes.map { try store.compiledPools(contentHash: hash, quizID: $0.id) })
            + (0..<(pack.questions.count + 5)).map { questions[$0] }
    }

    @Test func aBackgroundCompileStoresTheRowsOneTransactionWould() throws {
        let pack = try #require(GeneratedPack.make(questionCount: 2 * PackCache.questionsPerTransaction + 321))
        let background = try open("background.sqlite")
        let whole = try open("whole.sqlite")
        defer {
            try? background.close()
            try? whole.close()
        }
        // Leftovers of an interrupted compile of the same pack are replaced, not kept.
        try background.storeCompiledQuestions(contentHash: pack.contentHash, from: 0, [("stale", Data([7]))])
        PackCache { background }.compileInBackground(pack, remembering: nil)
        BackgroundPackCompiler.shared.finishPendingWork()
        try whole.storeCompiledPack(CompiledPackRows(
            packID: pack.id, contentHash: pack.contentHash, header: try CompiledPack.encodeHeader(of: pack),
            pools: CompiledPack.encodePools(of: pack), questions: pack.questions.map { ($0.id, CompiledPack.encode($0)) }))
        // The header is JSON, whose key order may vary: compared by value.
        let header = try #require(PackCache { background }.header(packID: pack.id, contentHash: pack.contentHash))
        #expect(header == PackCache { whole }.header(packID: pack.id, contentHash: pack.contentHash))
        let rows = try Self.storedRows(background, pack)
        #expect(rows.compactMap { $0 }.count == pack.quizzes.count + pack.questions.count)
        let expected = try Self.storedRows(whole, pack)
        #expect(rows.count == expected.count)
        let differing = zip(rows, expected).enumerated().filter { $1.0 != $1.1 }.map(\.offset)
        #expect(differing.isEmpty, "rows that differ: \(differing.prefix(5)) of \(differing.count)")
    }

    @Test func aHeaderIsNeverStoredWithoutAllItsQuestions() throws {
        let store = try open("partial.sqlite")
        defer { try? store.close() }
        let pack = try #require(GeneratedPack.make(questionCount: 300))
        let rows = CompiledPackRows(
            packID: pack.id, contentHash: pack.contentHash, header: try CompiledPack.encodeHeader(of: pack),
            pools: CompiledPack.encodePools(of: pack), questions: pack.questions.map { ($0.id, CompiledPack.encode($0)) })
        try store.beginCompiledPack(contentHash: pack.contentHash)
        try store.storeCompiledQuestions(contentHash: pack.contentHash, from: 0, Array(rows.questions[0..<200]))
        #expect(try !store.finishCompiledPack(rows.withoutQuestions, questionCount: 300, file: nil))
        #expect(try !store.hasCompiledPack(packID: pack.id, contentHash: pack.contentHash))
        // Another process's sweep may delete the rows of a compile in flight: the header is then refused too.
        try store.storeCompiledQuestions(contentHash: pack.contentHash, from: 200, Array(rows.questions[200...]))
        #expect(try store.sweepHeaderlessCompiledRows(limit: 7) == 7)
        #expect(try !store.finishCompiledPack(rows.withoutQuestions, questionCount: 300, file: nil))
        PackCache.sweep(store)
        #expect(try store.compiledQuestions(contentHash: pack.contentHash, ordinals: Array(0..<300)).isEmpty)
    }

    @Test func anAnswerJournaledDuringACompileIsNotHeldUp() throws {
        let pack = try #require(GeneratedPack.make(questionCount: 6_000))
        let store = try open("journal.sqlite")
        defer { try? store.close() }
        let start = Date()
        try store.startAttempt(AttemptRecord(
            id: "a", learner: "ada", packID: pack.id, packVersion: "1.0.0", packHash: pack.contentHash, quizID: "exam",
            mode: .exam, seed: 1, questionIDs: ["q-0"], startedAt: start))
        PackCache { store }.compileInBackground(pack, remembering: nil)
        let done = Done()
        BackgroundPackCompiler.shared.submit { done.set() }
        var waits: [Double] = []
        while !done.isSet {
            let began = Date()
            try store.recordResponse(ResponseRecord(
                attemptID: "a", position: 0, questionID: "q-0", outcome: .answered, given: "a", selection: [0],
                score: 1, points: 1, maxPoints: 1, skills: [SkillWeight(skill: "skill-0", weight: 1)], difficulty: .easy,
                shownAt: start, answeredAt: start))
            waits.append(Date().timeIntervalSince(began))
        }
        BackgroundPackCompiler.shared.finishPendingWork()
        #expect(try store.hasCompiledPack(packID: pack.id, contentHash: pack.contentHash))
        #expect(try store.compiledQuestions(contentHash: pack.contentHash, ordinals: Array(0..<6_000)).count == 6_000)
        #expect(try store.responseJournal(attemptID: "a").count == waits.count)
        #expect(waits.count > 1)
        print("answers journaled during the compile: \(waits.count), worst wait \(Int((waits.max() ?? 0) * 1000)) ms")
    }

    @Test func aProcessKilledInTheMiddleOfACompileLeavesASoundStore() throws {
        let sandbox = try AttestSandbox()
        let path = try sandbox.write(GeneratedPack.json(id: "big", questionCount: 12_000), to: "packs/big.json")
        usleep(80_000)
        let pack = try #require(PackLibrary.read(path: path).pack)
        let folder = (path as NSString).deletingLastPathComponent
        let seed = "11"
        let take = try LiveAttest(sandbox, ["--packs", folder, "take", "big/listed", "--seed", seed])
        let observer = try AttestDatabase.open(path: sandbox.storePath)
        defer { try? observer.close() }
        let partial = take.wait { _ in
            (try? observer.compiledQuestions(contentHash: pack.contentHash, ordinals: [0]).isEmpty) == false
        }
        take.kill()
        try #require(partial, "\(take.standardError)")
        #expect(try !observer.hasCompiledPack(packID: "big", contentHash: pack.contentHash))
        #expect(try observer.compiledQuestions(contentHash: pack.contentHash, ordinals: Array(0..<12_000)).count < 12_000)
        #expect(observer.check().isEmpty)
        let answers = try ShippedPacks.answers(pack: pack, quiz: "listed", seed: 11)
        let file = try sandbox.write(answers.joined(separator: "\n") + "\n", to: "answers.txt")
        for _ in 0..<2 {
            let run = try sandbox.run(["--packs", folder, "take", "big/listed", "--seed", seed, "--answers", file, "--json"])
            let result = try #require(
                try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], "\(run.standardError)")
            #expect(result["score"] as? Double == 1)
            // The command ended only after the compile it started: the next run finds the pack seen.
            #expect(try observer.hasCompiledPack(packID: "big", contentHash: pack.contentHash))
            #expect(try observer.packFiles(paths: [path])[path]?.contentHash == pack.contentHash)
        }
        #expect(try observer.compiledQuestions(contentHash: pack.contentHash, ordinals: Array(0..<12_000)).count == 12_000)
        #expect(observer.check().isEmpty)
    }
}

/// A flag set by the background thread and read by the test's.
private final class Done: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() {
        lock.withLock { value = true }
    }
}
