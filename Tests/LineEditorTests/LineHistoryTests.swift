import Foundation
@testable import LineEditor
import Testing

@Suite struct LineHistoryTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-history-\(UUID().uuidString)")
    var path: String { folder.appendingPathComponent("state/attest/history").path }

    @Test func keepsTheNewestThousandEntries() throws {
        let inMemory = LineHistory(path: nil)
        for index in 0..<1004 { try inMemory.add("command \(index)") }
        #expect(inMemory.entries.count == 1000)
        #expect(inMemory.entries.first == "command 4")
        #expect(inMemory.entries.last == "command 1003")
    }

    @Test func theHistoryFileIsReadableByItsOwnerOnly() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try LineHistory(path: path).add("creds export 3f2a --output 'Week 3.png'")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    @Test func boundIsKeptWhenLoadingAndSaving() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try (0..<1004).map { "old \($0)\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
        let history = LineHistory(path: path)
        #expect(history.entries.count == 1000)
        #expect(history.entries.first == "old 4")
        try history.add("new")
        let reloaded = LineHistory(path: path)
        #expect(reloaded.entries.count == 1000)
        #expect(reloaded.entries.first == "old 5")
        #expect(reloaded.entries.last == "new")
    }

    @Test func theHistoryFileIsPrivate() throws {
        let history = LineHistory(path: path)
        _ = try history.add("creds show 3f2a")
        try history.save()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
    }

    @Test func collapsesConsecutiveDuplicatesAndIgnoresBlankLines() throws {
        let history = LineHistory(path: nil)
        #expect(try history.add("quiz"))
        #expect(try !history.add("quiz"))
        #expect(try !history.add("   "))
        #expect(try history.add("help"))
        #expect(try history.add("quiz"))
        #expect(history.entries == ["quiz", "help", "quiz"])
    }

    @Test func persistsEntriesWithNewlinesAndBackslashesExactly() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let tricky = ["two\nlines", "back\\slash \\n not a newline", "cr\r", "日本語 café"]
        let history = LineHistory(path: path)
        for entry in tricky { try history.add(entry) }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == tricky.count)
        #expect(LineHistory(path: path).entries == tricky)
    }

    @Test func missingFileGivesAnEmptyHistoryAndSavingCreatesFolders() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = LineHistory(path: path)
        #expect(history.entries.isEmpty)
        try history.add("stats")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func unwritableLocationThrowsAnActionableError() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let blocker = folder.appendingPathComponent("file")
        try Data().write(to: blocker)
        let history = LineHistory(path: blocker.appendingPathComponent("history").path)
        #expect(throws: LineHistoryError.self) { try history.add("x") }
        #expect(history.entries == ["x"])
    }
}
