import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Inputs far beyond anything reasonable — pack files of hundreds of megabytes, a megabyte-long prompt,
/// JSON nested 100,000 deep, a 10 MB answer line — end in a clean result or a clean, located refusal,
/// in bounded time and memory, never a crash.
@Suite("HugeInput", .serialized)
struct HugeInputTests {
    static let megabyte = 1 << 20

    /// The sample pack without its schema link and badge image, as a JSON object.
    static func samplePack() throws -> [String: Any] {
        let url = AttestBinary.repositoryRoot.appendingPathComponent("Tests/AttestCoreTests/Fixtures/valid/sample.json")
        var pack = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        pack["$schema"] = nil
        var credentials = try #require(pack["credentials"] as? [[String: Any]])
        credentials[0]["image"] = nil
        pack["credentials"] = [credentials[0]]
        return try sealed(pack)
    }

    /// `pack` with every question exam-only and its practice quizzes gone, so that `pack lint` finds no
    /// credential exam that practice could show (the exam-sealing error) in an otherwise unchanged sample.
    static func sealed(_ pack: [String: Any]) throws -> [String: Any] {
        var pack = pack
        let questions = try #require(pack["questions"] as? [[String: Any]])
        pack["questions"] = questions.map { question in question.merging(["pool": "exam"]) { _, new in new } }
        let quizzes = try #require(pack["quizzes"] as? [[String: Any]])
        pack["quizzes"] = quizzes.filter { $0["mode"] as? String != "practice" }
        return pack
    }

    static func text(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
    }

    @Test func packFileOverTheSizeLimitIsRefusedWithoutBeingRead() throws {
        let sandbox = try AttestSandbox()
        let path = sandbox.root.appendingPathComponent("huge.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(256 * Self.megabyte + 1)) == 0, "a sparse file just over 256 MB")
        let run = try PeakMemory.run(sandbox, ["pack", "lint", path])
        #expect(run.status == 65 && run.signal == 0)
        #expect(run.standardError.contains("packs over 256 MB are refused"), "\(run.standardError)")
        #expect(run.peakBytes < PeakMemory.bound(150 * Self.megabyte), "peak \(run.peakBytes / Self.megabyte) MB: the file was not read")
        print("HugeInput: 256 MB + 1 sparse pack refused in \(String(format: "%.2f", run.seconds)) s, peak RSS \(run.peakBytes / Self.megabyte) MB")
    }

    @Test func twoHundredMegabytePackLoadsInBoundedMemory() throws {
        let sandbox = try AttestSandbox()
        let body = try Self.text(try Self.samplePack())
        let path = sandbox.root.appendingPathComponent("big.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        // Valid JSON: the pack's members, then 200 MB of whitespace before the closing brace.
        try handle.write(contentsOf: Data(body.dropLast().utf8))
        let padding = Data(repeating: UInt8(ascii: " "), count: Self.megabyte)
        for _ in 0..<200 { try handle.write(contentsOf: padding) }
        try handle.write(contentsOf: Data("}\n".utf8))
        try handle.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let run = try PeakMemory.run(sandbox, ["pack", "lint", path])
        #expect(run.signal == 0 && run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("0 errors"), "\(run.standardOutput)")
        let bound = PeakMemory.bound(size + 100 * Self.megabyte)
        #expect(run.peakBytes < bound, "peak \(run.peakBytes / Self.megabyte) MB for a \(size / Self.megabyte) MB pack")
        print("HugeInput: \(size / Self.megabyte) MB pack linted in \(String(format: "%.1f", run.seconds)) s, "
            + "peak RSS \(run.peakBytes / Self.megabyte) MB" + (PeakMemory.instrumented ? " (sanitizer: no bound)" : " (bound \(bound / Self.megabyte) MB)"))
    }

    @Test func megabytePromptIsLintedAndShownInBoundedTime() throws {
        let sandbox = try AttestSandbox()
        var pack = try Self.samplePack()
        var questions = try #require(pack["questions"] as? [[String: Any]])
        let words = String(repeating: "lorem ipsum **dolor** sit `amet` ", count: Self.megabyte / 33)
        questions[0]["prompt"] = words + "Which clause filters rows?"
        pack["questions"] = questions
        try FileManager.default.createDirectory(at: sandbox.root.appendingPathComponent("packs"), withIntermediateDirectories: true)
        let path = try sandbox.write(try Self.text(pack), to: "packs/sample.json")
        let lint = try PeakMemory.run(sandbox, ["pack", "lint", path])
        #expect(lint.status == 0 || lint.status == 65, "\(lint.standardError)")
        #expect(lint.signal == 0)
        guard lint.status == 0 else {
            #expect(lint.standardError.contains("sample.json:"), "a refusal is located: \(lint.standardError)")
            return
        }
        let preview = try PeakMemory.run(sandbox, ["pack", "preview", path, "--question", "q-single", "--include-sealed"])
        #expect(preview.status == 0 && preview.signal == 0, "\(preview.standardError)")
        // A prompt past the displayed-size cap is cut with a marker saying how much was left out.
        #expect(preview.standardOutput.contains("lorem ipsum") && preview.standardOutput.contains(" more)"))
        #expect(preview.seconds < (PeakMemory.instrumented ? 600 : 30), "rendering a 1 MB prompt took \(preview.seconds) s")
        print("HugeInput: 1 MB prompt linted in \(String(format: "%.2f", lint.seconds)) s, previewed in "
            + "\(String(format: "%.2f", preview.seconds)) s, peak RSS \(preview.peakBytes / Self.megabyte) MB")
    }

    @Test(arguments: ["array", "object"])
    func jsonNestedOneHundredThousandLevelsIsALocatedError(shape: String) throws {
        let sandbox = try AttestSandbox()
        let depth = 100_000
        let text = shape == "array"
            ? String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            : String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        let path = try sandbox.write(text, to: "deep.json")
        let run = try PeakMemory.run(sandbox, ["pack", "lint", path])
        #expect(run.signal == 0, "crashed with signal \(run.signal)")
        #expect(run.status == 65)
        #expect(run.standardError.contains("deep.json:1:"), "located: \(run.standardError)")
        #expect(run.standardError.contains("nesting is deeper than \(JSONParser.maximumDepth) levels"), "\(run.standardError)")
    }

    @Test func tenMegabyteAnswerLineGivesACleanResult() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("data-analytics"))
        let answers = try ShippedPacks.answers(pack: pack, quiz: "data-analytics-quick-check", seed: 8)
        let huge = String(repeating: "a", count: 10 * Self.megabyte)
        let input = ([huge] + answers).joined(separator: "\n") + "\n"
        let run = try PeakMemory.run(sandbox, ["take", "data-analytics-quick-check", "--seed", "8"], input: input)
        #expect(run.signal == 0 && run.status == 0, "\(run.standardError.prefix(500))")
        #expect(run.standardOutput.contains("Results"))
        #expect(run.standardOutput.utf8.count < 2 * Self.megabyte, "the huge line is not echoed back in full")
        #expect(run.standardOutput.contains("too long for an answer"), "the line is refused, the quiz goes on")
        #expect(run.standardOutput.contains("PASSED"), "the answers after it count")
        #expect(run.seconds < (PeakMemory.instrumented ? 600 : 10), "took \(run.seconds) s")
        #expect(run.peakBytes < PeakMemory.bound(200 * Self.megabyte), "peak \(run.peakBytes / Self.megabyte) MB")
        print("HugeInput: 10 MB answer line handled in \(String(format: "%.2f", run.seconds)) s, peak RSS \(run.peakBytes / Self.megabyte) MB")
    }
}
