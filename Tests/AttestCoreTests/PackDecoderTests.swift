import AttestCore
import Foundation
import Testing

@Suite("PackDecoder")
struct PackDecoderTests {
    /// Every broken fixture with the one error it must produce, exactly (`file:line:col: error: message [path] (hint)`).
    static let brokenPacks: [(name: String, error: String)] = [
        ("bad-semver", "bad-semver.json:5:14: error: `version` \"1.0\" is not a semantic version [/version] (write MAJOR.MINOR.PATCH, optionally with -prerelease, e.g. 1.0.0)"),
        ("bad-slug", "bad-slug.json:4:9: error: `id` \"Data_Analytics\" is not a slug [/id] (use lowercase letters and digits in hyphen-separated words, at most 64 characters)"),
        ("control-c1", "control-c1.json:68:19: error: text contains a control character U+009B (CSI): terminal escape sequences are not allowed [/questions/1/options/2/text]"),
        ("control-escape", "control-escape.json:57:17: error: prompt contains a control character U+001B (ESC): terminal escape sequences are not allowed [/questions/1/prompt]"),
        ("credential-bad-reference", "credential-bad-reference.json:214:11: error: credential reference `Other Pack/intro` must be `credentialId` or `packId/credentialId` [/credentials/1/criteria/credentials/1]"),
        ("credential-cycle", "credential-cycle.json:216:11: error: credentials require each other in a cycle: sql-basics → analyst → sql-basics [/credentials/1/criteria/credentials/0]"),
        ("credential-no-criteria", "credential-no-criteria.json:192:19: error: `criteria` must require at least one of `skills`, `quizzes` or `credentials` [/credentials/0/criteria]"),
        ("credential-practice-quiz", "credential-practice-quiz.json:197:11: error: quiz `sample-practice` is a practice quiz; credentials count only exam quizzes [/credentials/0/criteria/quizzes/0]"),
        ("credential-unknown-level", "credential-unknown-level.json:194:18: error: unknown mastery level `master` [/credentials/0/criteria/skills/sql] (use `developing`, `proficient` or `expert`)"),
        ("credential-unknown-skill", "credential-unknown-skill.json:210:11: error: unknown skill `statistics` [/credentials/1/criteria/skills/statistics]"),
        ("duplicate-credential-id", "duplicate-credential-id.json:219:13: error: duplicate credential id `sql-basics` (first defined at /credentials/0) [/credentials/2/id]"),
        ("duplicate-key", "duplicate-key.json:35:7: error: field `prompt` appears more than once [/questions/0/prompt]"),
        ("duplicate-option-text", "duplicate-option-text.json:45:19: error: duplicate option text (same as option 0) [/questions/0/options/2/text]"),
        ("duplicate-question-id", "duplicate-question-id.json:75:13: error: duplicate question id `q-single` (first defined at /questions/0) [/questions/2/id]"),
        ("duplicate-quiz-id", "duplicate-quiz-id.json:187:13: error: duplicate quiz id `sample-practice` (first defined at /quizzes/0) [/quizzes/2/id]"),
        ("duplicate-skill-id", "duplicate-skill-id.json:29:13: error: duplicate skill id `sql` (first defined at /skills/0) [/skills/2/id]"),
        ("empty-option-text", "empty-option-text.json:45:19: error: `text` must not be empty [/questions/0/options/2/text]"),
        ("field-of-other-type", "field-of-other-type.json:52:7: error: `answer` is not a field of `single` questions [/questions/0/answer] (`single` questions use `options`)"),
        ("image-absolute", "image-absolute.json:201:16: error: `image` must be a path relative to the pack file [/credentials/0/image]"),
        ("image-extension", "image-extension.json:201:16: error: `image` must be a .png or .svg file [/credentials/0/image]"),
        ("image-parent", "image-parent.json:201:16: error: `image` must not contain `..`: images stay inside the pack's folder [/credentials/0/image]"),
        ("levels-not-increasing", "levels-not-increasing.json:13:13: error: levels must increase from developing to proficient to expert; found 0.4, 0.95, 0.9 [/levels]"),
        ("missing-title", "missing-title.json:1:1: error: missing required field `title`"),
        ("multiple-none-correct", "multiple-none-correct.json:58:18: error: a `multiple` question needs at least one correct option; none is marked correct [/questions/1/options]"),
        ("no-skills", "no-skills.json:18:13: error: a pack needs at least one skill [/skills]"),
        ("not-an-object", "not-an-object.json:1:1: error: a pack must be an object, found an array"),
        ("numeric-answer-and-range", "numeric-answer-and-range.json:120:7: error: give either `answer` or `range`, not both [/questions/5/answer]"),
        ("numeric-both-tolerances", "numeric-both-tolerances.json:104:7: error: give either `tolerance` or `relativeTolerance`, not both [/questions/4/relativeTolerance]"),
        ("numeric-negative-tolerance", "numeric-negative-tolerance.json:99:20: error: `tolerance` must be at least 0, found -0.5 [/questions/4/tolerance]"),
        ("numeric-range-reversed", "numeric-range-reversed.json:113:16: error: `range` low 5 is greater than high 3 [/questions/5/range]"),
        ("ordering-duplicate-items", "ordering-duplicate-items.json:129:9: error: duplicate item (same as item 0) [/questions/6/items/2]"),
        ("ordering-one-item", "ordering-one-item.json:126:16: error: an `ordering` question needs at least 2 items, found 1 [/questions/6/items]"),
        ("points-negative", "points-negative.json:81:17: error: `points` must be greater than 0, found -1 [/questions/2/points]"),
        ("section-empty-pool", "section-empty-pool.json:153:19: error: this section's pool is empty: no question matches its `from` [/quizzes/0/sections/1/from]"),
        ("section-overdraw-earlier", "section-overdraw-earlier.json:177:19: error: section draws 6 questions but only 5 of its pool of 6 are left after earlier sections [/quizzes/1/sections/1/draw]"),
        ("section-overdraw-shared", "section-overdraw-shared.json:177:19: error: section draws 2 questions but only 1 of its pool of 2 are left after earlier sections [/quizzes/1/sections/1/draw]"),
        ("section-overdraw", "section-overdraw.json:169:19: error: section draws 7 questions but its pool holds only 6 [/quizzes/1/sections/0/draw]"),
        ("single-no-correct", "single-no-correct.json:35:18: error: a `single` question needs exactly one correct option; none is marked correct [/questions/0/options] (add \"correct\": true to the right option)"),
        ("single-two-correct", "single-two-correct.json:35:18: error: a `single` question needs exactly one correct option; 2 are marked correct [/questions/0/options] (use type `multiple` for select-all-that-apply)"),
        ("syntax-comment", "syntax-comment.json:3:16: error: expected a string key after ',', found '/' (comments are not allowed in JSON)"),
        ("syntax-invalid-utf8", "syntax-invalid-utf8.json:6:20: error: invalid UTF-8 byte 0xFF"),
        ("syntax-leading-zero", "syntax-leading-zero.json:200:23: error: numbers must not have leading zeros"),
        ("syntax-lone-surrogate", "syntax-lone-surrogate.json:6:20: error: lone high surrogate \\uD800 must be followed by a low surrogate escape"),
        ("syntax-trailing-comma", "syntax-trailing-comma.json:47:7: error: expected a value after ',' (trailing commas are not allowed)"),
        ("text-accept-empty", "text-accept-empty.json:87:17: error: `accept` must list at least one answer [/questions/3/accept]"),
        ("text-invalid-pattern", "text-invalid-pattern.json:90:18: error: `pattern` is not a valid regular expression [/questions/3/pattern]"),
        ("threshold-out-of-range", "threshold-out-of-range.json:163:24: error: `passThreshold` must be between 0 and 1, found 1.5 [/quizzes/1/passThreshold]"),
        ("time-limit-zero", "time-limit-zero.json:161:20: error: `timeLimit` must be greater than 0, found 0 [/quizzes/1/timeLimit]"),
        ("too-few-options", "too-few-options.json:35:18: error: a choice question needs at least 2 options, found 1 [/questions/0/options]"),
        ("unknown-credential", "unknown-credential.json:213:11: error: unknown credential `sql-basic` [/credentials/1/criteria/credentials/0] (did you mean `sql-basics`?)"),
        ("unknown-field", "unknown-field.json:51:7: error: unknown field `explaination` [/questions/0/explaination] (did you mean `explanation`?)"),
        ("unknown-question", "unknown-question.json:145:15: error: unknown question `q-numerc` [/quizzes/0/sections/0/from/questions/1] (did you mean `q-numeric`?)"),
        ("unknown-quiz", "unknown-quiz.json:197:11: error: unknown quiz `sample-exm` [/credentials/0/criteria/quizzes/0] (did you mean `sample-exam`?)"),
        ("unknown-skill", "unknown-skill.json:33:16: error: unknown skill `sqll` [/questions/0/skill] (did you mean `sql`?)"),
        ("unknown-type", "unknown-type.json:32:15: error: unknown question type `singel` [/questions/0/type] (did you mean `single`?)"),
        ("unsupported-format", "unsupported-format.json:3:13: error: format 2 is not supported; this Attest reads format 1 [/format]"),
        ("wrong-type", "wrong-type.json:52:17: error: `points` must be a number, found a string [/questions/0/points]"),
    ]

