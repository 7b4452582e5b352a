import AttestCore
import Foundation
import Testing

/// Aiken read as a stream: any chunking gives what the whole text gives, and an over-long line is
/// reported and skipped without losing the questions around it.
@Suite("AikenStreamImporter")
struct AikenStreamImporterTests {
    @Test(arguments: [1, 3, 4096])
    func anyChunkingGivesTheWholeTextsResult(chunk: Int) throws {
        let bank = try GIFTImporterTests.fixture("moodle/issue-16.aiken.txt").replacingOccurrences(of: "\n", with: "\r\n")
        let whole = try AikenImporter.importPack(bank, id: "stream")
        var importer = try AikenStreamImporter(id: "stream")
        #expect(importer.importing(bank, chunkBytes: chunk) == whole)
        #expect(whole.questionCount == 4)
    }

    @Test func anOverLongLineIsSkippedAndSaid() throws {
        let long = String(repeating: "z", count: GIFTStreamImporter.maximumQuestionBytes + 1)
        let result = try AikenImporter.importPack("First?\nA) x\nB) y\nANSWER: A\n\n\(long)\n\nSecond?\nA) p\nB) q\nANSWER: B\n", id: "long")
        #expect(result.questionCount == 2)
        #expect(result.issues.map(\.description) == ["line 6: the line: skipped: it runs to 1.0 MB, and one line may take at most 1 MB"])
    }
}
