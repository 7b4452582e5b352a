import AttestCore
import Foundation
import Testing

/// Inputs the importer fuzzer (`scripts/fuzz importers`) found, kept as fixtures in `Fixtures/fuzz/`:
/// whatever the bank and title, an import either refuses to start or yields a pack that loads.
@Suite("PackImportFormat")
struct PackImportFormatTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    /// A fuzzer input: the title, a NUL byte, then the bank.
    static func fuzzInput(_ name: String) throws -> (title: String, bank: String) {
        let bytes = try Data(contentsOf: fuzzFolder.appendingPathComponent(name))
        let nul = try #require(bytes.firstIndex(of: 0))
        return (String(decoding: bytes[..<nul], as: UTF8.self), String(decoding: bytes[(nul + 1)...], as: UTF8.self))
    }

    /// Found by the fuzzer: a title with a control character was written into the pack, which then failed to load.
    @Test(arguments: PackImportFormat.allCases)
    func titleWithControlCharacterIsRefused(format: PackImportFormat) throws {
        let (title, bank) = try Self.fuzzInput("importer-title-control.bin")
        #expect(throws: PackImportError.invalidTitle(control: "\u{1}")) {
            try format.importPack(bank, id: "fuzz-pack", title: title)
        }
        let message = try #require(PackImportError.invalidTitle(control: "\u{1B}").errorDescription)
        #expect(message.contains("U+001B"))
        #expect(!message.unicodeScalars.contains("\u{1B}"))
    }

    /// Found by the fuzzer: a GIFT category holding an escape character became a skill name, which the loader refused.
    @Test func categoryControlCharactersAreRemovedAndReported() throws {
        let bank = try String(contentsOf: Self.fuzzFolder.appendingPathComponent("gift-category-escape.gift"), encoding: .utf8)
        #expect(bank.unicodeScalars.contains("\u{1B}"))
        let result = try PackImportFormat.gift.importPack(bank, id: "fuzz-pack")
        let pack = try GIFTImporterTests.load(result)
        #expect(pack.skills.map(\.name) == ["p"])
        #expect(result.issues.map(\.description).contains("line 2: question \".\": removed 1 control character from the category"))
    }

    /// Found by the fuzzer: options differing only in case (`~r =R`) were imported, and the loader refused them as duplicates.
    @Test func optionsEqualIgnoringCaseAreSkipped() throws {
        let bank = try String(contentsOf: Self.fuzzFolder.appendingPathComponent("gift-options-differ-in-case.gift"), encoding: .utf8)
        let result = try PackImportFormat.gift.importPack(bank, id: "fuzz-pack")
        #expect(result.json == nil)
        #expect(result.issues.map(\.description) == [
            "line 1: question \"N\": skipped: options \"r\" and \"R\" are the same ignoring case and spacing",
        ])
        let spaced = try PackImportFormat.aiken.importPack("Q?\nA. New  York\nB. new york\nANSWER: A\n", id: "fuzz-pack")
        #expect(spaced.json == nil)
    }

    @Test func titleWithTabOrNewlineStillImports() throws {
        let (_, bank) = try Self.fuzzInput("importer-title-control.bin")
        let result = try PackImportFormat.aiken.importPack(bank, id: "fuzz-pack", title: "Week\t3\nQuiz")
        let pack = try GIFTImporterTests.load(result)
        #expect(pack.title == "Week\t3\nQuiz")
    }
}
