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

    @Test func backupNamesTheForceFlagAndAMissingPacksFolderIsAnError() throws {
        let sandbox = try AttestSandbox()
        let path = try sandbox.write("", to: "copy.sqlite")
        _ = try sandbox.run(["learner"])
        let refused = try sandbox.run(["store", "backup", path])
        #expect(refused.status == 1 && refused.standardError.contains("add --force to overwrite it"), "\(refused.standardError)")
        #expect(try sandbox.run(["store", "backup", path, "--force"]).status == 0)
        let missing = try sandbox.run(["packs", "--packs", "/nonexistent"])
        #expect(missing.status == 1 && missing.standardError.contains("--packs '/nonexistent': no such folder"), "\(missing.standardError)")
    }

    @Test func packsWarnsWhenTwoFilesClaimTheSameIdAndVersionWithOtherContent() throws {
        let sandbox = try AttestSandbox()
        let original = try String(contentsOf: ShippedPacks.directory.appendingPathComponent("ai-basics.json"), encoding: .utf8)
        try sandbox.write(original.replacingOccurrences(of: "\"AI Basics\"", with: "\"AI Basics (copy)\""), to: "mine/ai-basics.json")
        let run = try sandbox.run(["packs", "--packs", sandbox.root.appendingPathComponent("mine").path])
        #expect(run.status == 0)
        #expect(run.standardError.contains("both hold ai-basics 1.2.0 with different content"), "\(run.standardError)")
    }

    @Test func anOrphanedAttemptCanBeDiscardedAndStopsBeingOffered() throws {
        let sandbox = try AttestSandbox()
        let live = try LiveAttest(sandbox, ["take", "ai-basics-exam", "--seed", "1"])
        #expect(live.wait { $0.standardOutput.contains("No feedback until the end") }, "\(live.standardOutput)")
        live.kill()
        _ = live.finish()
        let listed = try sandbox.run(["resume", "--list"])
        let id = try #require(listed.standardOutput.split(separator: " ").first.map(String.init))
        let discarded = try sandbox.run(["resume", id, "--discard"])
        #expect(discarded.status == 0 && discarded.standardOutput.contains("will not be offered again"), "\(discarded.standardError)")
        #expect(try sandbox.run(["resume", "--list"]).standardOutput.contains("No unfinished attempts."))
        #expect(try sandbox.run(["resume", "--discard"]).status == 64)
    }
}
