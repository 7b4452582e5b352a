import AttestCore
import Foundation
import Testing

/// The GIFT importer on fixture banks written for these tests: every construct, malformed input,
/// and a bank with nothing importable. Output must load with `PackDecoder` with no errors.
@Suite("GIFTImporter")
struct GIFTImporterTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// Decodes the JSON as the loader would: warnings (no explanation, few questions per skill) are fine, errors are not.
    static func load(_ result: PackImportResult) throws -> Pack {
        let json = try #require(result.json)
        let loaded = PackDecoder().decode(bytes: Array(json.utf8), file: "imported.json")
        let unexpected = loaded.diagnostics.filter { $0.severity == .error }
        #expect(unexpected.isEmpty, "\(unexpected)")
        return try #require(loaded.pack)
    }

    @Test func everyConstructImports() throws {
        let result = try GIFTImporter.importPack(try Self.fixture("gift/everything.gift"), id: "everything")
        let pack = try Self.load(result)
        #expect(result.questionCount == 17 && pack.questions.count == 17)
        #expect(pack.version.description == "1.0.0" && pack.title == "Everything")
        #expect(pack.skills.map(\.id) == ["general", "european-rivers"])
        #expect(pack.skills.map(\.name) == ["General", "European Rivers"])
        #expect(pack.quizzes.map(\.id) == ["everything-practice"])
        #expect(try Quiz.practice(pack: pack).sections[0].poolQuestionIDs(in: pack, mode: .practice).count == 17)
        #expect(pack.questions.map(\.id) == [
            "capital", "capital-2", "partial", "primes", "grass-is-green", "sky", "the-sun-rises-in-the-west",
            "water-is-wet", "spell", "pi", "range", "speed", "the-seine-flows-into-the", "code", "bold",
            "escapes-a-brace-a-tilde-an", "later",
        ])
        let capital = try #require(pack.question("capital"))
        #expect(capital.kind == .singleChoice([
            Option(text: "Paris", correct: true, feedback: "Right, Paris."),
            Option(text: "Lyon", correct: false, feedback: "Lyon is the third city."),
            Option(text: "Nice", correct: false),
        ]))
        #expect(capital.explanation == "Paris has been the capital since 987.")
        #expect(pack.question("primes")?.kind == .multipleChoice([
            Option(text: "2", correct: true), Option(text: "3", correct: true),
            Option(text: "4", correct: false), Option(text: "9", correct: false),
        ]))
        #expect(pack.question("grass-is-green")?.kind == .trueFalse(answer: true))
        #expect(pack.question("sky")?.kind == .trueFalse(answer: false))
        #expect(pack.question("water-is-wet")?.kind == .trueFalse(answer: true))
        #expect(pack.question("spell")?.kind == .shortText(ShortTextKey(accept: ["four", "FOUR"])))
        #expect(pack.question("spell")?.skillIDs == ["european-rivers"])
        #expect(pack.question("pi")?.kind == .numeric(NumericKey(target: .absolute(value: 3.14, tolerance: 0.005))))
        #expect(pack.question("range")?.kind == .numeric(NumericKey(target: .range(low: 1, high: 5))))
        #expect(pack.question("speed")?.kind == .numeric(NumericKey(target: .absolute(value: 300000, tolerance: 1000))))
        #expect(pack.question("the-seine-flows-into-the")?.prompt == "The Seine flows into the ____ near Le Havre.")
        #expect(pack.question("code")?.prompt == "Which keyword declares a constant in Swift? `let` or `var`?")
        #expect(pack.question("bold")?.prompt == "Which tag makes **bold** text?")
        #expect(pack.question("bold")?.kind == .singleChoice([Option(text: "<b>", correct: true), Option(text: "<i>", correct: false)]))
        #expect(pack.question("escapes-a-brace-a-tilde-an")?.prompt
            == "Escapes: a {brace}, a ~tilde, an = equals and a # hash.\nSecond line?")
        #expect(result.issues.map(\.description) == [
            "line 13: question \"Partial\": partial credit (50%) for option \"Timsort\" not carried over: it counts as wrong",
            "line 19: question \"Primes\": answer weights (50%, 50%, -100%, -100%) replaced by Attest's select-all-that-apply scoring: options with a positive weight are the correct ones",
            "line 28: question \"Sky\": true/false feedback not carried over (Attest shows the explanation instead)",
            "line 36: question \"Spell\": partial-credit answer \"for\" (50%) not carried over",
            "line 42: question \"Speed\": feedback for answer 300000:1000 not carried over (numeric questions have none)",
            "line 42: question \"Speed\": partial-credit answer 299792:1 (50%) not carried over",
            "line 55: matching question \"Pairs\": skipped: Attest has no matching questions",
            "line 60: essay question \"Essay\": skipped: Attest cannot score free-form answers",
            "line 62: question \"Broken\": skipped: the answer block opened with { is never closed",
            "line 66: question \"Just a description with no answers.\": skipped: no answer block in braces (a description, not a question)",
        ])
    }

    @Test func malformedQuestionsAreReportedByLine() throws {
        let result = try GIFTImporter.importPack(try Self.fixture("gift/malformed.gift"), id: "malformed", title: "Broken bank")
        let pack = try Self.load(result)
        #expect(pack.title == "Broken bank")
        #expect(pack.questions.map(\.id) == ["control", "weight", "leading", "no-key"])
        #expect(pack.question("weight")?.kind == .singleChoice([Option(text: "yes", correct: true), Option(text: "%abc%no", correct: false)]))
        #expect(pack.question("leading")?.kind == .singleChoice([
            Option(text: "stray", correct: false), Option(text: "a", correct: true), Option(text: "b", correct: false),
        ]))
        #expect(pack.question("no-key")?.kind == .multipleChoice([Option(text: "a", correct: true), Option(text: "b", correct: false)]))
        #expect(pack.question("control")?.prompt == "A bell in the prompt?")
        #expect(result.issues.map(\.description) == [
            "line 3: question \"Control\": removed 1 control character from the prompt",
            "line 5: question \"Weight\": weight %abc% is not a weight Moodle reads; it stays part of the answer text",
            "line 9: question \"Twice\": skipped: two options read \"same\"",
            "line 11: question \"No key\": answer weights (50%, 0%) replaced by Attest's select-all-that-apply scoring: "
                + "options with a positive weight are the correct ones",
            "line 13: question \"Short partial\": partial-credit answer \"maybe\" (50%) not carried over",
            "line 13: question \"Short partial\": skipped: no answer carries full credit",
            "line 15: question \"Bad number\": skipped: cannot read the number \"abc\"",
            "line 17: question \"Backwards\": skipped: cannot read the number \"5..1\"",
            "line 19: question \"Numeric partial only\": partial-credit answer 3 (50%) not carried over",
            "line 19: question \"Numeric partial only\": skipped: no numerical answer carries full credit",
            "line 21: category \"$course$/top\": names no category below $course$ and top; following questions go to the skill \"general\"",
            "line 23: question \"Two blocks\": skipped: more than one answer block (embedded answers are not supported)",
            "line 25: question \"Stray\": skipped: a closing } has no opening {",
            "line 27: question \"Empty option\": skipped: an option is empty",
            "line 29: question \"Single option\": skipped: a choice question needs at least 2 options, found 1",
        ])
    }

    @Test func nothingImportableGivesNoPack() throws {
        let result = try GIFTImporter.importPack(try Self.fixture("gift/nothing.gift"), id: "nothing")
        #expect(result.json == nil && result.questionCount == 0)
        #expect(result.issues.map(\.description) == [
            "line 2: essay question \"Essay\": skipped: Attest cannot score free-form answers",
            "line 4: matching question \"Pairs\": skipped: Attest has no matching questions",
        ])
    }

    @Test func idsAreSlugsMadeUniqueAndPackIDsAreChecked() throws {
        let text = "::Été 2024!::A? {T}\n\n::ete 2024::B? {F}\n\n::???::C? {T}\n"
        let pack = try Self.load(try GIFTImporter.importPack(text, id: "ids"))
        #expect(pack.questions.map(\.id) == ["ete-2024", "ete-2024-2", "c"])
        #expect(throws: PackImportError.invalidID("Not A Slug")) {
            try GIFTImporter.importPack(text, id: "Not A Slug")
        }
        #expect(throws: PackImportError.invalidID(String(repeating: "a", count: 65))) {
            try PackImportFormat.gift.importPack(text, id: String(repeating: "a", count: 65))
        }
    }
}
