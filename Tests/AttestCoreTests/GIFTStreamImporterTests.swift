import AttestCore
import Foundation
import Testing

/// GIFT read as a stream: any chunking gives exactly what the whole text gives, and a question
/// over the size cap is dropped as it streams past, reported at its first line, without taking
/// the questions around it (or its comment markers) with it.
@Suite("GIFTStreamImporter")
struct GIFTStreamImporterTests {
    static func streamed(_ text: String, chunk: Int) throws -> PackImportResult {
        var importer = try GIFTStreamImporter(id: "stream")
        return importer.importing(text, chunkBytes: chunk)
    }

    @Test(arguments: [1, 5, 4096])
    func anyChunkingGivesTheWholeTextsResult(chunk: Int) throws {
        let bank = try GIFTImporterTests.fixture("moodle/issue-16.gift").replacingOccurrences(of: "\n", with: "\r\n")
        let whole = try GIFTImporter.importPack(bank, id: "stream")
        #expect(try Self.streamed(bank, chunk: chunk) == whole)
        #expect(whole.questionCount == 15)
    }

    @Test func anOversizedQuestionIsSkippedAtItsFirstLine() throws {
        let huge = String(repeating: "x", count: GIFTStreamImporter.maximumQuestionBytes / 2)
        let bank = "::Before:: One? {T}\n\n// [id:lost] [tag:lost]\n::Huge:: \(huge)\n\(huge)\n\(huge) {T}\n\n"
            + "::Line:: " + String(repeating: "y", count: GIFTStreamImporter.maximumQuestionBytes + 10) + " {T}\n\n::After:: Two? {F}\n"
        let result = try Self.streamed(bank, chunk: 65_536)
        let pack = try GIFTImporterTests.load(result)
        #expect(pack.questions.map(\.id) == ["before", "after"])
        #expect(pack.questions.allSatisfy { $0.tags.isEmpty })
        #expect(result.issues.map(\.description) == [
            "line 4: question: skipped: it runs to 1.5 MB, and one question may take at most 1 MB (is a blank line missing between questions?)",
            "line 8: question: skipped: it runs to 1.0 MB, and one question may take at most 1 MB (is a blank line missing between questions?)",
        ])
    }
}
