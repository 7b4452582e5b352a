import AttestCLI
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// `take`, `resume` and `packs` give the same results whether a pack is read from its file (first
/// sight) or served from the store's compiled form (seen): answers computed from the whole pack's
/// plan are right in every run, so the questions, their order and option shuffles are the same.
@Suite("CompiledPackCommands", .serialized)
struct CompiledPackCommandTests {
    static let seed: UInt64 = 11

    static func setUp() throws -> (AttestSandbox, folder: String, pack: Pack) {
        let sandbox = try AttestSandbox()
        let path = try sandbox.write(GeneratedPack.json(id: "big", questionCount: 2_000), to: "packs/big.json")
        usleep(80_000)  // older than the interval in which a just-changed file is not trusted
        let pack = try #require(decode(path))
        return (sandbox, (path as NSString).deletingLastPathComponent, pack)
    }

    static func decode(_ path: String) -> Pack? {
        PackLibrary.read(path: path).pack
    }

    static func json(_ run: AttestSandbox.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], "\(run.standardError)")
    }

    @Test func takeDrawsTheSameQuizFromTheFileAndFromTheStore() throws {
        let (sandbox, folder, pack) = try Self.setUp()
        for quiz in ["exam", "in-order", "listed"] {
            let answers = try ShippedPacks.answers(pack: pack, quiz: quiz, seed: Self.seed)
            let file = try sandbox.write(answers.joined(separator: "\n") + "\n", to: "\(quiz).txt")
            var outcomes: [String] = []
            for _ in 0..<3 {
                let run = try sandbox.run([
                    "--packs", folder, "take", "big/\(quiz)", "--seed", String(Self.seed), "--answers", file, "--json",
                ])
                let result = try Self.json(run)
                #expect(result["score"] as? Double == 1, "\(quiz): \(run.standardOutput)")
                #expect(result["packHash"] as? String == pack.contentHash)
                outcomes.append("\(result["status"] ?? "") \(result["points"] ?? "")/\(result["maxPoints"] ?? "")")
            }
            #expect(Set(outcomes).count == 1, "\(outcomes)")
        }
    }

    @Test func resumeFromTheStoreAsksTheQuestionsThatWereLeft() throws {
        let (sandbox, folder, pack) = try Self.setUp()
        #expect(try sandbox.run(["--packs", folder, "packs"]).status == 0)
        let answers = try ShippedPacks.answers(pack: pack, quiz: "exam", seed: Self.seed)
        let warmUp = try sandbox.write(answers.joined(separator: "\n") + "\n", to: "all.txt")
        _ = try sandbox.run(["--packs", folder, "take", "big/exam", "--seed", "1", "--answers", warmUp, "--json"])
        let take = try LiveAttest(sandbox, ["--packs", folder, "take", "big/exam", "--seed", String(Self.seed)])
        for index in 0..<3 {
            take.send(answers[index])
            try #require(take.wait { $0.occurrences(of: "Answer recorded.") == index + 1 }, "\(take.standardError)")
        }
        take.kill()
        let rest = try sandbox.write(answers[3...].joined(separator: "\n") + "\n", to: "rest.txt")
        let run = try sandbox.run(["--packs", folder, "resume", "--answers", rest, "--json"])
        let result = try Self.json(run)
        #expect(result["status"] as? String == "completed" && result["score"] as? Double == 1, "\(run.standardOutput)")
    }

    @Test func packsListsTheSameFromTheFileAndFromTheStore() throws {
        let (sandbox, folder, _) = try Self.setUp()
        let fromFiles = try sandbox.run(["--packs", folder, "packs", "--json"])
        let text = try sandbox.run(["--packs", folder, "packs"])
        _ = try sandbox.run(["--packs", folder, "progress"])  // creates the store
        for _ in 0..<2 {
            #expect(try sandbox.run(["--packs", folder, "packs", "--json"]).standardOutput == fromFiles.standardOutput)
            #expect(try sandbox.run(["--packs", folder, "packs"]).standardOutput == text.standardOutput)
        }
        #expect(fromFiles.standardOutput.contains("2000"))
    }

    @Test func aDiskTooFullForTheCompiledFormStillServesTheQuiz() throws {
        let sandbox = try AttestSandbox()
        guard let disk = StoreFailureTests.TinyDisk(in: sandbox, megabytes: 3) else { return }
        let store = disk.path + "/attest.sqlite"
        let path = try sandbox.write(GeneratedPack.json(id: "big", questionCount: 20_000), to: "packs/big.json")
        usleep(80_000)
        let pack = try #require(Self.decode(path))
        let folder = (path as NSString).deletingLastPathComponent
        // A practice quiz: an exam's credential check after it reads every question of the whole pack.
        let answers = try ShippedPacks.answers(pack: pack, quiz: "listed", seed: Self.seed)
        let file = try sandbox.write(answers.joined(separator: "\n") + "\n", to: "answers.txt")
        for _ in 0..<2 {
            let run = try sandbox.run(
                ["--packs", folder, "take", "big/listed", "--seed", String(Self.seed), "--answers", file, "--json"],
                extraEnvironment: ["ATTEST_STORE": store])
            #expect(run.status == 0, "\(run.standardError)")
            #expect(try Self.json(run)["score"] as? Double == 1)
        }
        let database = try AttestDatabase.open(path: store)
        defer { try? database.close() }
        #expect(try !database.hasCompiledPack(packID: "big", contentHash: pack.contentHash))
        #expect(database.check().isEmpty)
    }
}
