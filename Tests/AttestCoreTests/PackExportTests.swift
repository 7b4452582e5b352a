import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// The four writers on a small pack with one question of each type: the text each format gets,
/// and the one-line-per-question list of what it cannot carry.
@Suite("PackExport")
struct PackExportTests {
    static let json = """
        {
          "format": 1, "id": "demo", "version": "1.2.0", "title": "Demo",
          "skills": [ { "id": "sql", "name": "SQL / queries" } ],
          "questions": [
            { "id": "where", "type": "single", "skill": "sql", "prompt": "Which clause filters rows?\\n\\nPick one.",
              "difficulty": "easy", "explanation": "`WHERE` filters {rows}.", "tags": ["basics"],
              "options": [ { "text": "WHERE", "correct": true, "feedback": "Yes: rows = filtered" },
                           { "text": "%50 of GROUP BY" } ] },
            { "id": "joins", "type": "multiple", "skill": "sql", "prompt": "Which are joins?", "pool": "exam", "points": 2,
              "options": [ { "text": "INNER", "correct": true }, { "text": "OUTER", "correct": true },
                           { "text": "UNION" }, { "text": "LIMIT" } ] },
            { "id": "null", "type": "true-false", "skill": "sql", "prompt": "NULL = NULL is true.", "answer": false, "timeLimit": 30 },
            { "id": "name", "type": "text", "skill": "sql", "prompt": "Name the language.", "accept": ["SQL", "a*b"],
              "pattern": "s\\\\s*q\\\\s*l" },
            { "id": "rows", "type": "numeric", "skill": "sql", "prompt": "How many rows?", "answer": 200,
              "relativeTolerance": 0.05, "unit": "rows" },
            { "id": "order", "type": "ordering", "skill": "sql", "prompt": "Order the clauses.", "items": ["FROM", "WHERE", "SELECT"] }
          ],
          "quizzes": [ { "id": "exam", "title": "Exam", "mode": "exam", "timeLimit": 600,
                         "sections": [ { "title": "All", "from": { "skills": ["sql"] } } ] } ]
        }
        """

    static func pack() throws -> Pack {
        let decoded = PackDecoder().decode(bytes: Array(json.utf8), file: "demo.json")
        #expect(decoded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(decoded.diagnostics)")
        return try #require(decoded.pack)
    }

    @Test func giftEscapesWeightsAndNotes() throws {
        let export = PackExportFormat.gift.export(try Self.pack())
        #expect(export.text == """
            // Demo: pack demo 1.2.0, exported by Attest

            $CATEGORY: $course$/top/SQL // queries

            // [id:where] [tag:basics]
            ::where::[markdown]Which clause filters rows?\\n\\nPick one.{
            \t=WHERE#Yes\\: rows \\= filtered
            \t~%0%%50 of GROUP BY
            \t####`WHERE` filters \\{rows\\}.
            }

            // [id:joins]
            ::joins::[markdown]Which are joins?{
            \t~%50%INNER
            \t~%50%OUTER
            \t~%-50%UNION
            \t~%-50%LIMIT
            }

            // [id:null]
            ::null::[markdown]NULL \\= NULL is true.{FALSE}

            // [id:name]
            ::name::[markdown]Name the language.{
            \t=SQL
            \t=a\\*b
            }

            // [id:rows]
            ::rows::[markdown]How many rows?{#200:10}

            """)
        #expect(export.questionCount == 5)
        #expect(export.notes.map(\.description) == [
            "pack: not carried: 1 quiz (1 with time limits)",
            "question where: not carried: difficulty easy",
            "question joins: not carried: pool exam; points 2",
            "question null: not carried: time limit 30 s",
            "question name: not carried: pattern s\\s*q\\s*l (GIFT short answers accept listed answers and * wildcards only)",
            "question rows: not carried: unit rows; relative tolerance 5 % (written as ± 10)",
            "question order: skipped: GIFT has no ordering questions (Moodle XML carries them)",
        ])
    }

    @Test func aikenKeepsSingleAnswerQuestions() throws {
        let export = PackExportFormat.aiken.export(try Self.pack())
        #expect(export.text == """
            Which clause filters rows? Pick one.
            A) WHERE
            B) %50 of GROUP BY
            ANSWER: A

