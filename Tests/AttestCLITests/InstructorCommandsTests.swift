import ArgumentParser
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// The instructor commands run in-process against a throw-away store: attempts exchange
/// (round trip, idempotent import, unreadable lines), the stats report, and pack import.
@Suite("InstructorCommands")
struct InstructorCommandsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let coreFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AttestCoreTests/Fixtures")

    /// A folder with the item-analysis pack, a store path inside it, and a capturing console.
    final class Workspace {
        let folder: String
        let console: Console
        let output: CapturedOutput
        let context: AppContext

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-instructor-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder + "/packs", withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: InstructorCommandsTests.coreFixtures.appendingPathComponent("item-analysis/pack.json").path,
                toPath: folder + "/packs/item-analysis.json")
            (console, output) = Console.capture(width: 100)
            context = AppContext(
                console: console, environment: [:], storePath: folder + "/store.sqlite", learner: "teacher",
                extraPackDirectories: [folder + "/packs"], bundledPacks: nil)
        }

        deinit {
            try? FileManager.default.removeItem(atPath: folder)
        }

        func run(_ command: any ParsableCommand) throws {
            var command = command
            try AppContext.$current.withValue(context) { try command.run() }
        }
    }

    static func classFile() -> String { fixtures.appendingPathComponent("class.jsonl").path }

    @Test func exportImportRoundTripNeverCountsTwice() throws {
        let source = try AttestDatabase.inMemory()
        let original = try AttemptsFile.read(path: Self.classFile())
        #expect(try source.importAttempts(original) == AttemptImportSummary(imported: 16, alreadyPresent: 0))
        let exported = try AttemptsFile.encode(try source.exportAttempts())
        let target = try AttestDatabase.inMemory()
        let decoded = try AttemptsFile.decode(exported, file: "export.jsonl")
        #expect(try target.importAttempts(decoded) == AttemptImportSummary(imported: 16, alreadyPresent: 0))
        #expect(try target.importAttempts(decoded) == AttemptImportSummary(imported: 0, alreadyPresent: 16))
        #expect(try target.exportAttempts() == source.exportAttempts())
        #expect(try AttemptsFile.encode(target.exportAttempts()) == exported)
        #expect(try target.exportAttempts(packID: "item-analysis").count == 16)
        #expect(try target.exportAttempts(learner: "ivy").count == 2)
    }

    @Test func unreadableLinesAreListedAndNothingImports() {
        #expect(throws: InstructorFileError.unreadableLines(file: "bad.jsonl", lines: [1, 3])) {
            try AttemptsFile.decode("{}\n\n{\"attempt\": 1}\n", file: "bad.jsonl")
        }
    }

    @Test func importCommandReportsImportedAndAlreadyPresent() throws {
        let workspace = try Workspace()
        try workspace.run(try AttemptsImportCommand.parse([Self.classFile()]))
        try workspace.run(try AttemptsImportCommand.parse([Self.classFile()]))
        let lines = workspace.output.standardOutput.split(separator: "\n").map { $0.split(separator: ": ").last.map(String.init) }
        #expect(lines == ["imported 16, already present 0.", "imported 0, already present 16."])
        let bad = workspace.folder + "/bad.jsonl"
        try Data("not json\n".utf8).write(to: URL(fileURLWithPath: bad))
        #expect(throws: ExitCode(65)) { try workspace.run(try AttemptsImportCommand.parse([bad])) }
        #expect(workspace.output.standardError.contains("line 1 is not an attempt written by 'attest attempts export'"))
    }

    @Test func exportCommandWritesJSONLinesAndRefusesToOverwrite() throws {
        let workspace = try Workspace()
        try workspace.run(try AttemptsImportCommand.parse([Self.classFile()]))
        let path = workspace.folder + "/out.jsonl"
        try workspace.run(try AttemptsExportCommand.parse(["--pack", "item-analysis", "--output", path]))
        #expect(try AttemptsFile.read(path: path).count == 16)
        #expect(workspace.output.standardError.contains("Exported 16 attempts to"))
        #expect(throws: CommandFailure.self) {
            try workspace.run(try AttemptsExportCommand.parse(["--output", path]))
        }
        try workspace.run(try AttemptsExportCommand.parse(["--mine", "--output", path, "--force"]))
        #expect(try AttemptsFile.read(path: path).isEmpty)
    }

    @Test func statsReportsFiguresFlagsAndDistractors() throws {
        let workspace = try Workspace()
        try workspace.run(try StatsCommand.parse(["ia-exam", "--from", Self.classFile()]))
        let text = workspace.output.standardOutput
        #expect(text.contains("Attempts analysed: 11 (of 14 submitted)."))
        #expect(text.contains("  Alpha (internal consistency)  65.2%"))
        #expect(text.contains("  Skewness                      -1.48"))
        #expect(text.contains("capital          11   81.8   40.5   25.0   16.7   19.3   73.6  100.0 !"))
        #expect(text.contains("! spell: Learners took 81 s on this question (median), more than twice the 16 s typical of the others."))
        #expect(text.contains("     2 * Paris                               82%    100%       33%"))
    }

    @Test func statsSaysTooFewAttemptsInsteadOfNumbers() throws {
        let workspace = try Workspace()
        let two = try AttemptsFile.read(path: Self.classFile()).filter { ["ana", "ben"].contains($0.attempt.learner) }
        let path = workspace.folder + "/two.jsonl"
        try Data(try AttemptsFile.encode(two).utf8).write(to: URL(fileURLWithPath: path))
        try workspace.run(try StatsCommand.parse(["item-analysis/ia-exam", "--from", path, "--no-store"]))
        let text = workspace.output.standardOutput
        #expect(text.contains("  Skewness                      too few attempts (needs 3)"))
        #expect(text.contains("  Kurtosis                      too few attempts (needs 4)"))
        #expect(text.contains("few"))
        #expect(!text.contains("Flags"))
    }

    @Test func statsCSVAndJSON() throws {
        let workspace = try Workspace()
        try workspace.run(try StatsCommand.parse(["ia-exam", "--from", Self.classFile(), "--csv", "--pick", "last"]))
        let rows = workspace.output.standardOutput.split(separator: "\n")
        #expect(rows.first?.hasPrefix("question,type,attempts,facility,") == true)
        #expect(rows.count == 6)
        #expect(rows.contains { $0.hasPrefix("primes,multiple,11,") && $0.hasSuffix(",negative-discrimination") })
        let (console, output) = Console.capture()
        let context = AppContext(
            console: console, environment: [:], storePath: workspace.folder + "/store.sqlite",
            extraPackDirectories: [workspace.folder + "/packs"], bundledPacks: nil)
        let command = try StatsCommand.parse(["ia-exam", "--from", Self.classFile(), "--json"])
        try AppContext.$current.withValue(context) { try command.run() }
        let object = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any]
        #expect(object?["pick"] as? String == "first")
        #expect((object?["questions"] as? [Any])?.count == 5)
    }

    @Test func statsSanitizesTextFromAttemptFiles() throws {
        let workspace = try Workspace()
        var hostile = try AttemptsFile.read(path: Self.classFile()).filter { $0.attempt.quizID == "ia-exam" }
        for index in hostile.indices {
            hostile[index].attempt.questionIDs[0] = "evil\u{1B}[31m"
            hostile[index].responses[0].questionID = "evil\u{1B}[31m"
        }
        let path = workspace.folder + "/hostile.jsonl"
        try Data(try AttemptsFile.encode(hostile).utf8).write(to: URL(fileURLWithPath: path))
        try workspace.run(try StatsCommand.parse(["ia-exam", "--from", path]))
        try workspace.run(try StatsCommand.parse(["ia-exam", "--from", path, "--csv"]))
        #expect(!workspace.output.standardOutput.contains("\u{1B}"))
        #expect(workspace.output.standardOutput.contains("evil^[[31m"))
    }

    @Test func packImportWritesAPackAndReportsWhatWasLeftOut() throws {
        let workspace = try Workspace()
        let bank = Self.coreFixtures.appendingPathComponent("gift/everything.gift").path
        let path = workspace.folder + "/bank.json"
        try workspace.run(try PackImportCommand.parse([bank, "--format", "gift", "--id", "bank", "--output", path]))
        let text = workspace.output.standardOutput
        #expect(text.contains("  line 55: matching question \"Pairs\": skipped: Attest has no matching questions"))
        #expect(text.contains("Wrote \(path): 17 questions in 2 skills, 4 skipped."))
        #expect(PackLibrary.read(path: path).pack?.id == "bank")
        #expect(throws: ValidationError.self) {
            try workspace.run(try PackImportCommand.parse([bank, "--format", "gift", "--id", "bank", "--output", path]))
        }
        try workspace.run(try PackImportCommand.parse([bank, "--format", "gift", "--id", "bank", "--output", path, "--force"]))
        let nothing = Self.coreFixtures.appendingPathComponent("gift/nothing.gift").path
        #expect(throws: ExitCode(65)) {
            try workspace.run(try PackImportCommand.parse([nothing, "--format", "gift", "--output", workspace.folder + "/n.json"]))
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.folder + "/n.json"))
        #expect(PackImportFormat.suggestedID(forFileName: "/x/Week 3 Quiz.gift") == "week-3-quiz")
    }
}