    @Test(arguments: brokenPacks.map(\.name))
    func brokenPackReportsItsExactError(name: String) throws {
        let expected = try #require(Self.brokenPacks.first { $0.name == name }).error
        let result = try Fixtures.decodeBroken(name)
        #expect(result.pack == nil)
        #expect(result.errors.map(\.description) == [expected])
        #expect(result.exitCode == 65)
    }

    @Test func everyBrokenFixtureHasAnExpectation() throws {
        let files = try Fixtures.jsonFiles(in: Fixtures.brokenDirectory).map { $0.deletingPathExtension().lastPathComponent }
        let covered = Set(Self.brokenPacks.map(\.name)).union(["many-problems"])
        #expect(Set(files) == covered)
    }

    @Test func diagnosticFieldsAreLocated() throws {
        let diagnostic = try #require(try Fixtures.decodeBroken("unknown-field").errors.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == "unknown-field.json")
        #expect(diagnostic.path == "/questions/0/explaination")
        #expect(diagnostic.line == 51)
        #expect(diagnostic.column == 7)
        #expect(diagnostic.message == "unknown field `explaination`")
        #expect(diagnostic.hint == "did you mean `explanation`?")
    }

    @Test func aPackWithManyProblemsReportsAllOfThem() throws {
        let result = try Fixtures.decodeBroken("many-problems")
        #expect(result.pack == nil)
        #expect(result.errors.map { "\($0.line):\($0.column) \($0.path) \($0.message)" } == [
            "5:14 /version `version` \"one\" is not a semantic version",
            "33:16 /questions/0/skill unknown skill `sqll`",
            "58:18 /questions/1/options a `multiple` question needs at least one correct option; none is marked correct",
            "97:20 /questions/4/tolerance `tolerance` must be at least 0, found -1",
            "161:24 /quizzes/1/passThreshold `passThreshold` must be between 0 and 1, found 2",
            "199:16 /credentials/0/image `image` must not contain `..`: images stay inside the pack's folder",
            "211:11 /credentials/1/criteria/credentials/0 unknown credential `nope`",
        ])
    }

    @Test func theValidSampleDecodesEveryPart() throws {
        let bytes = try Fixtures.bytes(Fixtures.validDirectory.appendingPathComponent("sample.json"))
        let result = PackDecoder().decode(bytes: bytes, file: "sample.json", contentHash: "abc123")
        let pack = try #require(result.pack)
        #expect(result.exitCode == 0)
        #expect(result.errors.isEmpty)
        #expect(result.warnings.map(\.description) == [
            "sample.json:23:5: warning: skill `stats` has only 2 questions; at least 5 are needed to estimate competency [/skills/1]",
        ])
        #expect(pack.contentHash == "abc123")
        #expect(pack.id == "sample")
        #expect(pack.version == SemanticVersion(major: 1, minor: 0, patch: 0))
        #expect(pack.skills.map(\.id) == ["sql", "stats"])
        #expect(pack.questions.map(\.kind.typeName) == ["single", "multiple", "true-false", "text", "numeric", "numeric", "ordering"])
        #expect(pack.questions[0].kind == .singleChoice([
            Option(text: "WHERE", correct: true),
            Option(text: "ORDER BY", correct: false, feedback: "That sorts."),
            Option(text: "GROUP BY", correct: false),
        ]))
        #expect(pack.questions[3].kind == .shortText(ShortTextKey(accept: ["DISTINCT"], pattern: "select\\s+distinct")))
        #expect(pack.questions[4].kind == .numeric(NumericKey(target: .absolute(value: 5, tolerance: 0.01))))
        #expect(pack.questions[5].kind == .numeric(NumericKey(target: .range(low: 3, high: 5), unit: "points")))
        #expect(pack.questions[5].skills == [SkillWeight(skill: "stats", weight: 2), SkillWeight(skill: "sql", weight: 1)])
        #expect(pack.questions[5].timeLimit == 60)
        #expect(pack.questions[1].difficulty == .hard)
        #expect(pack.quizzes[1].sections[0] == QuizSection(pool: .skills(["sql"]), count: 3))
        #expect(pack.quizzes[1].skillThresholds == ["stats": 0.6])
        #expect(pack.quizzes[0].sections[1].pool == .tags(["core"]))
        #expect(pack.credentials[0].criteria == CredentialCriteria(skills: ["sql": .proficient], quizzes: ["sample-exam"]))
        #expect(pack.credentials[1].criteria.credentials == ["sql-basics", "other-pack/intro"])
        #expect(pack.credentials[1].achievementType == "Certificate")
        #expect(pack.credentials[0].validForDays == 365)
        #expect(pack.credentials[0].image == "badges/sql.png")
    }

    @Test func warningsAloneDoNotBlockLoading() throws {
        let json = try PackScaffold.json(id: "warn")
            .replacingOccurrences(of: "\"explanation\": \"Set `answer` to true or false.\"", with: "\"tags\": []")
            .replacingOccurrences(of: "\"prompt\": \"Put these steps in order.\"", with: "\"prompt\": \"\(String(repeating: "long ", count: 420))\"")
        let result = PackDecoder().decode(bytes: Array(json.utf8), file: "warn.json")
        #expect(result.pack != nil)
        #expect(result.exitCode == 0)
        #expect(result.warnings.map(\.message) == [
            "question `true-false-example` has no explanation",
            "`prompt` is 2100 characters long; keep prompts under 2000",
        ])
    }

    @Test func skillsWithoutQuestionsAreWarnedAbout() throws {
        let json = try PackScaffold.json(id: "lonely")
            .replacingOccurrences(of: "\"skills\": [\n", with: "\"skills\": [\n    { \"id\": \"unused\", \"name\": \"Unused\" },\n")
        let result = PackDecoder().decode(bytes: Array(json.utf8), file: "lonely.json")
        #expect(result.pack != nil)
        #expect(result.warnings.map(\.description) == ["lonely.json:12:5: warning: no question evidences skill `unused` [/skills/0]"])
    }

    @Test func unsupportedFormatStopsFurtherChecks() throws {
        let result = PackDecoder().decode(bytes: Array(#"{"format": 3, "id": "BAD", "extra": 1}"#.utf8), file: "f.json")
        #expect(result.diagnostics.map(\.message) == ["format 3 is not supported; this Attest reads format 1"])
    }

    @Test func controlCharactersInKeysAndArraysAreReported() throws {
        let json = try PackScaffold.json(id: "ctl")
            .replacingOccurrences(of: "\"Your Name <you@example.org>\"", with: "\"Eve\\u0007\"")
        let result = PackDecoder().decode(bytes: Array(json.utf8), file: "ctl.json")
        #expect(result.errors.map(\.description) == [
            "ctl.json:8:15: error: authors contains a control character U+0007 (BEL): control characters are not allowed [/authors/0]",
        ])
    }

    @Test func typeErrorsAreCollectedAcrossTheWholePack() throws {
        let json = #"""
        {"format": 1, "id": "t", "version": "1.0.0", "title": 5,
         "skills": [{"id": "s", "name": "S"}],
         "questions": [{"id": "q", "type": "true-false", "skill": "s", "prompt": "P", "answer": "yes", "points": 0}],
         "quizzes": "none"}
        """#
        let result = PackDecoder().decode(bytes: Array(json.utf8), file: "t.json")
        #expect(result.errors.map { "\($0.line):\($0.column) \($0.message)" } == [
            "1:55 `title` must be a string, found a number",
            "3:89 `answer` must be true or false, found a string",
            "3:106 `points` must be greater than 0, found 0",
            "4:13 `quizzes` must be an array, found a string",
        ])
    }

    /// The worked examples in docs/pack-format.md must stay valid: each is loaded as a question of a pack.
    @Test func documentedExamplesAreValidQuestions() throws {
        let doc = String(decoding: try Fixtures.bytes(Fixtures.repositoryRoot.appendingPathComponent("docs/pack-format.md")), as: UTF8.self)
        let section = try #require(doc.range(of: "## Worked examples").map { doc[$0.upperBound...] })
        let examples = section[..<(section.range(of: "\n## ", options: .regularExpression)?.lowerBound ?? section.endIndex)]
            .components(separatedBy: "```json\n").dropFirst()
            .map { $0.components(separatedBy: "```")[0] }
        #expect(examples.count == 7)
        let pack = """
            {"format": 1, "id": "doc", "version": "1.0.0", "title": "Doc",
             "skills": [{"id": "sql", "name": "SQL"}, {"id": "stats", "name": "Stats"}],
             "questions": [\(examples.joined(separator: ","))]}
            """
        let result = PackDecoder().decode(bytes: Array(pack.utf8), file: "doc.json")
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description))")
        #expect(result.pack?.questions.map(\.kind.typeName) == ["single", "multiple", "true-false", "text", "numeric", "numeric", "ordering"])
    }
}
