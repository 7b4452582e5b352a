import AttestCore
import Testing

@Suite("PackScaffold")
struct PackScaffoldTests {
    @Test func theScaffoldLintsCleanAndShowsEveryPart() throws {
        let json = try PackScaffold.json(id: "data-analytics")
        let result = PackDecoder().decode(bytes: Array(json.utf8), file: "data-analytics.json")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let pack = try #require(result.pack)
        #expect(pack.id == "data-analytics")
        #expect(pack.title == "Data Analytics")
        #expect(Set(pack.questions.map(\.kind.typeName)) == Set(PackStatistics.questionTypes))
        #expect(pack.quizzes.map(\.mode) == [.practice, .exam])
        #expect(pack.quizzes.map(\.id) == ["data-analytics-practice", "data-analytics-exam"])
        #expect(pack.credentials.count == 1)
        #expect(pack.credentials[0].criteria.quizzes == ["data-analytics-exam"])
    }

    /// One of each thing an exam whose pass means something needs, and no item-writing cue: the scaffold
    /// passes `pack lint --strict`, as credential packs must.
    @Test func theScaffoldShowsPoolsTemplatesAndADecisionRuleAndPassesStrictLint() throws {
        let pack = try #require(PackDecoder().decode(bytes: Array(try PackScaffold.json(id: "demo").utf8), file: "demo.json").pack)
        #expect(pack.questions.contains { $0.pool == .exam && $0.template == nil })
        #expect(pack.questions.contains { $0.pool == .practice })
        #expect(pack.questions.contains { $0.template != nil && $0.pool == .exam })
        let exam = try #require(pack.quiz("demo-exam"))
        #expect(exam.decision != nil)
        #expect(pack.credentials.contains { $0.criteria.quizzes.contains(exam.id) })
        #expect(ItemWritingLint.findings(pack) == [])
        let report = ExamPoolReport(pack: pack)
        #expect(report.rows.contains { $0.quizID == exam.id && $0.countsForCredential && $0.overlap.isEmpty })
    }

    @Test func aTitleIsEscapedIntoTheJSON() throws {
        let json = try PackScaffold.json(id: "quotes", title: "Say \"hi\" \\ now")
        let pack = try #require(PackDecoder().decode(bytes: Array(json.utf8), file: "q.json").pack)
        #expect(pack.title == "Say \"hi\" \\ now")
        #expect(pack.credentials[0].name == "Say \"hi\" \\ now: Basics")
    }

    /// A blank title falls back to the one made from the id (an empty title would not load).
    @Test(arguments: ["", "  \n"])
    func aBlankTitleFallsBackToTheDefault(title: String) throws {
        let json = try PackScaffold.json(id: "data-analytics", title: title)
        let pack = try #require(PackDecoder().decode(bytes: Array(json.utf8), file: "d.json").pack)
        #expect(pack.title == "Data Analytics")
    }

    /// A control character would be written into the pack, which would then not load.
    @Test func aTitleWithAControlCharacterIsRefused() {
        #expect(throws: PackScaffold.Failure.invalidTitle(control: "\u{1B}")) {
            try PackScaffold.json(id: "data-analytics", title: "Data \u{1B}[31mAnalytics")
        }
    }

    @Test(arguments: ["Data_Analytics", "", "-x", String(repeating: "a", count: 65)])
    func badIDsAreRefused(id: String) {
        #expect(throws: PackScaffold.Failure.invalidID(id)) { try PackScaffold.json(id: id) }
    }
}
