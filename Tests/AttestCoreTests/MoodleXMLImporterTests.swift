import AttestCore
import Foundation
import Testing

/// The Moodle XML importer on a bank with one question per Moodle type and feature
/// (Fixtures/moodle/bank.moodle.xml): keys checked question by question as Moodle's
/// `qformat_xml` reads them, everything not carried reported, hostile XML refused with a place.
@Suite("MoodleXMLImporter")
struct MoodleXMLImporterTests {
    @Test func everyTypeAndFeature() throws {
        let result = try MoodleXMLImporter.importPack(try GIFTImporterTests.fixture("moodle/bank.moodle.xml"), id: "bank")
        let pack = try GIFTImporterTests.load(result)
        #expect(pack.questions.map(\.id) == ["capital", "primes", "flat", "marking", "pi", "speed", "myid", "picture"])
        #expect(pack.skills.map(\.id) == ["geo", "language"])
        #expect(pack.skills.map(\.name) == ["Geography/Maps", "Language"])
        let capital = try #require(pack.question("capital"))
        #expect(capital.prompt == "What is the capital of **France**?")
        #expect(capital.points == 2 && capital.tags == ["europe", "capitals"] && capital.skillIDs == ["geo"])
        #expect(capital.explanation == "Paris has been the capital since 987.")
        #expect(capital.kind == .singleChoice([
            Option(text: "Paris", correct: true, feedback: "Right\u{2014}Paris."),
            Option(text: "Lyon", correct: false, feedback: "Lyon is **second**."),
            Option(text: "Versailles", correct: false),
        ]))
        #expect(pack.question("primes")?.kind == .multipleChoice([
            Option(text: "2", correct: true), Option(text: "3", correct: true),
            Option(text: "4", correct: false), Option(text: "6", correct: false),
        ]))
        #expect(pack.question("flat")?.kind == .trueFalse(answer: false))
        let marking = try #require(pack.question("marking"))
        #expect(marking.prompt == "How is *this* marked?" && marking.skillIDs == ["language"])
        #expect(marking.kind == .shortText(ShortTextKey(accept: ["manually", "by hand"], pattern: ".*manually.*")))
        #expect(pack.question("pi")?.kind == .numeric(NumericKey(target: .absolute(value: 3.14, tolerance: 0.005))))
        #expect(pack.question("pi")?.prompt == "Give π to two decimals.")
        #expect(pack.question("speed")?.kind == .numeric(NumericKey(target: .absolute(value: 100, tolerance: 5), unit: "km/h")))
        #expect(pack.question("myid")?.kind == .ordering(["Modular", "Object", "Oriented"]))
        #expect(pack.question("picture")?.prompt == "Which bird?")
        #expect(result.issues.map(\.description) == [
            "line 9: multichoice question \"Capital\": partial credit (50%) for option \"Versailles\" not carried over: it counts as wrong",
            "line 30: truefalse question \"Flat\": true/false feedback not carried over (Attest shows the explanation instead)",
            "line 40: shortanswer question \"Marking\": Moodle compares this answer's case; Attest ignores case, so a different case is accepted",
            "line 40: shortanswer question \"Marking\": partial-credit answer \"later\" (50%) not carried over",
            "line 48: numerical question \"Pi\": Moodle also gives full credit for 3.1416; Attest's numeric key holds one answer (3.14), "
                + "so 3.1416 will be marked wrong",
            "line 48: numerical question \"Pi\": feedback for any other answer (\"Think of a circle.\") not carried over (numeric questions have none)",
            "line 55: numerical question \"Speed\": unit \"m/s\" (× 0.2777778) not carried over: Attest takes the number in km/h only",
            "line 55: numerical question \"Speed\": Moodle grades the unit; Attest shows it after the question and never requires it",
            "line 65: ordering question \"Moodle\": grading ABSOLUTE_POSITION replaced by Attest's score: the share of item pairs in the right order",
            "line 74: matching question \"Pairs\": skipped: Attest has no matching questions",
            "line 79: essay question \"Essay\": skipped: Attest cannot score free-form answers",
            "line 83: description question \"Intro\": skipped: a description, not a question",
            "line 87: multichoice question \"Picture\": embedded file \"bird.png\" not carried over (Attest packs hold text only)",
            "line 87: multichoice question \"Picture\": an image not carried over (Attest packs hold text only)",
        ])
    }

    @Test func entityDeclarationsAreRefusedWithAPlace() throws {
        let hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <quiz><question type="truefalse"><questiontext><text>&b;</text></questiontext></question></quiz>
            """
        let result = try MoodleXMLImporter.importPack(hostile, id: "hostile")
        #expect(result.json == nil)
        #expect(result.issues.map(\.description) == [
            "line 2: the file: skipped: not well-formed XML (a document type with declarations (entities) is not read, column 1)",
        ])
    }

    @Test(arguments: [
        ("<quiz><question>&ouml;</question></quiz>", "line 1: the file: skipped: not well-formed XML (unknown entity &ouml; (only XML's five are read), column 17)"),
        ("<quiz>\n<question></quiz>", "line 2: the file: skipped: not well-formed XML (</quiz> closes <question> (line 2), column 11)"),
        ("<quiz>", "line 1: the file: skipped: not well-formed XML (<quiz> (line 1) is never closed, column 7)"),
        ("<bank/>", "line 1: the file: skipped: the root element is <bank>, and a Moodle XML bank's is <quiz>"),
    ])
    func malformedXMLIsLocated(text: String, expected: String) throws {
        let result = try MoodleXMLImporter.importPack(text, id: "broken")
        #expect(result.json == nil)
        #expect(result.issues.map(\.description) == [expected])
    }

    @Test func aTruncatedFileKeepsTheQuestionsBeforeTheBreak() throws {
        let text = "<quiz>\n<question type=\"truefalse\"><name><text>First</text></name><questiontext><text>Sky is blue.</text>"
            + "</questiontext><answer fraction=\"100\"><text>true</text></answer></question>\n<question type=\"truefalse\"><name>"
        let result = try MoodleXMLImporter.importPack(text, id: "cut")
        #expect(result.questionCount == 1)
        #expect(result.issues.map(\.description) == [
            "line 3: the rest of the file: skipped: not well-formed XML (<name> (line 3) is never closed, column 34)",
        ])
    }

    @Test func deepNestingIsBounded() throws {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        let result = try MoodleXMLImporter.importPack(deep, id: "deep")
        #expect(result.issues.first?.why.contains("nested deeper than 64") == true)
    }

    @Test func formatIsRecognisedFromTheContent() {
        #expect(PackImportFormat.detect("\u{FEFF}  <?xml version=\"1.0\"?><quiz/>") == .moodleXML)
        #expect(PackImportFormat.detect("Q?\nA. x\nB. y\nANSWER: A\n") == .aiken)
        #expect(PackImportFormat.detect("::T:: Q? {T}") == .gift)
        #expect(PackImportFormat.detect("just some words") == nil)
    }
}
