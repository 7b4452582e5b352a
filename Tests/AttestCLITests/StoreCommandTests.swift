import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// `attest store …` on the real binary.
@Suite("StoreCommand")
struct StoreCommandTests {
    @Test func clearCacheForgetsCompiledPacksKeepsAnswersAndTheyAreRebuilt() throws {
        let sandbox = try AttestSandbox()
        let answers = try sandbox.write(
            try ShippedPacks.answers(pack: try #require(ShippedPacks.pack("data-analytics")), quiz: "data-analytics-quick-check", seed: 3)
                .joined(separator: "\n") + "\n",
            to: "answers.txt")
        let taken = try sandbox.run(["take", "data-analytics-quick-check", "--seed", "3", "--answers", answers])
        #expect(taken.status == 0, "\(taken.standardError)")
        // The one-shot command waited for its background compile: every bundled pack is compiled.
        func compiledFiles() throws -> Int {
            let store = try AttestDatabase.open(path: sandbox.storePath)
            defer { try? store.close() }
            return try store.packFiles(paths: ShippedPacks.paths).count
        }
        #expect(try compiledFiles() == ShippedPacks.paths.count)

        let cleared = try sandbox.run(["store", "clear-cache"])
        #expect(cleared.status == 0, "\(cleared.standardError)")
        #expect(cleared.standardOutput.contains("Cleared \(ShippedPacks.paths.count) compiled packs"))
        #expect(try compiledFiles() == 0)
        let store = try AttestDatabase.open(path: sandbox.storePath)
        #expect(try store.attempts(learner: "ada").count == 1, "the attempt is kept")
        try store.close()

        let listed = try sandbox.run(["packs"])
        #expect(listed.status == 0 && listed.standardOutput.contains("data-analytics"))
        #expect(try compiledFiles() == ShippedPacks.paths.count)
    }

    @Test func aScriptOnAnExistingStoreListsPacksThroughTheCacheButNeverCreatesAStore() throws {
        let sandbox = try AttestSandbox()
        func compiledFiles() throws -> Int {
            let store = try AttestDatabase.open(path: sandbox.storePath)
            defer { try? store.close() }
            return try store.packFiles(paths: ShippedPacks.paths).count
        }
        let first = try sandbox.run([], input: "packs\nquit\n")
        #expect(first.status == 0, "\(first.standardError)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath), "listing packs created a store")

        try AttestDatabase.open(path: sandbox.storePath).close()
        let second = try sandbox.run([], input: "packs\nquit\n")
        #expect(second.status == 0 && second.standardOutput.contains("data-analytics-exam"), "\(second.standardError)")
        #expect(try compiledFiles() == ShippedPacks.paths.count)
    }
}
