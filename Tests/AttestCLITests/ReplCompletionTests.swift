@testable import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// What TAB offers at the prompt, by context (the pseudo-terminal test in ReplTests covers the key itself).
@Suite("ReplCompletion")
struct ReplCompletionTests {
    private func candidates(_ line: String, in folder: String = NSTemporaryDirectory()) -> [String] {
        let (console, _) = Console.capture()
        let context = AppContext(
            console: console, environment: ["XDG_DATA_HOME": folder, "XDG_STATE_HOME": folder],
            bundledPacks: ShippedPacks.directory.path)
        return ReplCompletion(context: context).candidates(for: line).candidates
    }

    @Test func afterAPackOnlyOptionsAreOfferedAndPackSlashOffersItsSkills() {
        let after = candidates("practice data-analytics ")
        #expect(after.contains("--count") && after.contains("--missed"))
        #expect(!after.contains("cybersecurity") && !after.contains("data-analytics"))
        #expect(candidates("practice data-analytics/") == ["data-analytics/data-preparation", "data-analytics/sql", "data-analytics/statistics", "data-analytics/visualization"])
        #expect(candidates("practice data-analytics") .contains("data-analytics/sql"))
    }

    @Test func optionsArePackIdsForPreviewAndFilesAreEscaped() throws {
        #expect(candidates("practice ai-basics --cou") == ["--count"])
        #expect(candidates("take --se").contains("--seed"))
        #expect(candidates("pack preview ux-d") == ["ux-design"])
        let folder = NSTemporaryDirectory() + "attest-completion-\(UUID().uuidString)/"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "Week 3 (final).txt", contents: Data())
        let escapedFolder = ReplCompletion.escape(folder)
        #expect(candidates("creds verify \(folder)Wee") == [escapedFolder + "Week\\ 3\\ \\(final\\).txt"])
        #expect(candidates("creds verify \(escapedFolder)Week\\ 3") == [escapedFolder + "Week\\ 3\\ \\(final\\).txt"])
        #expect(try CommandLineSplitter.split("verify " + escapedFolder + "Week\\ 3\\ \\(final\\).txt") == ["verify", folder + "Week 3 (final).txt"])
    }
}
