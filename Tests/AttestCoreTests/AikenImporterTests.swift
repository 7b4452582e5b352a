import AttestCore
import Foundation
import Testing

/// The Aiken importer on fixture banks written for these tests: valid questions in both option
/// styles, and each kind of malformed block reported with its line.
@Suite("AikenImporter")
struct AikenImporterTests {
    @Test func validQuestionsImport() throws {
        let result = try AikenImporter.importPack(try GIFTImporterTests.fixture("aiken/good.txt"), id: "aiken-good")
        let pack = try GIFTImporterTests.load(result)
        #expect(result.issues.isEmpty)
        #expect(pack.skills.map(\.id) == ["general"])
        #expect(pack.questions.count == 3)
        #expect(pack.questions[1].kind == .singleChoice([
            Option(text: "Moodle", correct: true), Option(text: "ATutor", correct: false),
            Option(text: "Claroline", correct: false), Option(text: "Blackboard", correct: false),
        ]))
        #expect(pack.questions[2].prompt == "A question that runs\nover two lines?")
        #expect(pack.questions.map(\.id) == [
            "what-is-the-correct-answer-to", "which-lms-has-the-most-quiz", "a-question-that-runs-over-two",
        ])
    }

    @Test func malformedBlocksAreReportedByLine() throws {
        let result = try PackImportFormat.aiken.importPack(try GIFTImporterTests.fixture("aiken/malformed.txt"), id: "aiken-bad")
        let pack = try GIFTImporterTests.load(result)
        #expect(pack.questions.map(\.prompt) == ["Letters out of order?", "Next question starts here?"])
        #expect(result.issues.map(\.description) == [
            "line 1: ANSWER line: ignored: no question before it",
            "line 3: question \"Only one option?\": skipped: needs at least 2 options before ANSWER (line 5), found 1",
            "line 7: question \"Answer out of range?\": skipped: ANSWER D on line 10 names no option",
            "line 12: question \"Letters out of order?\": option letters ACB are not in order; like Moodle, options are read by position, "
                + "so ANSWER A is option 1 (\"One\")",
            "line 18: question \"No answer line?\": skipped: no ANSWER line before line 21",
            "line 26: question \"Duplicate options?\": option B repeats \"Same\": merged into one option",
            "line 26: question \"Duplicate options?\": skipped: a choice question needs at least 2 options, found 1",
            "line 31: question \"The file ends too soon?\": skipped: the file ends before its ANSWER line",
        ])
    }

    @Test func emptyInputGivesNoPack() throws {
        let result = try AikenImporter.importPack("\n\n", id: "empty")
        #expect(result.json == nil && result.issues.isEmpty)
    }
}