            NULL = NULL is true.
            A) True
            B) False
            ANSWER: B

            """)
        #expect(export.notes.map(\.description) == [
            "pack: not carried: 1 quiz (1 with time limits); skills (Aiken has no categories)",
            "question where: not carried: difficulty easy; explanation; tags; option feedback; line breaks (Aiken texts are one line each)",
            "question joins: skipped: Aiken holds single-answer choice questions only, not multiple",
            "question null: not carried: time limit 30 s; true/false type (written as a choice between True and False)",
            "question name: skipped: Aiken holds single-answer choice questions only, not text",
            "question rows: skipped: Aiken holds single-answer choice questions only, not numeric",
            "question order: skipped: Aiken holds single-answer choice questions only, not ordering",
        ])
    }

    @Test func moodleXMLCarriesEveryType() throws {
        let export = PackExportFormat.moodleXML.export(try Self.pack())
        #expect(export.questionCount == 6)
        #expect(export.text.contains("<category><text>$course$/top/SQL // queries</text></category>"))
        #expect(export.text.contains("<answer fraction=\"-50\" format=\"markdown\"><text>UNION</text></answer>"))
        #expect(export.text.contains("<answer fraction=\"100\" format=\"moodle_auto_format\"><text>200</text><tolerance>10</tolerance></answer>"))
        #expect(export.text.contains("<unit><multiplier>1</multiplier><unit_name>rows</unit_name></unit>"))
        #expect(export.text.contains("<question type=\"ordering\">"))
        #expect(export.text.contains("<answer fraction=\"3\" format=\"markdown\"><text>SELECT</text></answer>"))
        #expect(export.notes.map(\.description) == [
            "pack: not carried: 1 quiz (1 with time limits)",
            "question where: not carried: difficulty easy",
            "question joins: not carried: pool exam",
            "question null: not carried: time limit 30 s",
            "question name: not carried: pattern s\\s*q\\s*l (Moodle short answers accept listed answers and * wildcards only)",
            "question rows: not carried: relative tolerance 5 % (written as ± 10)",
        ])
    }

    @Test func qtiReportsTimeLimitsAndSkipsOrdering() throws {
        let export = PackExportFormat.qti12.export(try Self.pack())
        #expect(export.questionCount == 5)
        #expect(export.text.contains("<fieldentry>multiple_answers_question</fieldentry>"))
        #expect(export.text.contains("<and><varequal respident=\"response1\">choice0</varequal><varequal respident=\"response1\">choice1</varequal>"
            + "<not><varequal respident=\"response1\">choice2</varequal></not><not><varequal respident=\"response1\">choice3</varequal></not></and>"))
        #expect(export.text.contains("<vargte respident=\"response1\">190</vargte><varlte respident=\"response1\">210</varlte>"))
        #expect(export.text.contains("&lt;code&gt;WHERE&lt;/code&gt; filters {rows}."))
        #expect(export.notes.map(\.description) == [
            "pack: not carried: 1 quiz (1 with time limits); skills (QTI 1.2 items carry no category)",
            "question where: not carried: difficulty easy; tags",
            "question joins: not carried: pool exam",
            "question null: not carried: time limit 30 s",
            "question name: not carried: pattern s\\s*q\\s*l (QTI short answers match listed answers only)",
            "question rows: not carried: unit rows",
            "question order: skipped: Canvas's QTI 1.2 has no ordering questions (Moodle XML carries them)",
        ])
    }

    @Test func wildcardPatternsTravelAsStars() throws {
        var pack = try Self.pack()
        pack.questions = [Question(
            id: "mark", skills: [SkillWeight(skill: "sql")], prompt: "How?",
            kind: .shortText(ShortTextKey(accept: ["manually"], pattern: ".*manually.*|by .*hand")), difficultyStated: false)]
        pack.quizzes = []
        let export = PackExportFormat.gift.export(pack)
        #expect(export.text.contains("\t=manually\n\t=*manually*\n\t=by *hand\n"))
        #expect(export.notes.isEmpty)
        let back = try GIFTImporterTests.load(try PackImportFormat.gift.importPack(export.text, id: "back"))
        #expect(back.question("mark")?.kind == .shortText(ShortTextKey(accept: ["manually", "by hand"], pattern: ".*manually.*|by .*hand")))
    }

    /// Python's own XML parser reads every shipped pack's Moodle XML and QTI export, finding every question written.
    @Test func xmlExportsAreWellFormedToAnIndependentParser() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        var expected: [String] = []
        for path in ShippedPacks.paths {
            let data = try #require(FileManager.default.contents(atPath: path))
            let pack = try #require(PackDecoder().decode(bytes: [UInt8](data), file: path).pack)
            for (format, root) in [(PackExportFormat.moodleXML, "quiz"), (.qti12, "questestinterop")] {
                let export = format.export(pack)
                let file = folder.appendingPathComponent("\(pack.id).\(format.fileExtension)").path
                try Data(export.text.utf8).write(to: URL(fileURLWithPath: file))
                files.append(file)
                expected.append("\(root) \(export.questionCount)")
            }
        }
        let script = GIFTImporterTests.folder.appendingPathComponent("moodle/xml_check.py").path
        guard let run = try PythonChecker.run(script, files, requiring: "xml.etree.ElementTree") else {
            print("python3 is missing: the exported XML is not checked independently")
            return
        }
        #expect(run.status == 0, "\(run.output)\(run.error)")
        #expect(run.output.split(separator: "\n").map(String.init) == expected)
    }
}
