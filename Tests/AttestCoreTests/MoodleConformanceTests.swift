import AttestCore
import Foundation
import Testing

/// The GIFT and Aiken importers against Moodle's own test fixtures and against one question per
/// disagreement of issue #16: every question's key checked as Moodle's `qformat_gift` and
/// `qformat_aiken` read it (Fixtures/moodle/SOURCES.md says where each file comes from).
@Suite("MoodleConformance")
struct MoodleConformanceTests {
    static func importGIFT(_ name: String) throws -> (PackImportResult, Pack) {
        let result = try GIFTImporter.importPack(try GIFTImporterTests.fixture("moodle/" + name), id: "conformance")
        return (result, try GIFTImporterTests.load(result))
    }

    static func importAiken(_ name: String) throws -> (PackImportResult, Pack) {
        let result = try AikenImporter.importPack(try GIFTImporterTests.fixture("moodle/" + name), id: "conformance")
        return (result, try GIFTImporterTests.load(result))
    }

    @Test func moodleQuestionsFixture() throws {
        let (result, pack) = try Self.importGIFT("questions.gift.txt")
        #expect(pack.questions.map(\.id) == ["q2", "colours", "q5", "shortanswer", "q1", "2-08-tsl", "2-08-tsl-2"])
        #expect(pack.question("q2")?.kind == .singleChoice([
            Option(text: "yellow", correct: true, feedback: "right; good!"),
            Option(text: "red", correct: false, feedback: "wrong, it's yellow"),
            Option(text: "blue", correct: false, feedback: "wrong, it's yellow"),
        ]))
        #expect(pack.question("colours")?.kind == .multipleChoice([
            Option(text: "yellow", correct: true, feedback: "right; good!"), Option(text: "red", correct: false, feedback: "wrong"),
            Option(text: "off-beige", correct: true, feedback: "right; good!"), Option(text: "blue", correct: false, feedback: "wrong"),
        ]))
        #expect(pack.question("q5")?.kind == .numeric(NumericKey(target: .absolute(value: 3, tolerance: 2))))
        #expect(pack.question("q5")?.prompt == "What is a number from 1 to 5? ____\";")
        #expect(pack.question("shortanswer")?.kind == .shortText(ShortTextKey(accept: ["Frog"])))
        #expect(pack.question("q1")?.kind == .trueFalse(answer: false))
        #expect(pack.question("q1")?.explanation == "This is, of course, a Hitchiker's Guide to the Galaxy reference.")
        #expect(pack.question("2-08-tsl")?.kind == .trueFalse(answer: true))
        #expect(pack.question("2-08-tsl-2")?.kind == .trueFalse(answer: true))
        #expect(result.issues.map(\.description) == [
            "line 2: essay question \"Q8\": skipped: Attest cannot score free-form answers",
            "line 5: matching question \"Moodle activities\": skipped: Attest has no matching questions",
            "line 22: question \"colours\": answer weights (50%, -100%, 50%, -100%) replaced by Attest's select-all-that-apply scoring: "
                + "options with a positive weight are the correct ones",
            "line 31: question \"Q5\": feedback for any other answer (\"Completely wrong\") not carried over (numeric questions have none)",
            "line 34: question \"Shortanswer\": feedback for answer \"Frog\" not carried over (short-answer questions have none)",
            "line 34: question \"Shortanswer\": partial-credit answer \"Cat\" (50%) not carried over",
            "line 34: question \"Shortanswer\": feedback for answer \"Cat\" not carried over (short-answer questions have none)",
            "line 34: question \"Shortanswer\": partial-credit answer \"*\" (0%) not carried over",
            "line 34: question \"Shortanswer\": feedback for answer \"*\" not carried over (short-answer questions have none)",
            "line 41: question \"Q1\": true/false feedback not carried over (Attest shows the explanation instead)",
        ])
    }

    @Test func moodleCategoryFixture() throws {
        let (result, pack) = try Self.importGIFT("questions_in_category.gift.txt")
        #expect(pack.questions.map(\.id) == ["greeting", "moodle-user", "moodle-acronym"])
        #expect(pack.skills.map(\.id) == ["default-for-new-features"])
        let greeting = try #require(pack.question("greeting"))
        #expect(greeting.prompt == "Listen to this greeting:\n\nWhat language is being spoken?")
        #expect(greeting.kind == .singleChoice([
            Option(text: "English", correct: false, feedback: "Sorry, listen again."),
            Option(text: "French", correct: true, feedback: "Yes, well done!"),
            Option(text: "German", correct: false, feedback: "Sorry, listen again."),
            Option(text: "Spanish", correct: false, feedback: "Sorry, listen again."),
        ]))
        #expect(pack.question("moodle-user")?.kind == .shortText(ShortTextKey(accept: ["Moodler"])))
        #expect(pack.question("moodle-user")?.prompt == "Anyone who uses Moodle is a ...")
        #expect(pack.question("moodle-acronym")?.kind == .trueFalse(answer: true))
        #expect(pack.question("moodle-acronym")?.prompt == "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment.")
        #expect(result.issues.map(\.description) == [
            "line 5: matching question \"Moodle activities\": skipped: Attest has no matching questions",
            "line 14: question \"Greeting\": HTML tags removed; their formatting is not carried over",
            "line 27: question \"Moodle acronym\": HTML tags removed; their formatting is not carried over",
        ])
    }

    @Test func everyGIFTPointOfTheIssue() throws {
        let (result, pack) = try Self.importGIFT("issue-16.gift")
        #expect(pack.question("primes")?.kind == .multipleChoice([
            Option(text: "2", correct: true), Option(text: "3", correct: true),
            Option(text: "4", correct: false), Option(text: "6", correct: false),
        ]))
        #expect(pack.question("markers")?.kind == .singleChoice([
            Option(text: "Lyon", correct: false), Option(text: "Paris", correct: true, feedback: "**Yes**"),
        ]))
        #expect(pack.question("backslash")?.kind == .singleChoice([Option(text: "\\", correct: true), Option(text: "/", correct: false)]))
        #expect(pack.question("latex")?.prompt == "The formula $a \\neq b$ says?")
        #expect(pack.question("tolerance")?.kind == .numeric(NumericKey(target: .absolute(value: 3, tolerance: 2))))
        #expect(pack.question("either")?.kind == .numeric(NumericKey(target: .absolute(value: 1, tolerance: 0))))
        let wildcard = try #require(pack.question("wildcard"))
        #expect(wildcard.kind == .shortText(ShortTextKey(accept: ["manually"], pattern: ".*manually.*")))
        #expect(Scoring.score(.text("It is marked manually, later"), for: wildcard) == 1)
        #expect(Scoring.score(.text("automatically"), for: wildcard) == 0)
        #expect(pack.question("one")?.kind == .shortText(ShortTextKey(accept: ["One"])))
        #expect(pack.question("choice-arrows")?.kind == .singleChoice([
            Option(text: "go -> order", correct: false), Option(text: "buy -> brew", correct: true),
        ]))
        #expect(pack.question("seasons")?.kind == .multipleChoice([
            Option(text: "spring", correct: true), Option(text: "summer", correct: true), Option(text: "easter", correct: false),
        ]))
        #expect(pack.question("entities")?.prompt
            == "Café ’s dash — and A.\nNext line\nNew **bold** and *it* and `x`\ndone")
        #expect(pack.question("feedback")?.explanation == "second")
        #expect(pack.question("unclosed-title-q")?.prompt == "Unclosed title Q?")
        let tagged = try #require(pack.question("q-ident"))
        #expect(tagged.tags == ["algebra", "week 2"] && tagged.kind == .trueFalse(answer: true))
        #expect(pack.question("image")?.prompt == "Look: and here?")
        #expect(result.issues.map(\.description) == [
            "line 11: question \"Tolerance\": feedback for any other answer (\"Sorry\") not carried over (numeric questions have none)",
            "line 13: question \"Either\": Moodle also gives full credit for -1:0; Attest's numeric key holds one answer (1:0), so -1:0 will be marked wrong",
            "line 21: question \"Seasons\": 2 options carry full credit and Moodle accepts any one of them; Attest's single-answer "
                + "questions have one key, so it is imported as select-all-that-apply (all 2 must be chosen)",
            "line 27: question \"Unclosed title Q?\": the title's opening :: is never closed; like Moodle, the :: is dropped and the text is the question",
            "line 32: question \"Image\": an image not carried over (Attest packs hold text only)",
            "line 32: question \"Image\": an audio clip not carried over (Attest packs hold text only)",
        ])
    }

    @Test func everyAikenPointOfTheIssue() throws {
        let (result, pack) = try Self.importAiken("issue-16.aiken.txt")
        #expect(pack.questions.map(\.kind) == [
            .singleChoice([Option(text: "x", correct: false), Option(text: "y", correct: true)]),
            .singleChoice([Option(text: "first", correct: true), Option(text: "second", correct: false)]),
            .singleChoice([Option(text: "Same", correct: true), Option(text: "Other", correct: false)]),
            .singleChoice([Option(text: "x", correct: false), Option(text: "y", correct: true)]),
        ])
        #expect(result.issues.map(\.description) == [
            "line 6: question \"Letters out of order?\": option letters BA are not in order; like Moodle, options are read by position, "
                + "so ANSWER A is option 1 (\"first\")",
            "line 11: question \"Duplicate options?\": option B repeats \"Same\": merged into one option",
        ])
    }

    @Test func moodleAikenFixture() throws {
        let (result, pack) = try Self.importAiken("questions.aiken.txt")
        #expect(result.issues.isEmpty)
        #expect(pack.questions.map(\.prompt) == [
            "The Moodle project was started by:",
            "Moodle's abilities include handling user input that includes <html class=\"cool\"> & images:",
        ])
        #expect(pack.questions.map(\.kind) == [
            .singleChoice([
                Option(text: "Petr Skoda", correct: false), Option(text: "Martin Dougiamas", correct: true),
                Option(text: "Eloy Lafuente", correct: false), Option(text: "Tim Hunt", correct: false),
            ]),
            .singleChoice([Option(text: "True", correct: true), Option(text: "False", correct: false)]),
        ])
    }
}
