import ArgumentParser
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// Terminal escape sequences in every text a pack or a learner can supply: `pack lint` reports each
/// one, and every rendering path that could still meet such text (a store written by other means,
/// typed answers) shows it inert. Only the SGR colour codes Attest adds itself may reach the terminal.
@Suite("HostileInput")
struct HostileInputTests {
    /// Clear screen, clipboard write, title change, cursor move, and a C1 CSI (none of them an SGR colour code).
    static let payloads = [
        "\u{1B}[2J", "\u{1B}]52;c;ZXZpbA==\u{07}", "\u{1B}]0;pwned\u{07}", "\u{1B}[10;10H", "\u{9B}6n",
    ]

    static func hostile(_ index: Int, _ text: String = "text") -> String {
        "\(text) \(payloads[index % payloads.count]) end"
    }

    /// Fails when `output` holds a control character other than newline and tab, or an escape sequence
    /// other than an SGR colour code (and not even those when colour is off).
    static func expectInert(_ output: String, colour: Bool, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var text = output
        if colour {
            text = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        }
        let offending = text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A, 0x09: false
            case 0x00...0x1F, 0x7F, 0x80...0x9F: true
            default: false
            }
        }
        #expect(offending.isEmpty, "\(what): raw \(offending.map { "U+" + String($0.value, radix: 16) }) in \(output.debugDescription.prefix(400))",
                sourceLocation: sourceLocation)
    }

    // MARK: - pack lint

    static var samplePack: URL {
        AttestBinary.repositoryRoot.appendingPathComponent("Tests/AttestCoreTests/Fixtures/valid/sample.json")
    }

    /// The JSON Pointers of the text fields made hostile, and the pack with them.
    static func hostilePack() throws -> (pack: [String: Any], pointers: [String]) {
        var pack = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: samplePack)) as? [String: Any])
        pack["$schema"] = nil
        var pointers: [String] = []
        var counter = 0
        func next(_ pointer: String, _ base: String) -> String {
            pointers.append(pointer)
            counter += 1
            return hostile(counter, base)
        }
        pack["title"] = next("/title", "Sample")
        pack["description"] = next("/description", "About")
        pack["authors"] = [next("/authors/0", "Ada")]
        var skills = try #require(pack["skills"] as? [[String: Any]])
        skills[0]["name"] = next("/skills/0/name", "SQL")
        skills[1]["description"] = next("/skills/1/description", "Spread")
        pack["skills"] = skills
        var questions = try #require(pack["questions"] as? [[String: Any]])
        questions[0]["prompt"] = next("/questions/0/prompt", "Which?")
        var options = try #require(questions[0]["options"] as? [[String: Any]])
        options[0]["text"] = next("/questions/0/options/0/text", "WHERE")
        options[1]["feedback"] = next("/questions/0/options/1/feedback", "Sorts")
        questions[0]["options"] = options
        questions[0]["explanation"] = next("/questions/0/explanation", "Because")
        questions[3]["accept"] = [next("/questions/3/accept/0", "DISTINCT")]
        questions[5]["unit"] = next("/questions/5/unit", "points")
        questions[6]["items"] = [next("/questions/6/items/0", "SELECT"), "FROM", "WHERE"]
        pack["questions"] = questions
        var quizzes = try #require(pack["quizzes"] as? [[String: Any]])
        quizzes[0]["title"] = next("/quizzes/0/title", "Practice")
        quizzes[1]["description"] = next("/quizzes/1/description", "The exam")
        var sections = try #require(quizzes[0]["sections"] as? [[String: Any]])
        sections[0]["title"] = next("/quizzes/0/sections/0/title", "SQL")
        quizzes[0]["sections"] = sections
        pack["quizzes"] = quizzes
        var credentials = try #require(pack["credentials"] as? [[String: Any]])
        credentials[0]["image"] = nil
        credentials[0]["name"] = next("/credentials/0/name", "SQL Basics")
        credentials[0]["description"] = next("/credentials/0/description", "Passed")
        pack["credentials"] = credentials
        return (pack, pointers)
    }

    @Test func packLintReportsEveryHostileTextFieldWithoutEchoingIt() throws {
        let sandbox = try AttestSandbox()
        var (pack, pointers) = try Self.hostilePack()
        let hostile = try sandbox.write(
            String(decoding: try JSONSerialization.data(withJSONObject: pack, options: .sortedKeys), as: UTF8.self),
            to: "hostile.json")
        let run = try sandbox.run(["pack", "lint", hostile, "--format", "json"])
        #expect(run.status == 65, "\(run.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]])
        let diagnostics = try #require(report.first?["diagnostics"] as? [[String: Any]])
        let reported = Set(diagnostics.filter { ($0["message"] as? String)?.contains("terminal escape sequences") == true }
            .compactMap { $0["path"] as? String })
        for pointer in pointers {
            #expect(reported.contains(pointer), "\(pointer) was not reported; reported: \(reported.sorted())")
        }
        #expect(diagnostics.allSatisfy { ($0["line"] as? Int ?? 0) > 0 }, "every report is located")

        let text = try sandbox.run(["pack", "lint", hostile])
        #expect(text.status == 65)
        Self.expectInert(text.standardOutput + text.standardError, colour: false, "pack lint text")
        #expect(text.standardError.contains("U+001B (ESC)") && text.standardError.contains("U+009B (CSI)"))

        // The same pack with the escapes written raw (ESC inside a JSON string is itself invalid JSON; C1 is not).
        var raw = String(decoding: try JSONSerialization.data(withJSONObject: pack, options: .sortedKeys), as: UTF8.self)
        raw = raw.replacingOccurrences(of: "\\u001b", with: "\u{1B}").replacingOccurrences(of: "\\u0007", with: "\u{07}")
            .replacingOccurrences(of: "\\u009b", with: "\u{9B}")
        let rawFile = try sandbox.write(raw, to: "raw.json")
        let rawRun = try sandbox.run(["pack", "lint", rawFile])
        #expect(rawRun.status == 65)
        Self.expectInert(rawRun.standardOutput + rawRun.standardError, colour: false, "pack lint of raw escapes")
        let load = try sandbox.run(["take", "sample-exam", "--packs", sandbox.root.path])
        #expect(load.status == 1, "a pack that fails validation offers no quiz")
        Self.expectInert(load.standardOutput + load.standardError, colour: false, "take from a hostile pack")

        pack = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.samplePack)) as? [String: Any])
        pack["$schema"] = nil
        var credentials = try #require(pack["credentials"] as? [[String: Any]])
        credentials[0]["image"] = nil
        pack["credentials"] = [credentials[0]]
        let clean = try sandbox.write(
            String(decoding: try JSONSerialization.data(withJSONObject: try HugeInputTests.sealed(pack)), as: UTF8.self),
            to: "clean/clean.json")
        let cleanRun = try sandbox.run(["pack", "lint", clean])
        #expect(cleanRun.status == 0, "the untouched sample lints clean: \(cleanRun.standardError)")
    }

    // MARK: - Rendering paths, in-process, colour on and off

    /// A pack that could never pass validation: escape sequences in every text.
    static func hostileModel() -> Pack {
        var index = 0
        func h(_ base: String) -> String {
            index += 1
            return hostile(index, base)
        }
        let questions = [
            Question(
                id: "q-single", skills: [SkillWeight(skill: "s1")], prompt: h("Pick **one** `code`"),
                kind: .singleChoice([
                    Option(text: h("right"), correct: true, feedback: h("yes")),
                    Option(text: h("wrong"), correct: false, feedback: h("no")),
                ]), explanation: h("Because")),
            Question(
                id: "q-text", skills: [SkillWeight(skill: "s2")], prompt: h("Type it"),
                kind: .shortText(ShortTextKey(accept: [h("answer")])), explanation: h("- a list item")),
            Question(
                id: "q-number", skills: [SkillWeight(skill: "s2")], prompt: h("How many?"),
                kind: .numeric(NumericKey(target: .absolute(value: 3, tolerance: 0), unit: h("units")))),
            Question(
                id: "q-order", skills: [SkillWeight(skill: "s1")], prompt: h("Order"), kind: .ordering([h("one"), h("two")])),
        ]
        let quizzes = [
            Quiz(id: "hostile-exam", title: h("Exam"), mode: .exam, sections: [QuizSection(title: h("Part"), pool: .skills(["s1", "s2"]))],
                 timeLimit: 600, questionTimeLimit: 60, allowBack: true),
            Quiz(id: "hostile-practice", title: h("Practice"), mode: .practice, sections: [QuizSection(pool: .skills(["s1", "s2"]))]),
        ]
        return Pack(
            id: "hostile", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: h("Pack"), description: h("About"),
            skills: [Skill(id: "s1", name: h("Skill one")), Skill(id: "s2", name: h("Skill two"), description: h("d"))],
            questions: questions, quizzes: quizzes,
            credentials: [
                CredentialDefinition(id: "c", name: h("Badge"), description: h("Desc"), criteria: CredentialCriteria(skills: ["s1": .proficient])),
            ])
    }

    static func console(colour: Bool) -> (Console, CapturedOutput) {
        let output = CapturedOutput()
        let console = Console(
            useColor: colour, isTerminal: colour, width: 80, out: { output.appendOut($0) }, err: { output.appendErr($0) })
        return (console, output)
    }

    @Test(arguments: [false, true])
    func questionFeedbackResultsAndProgressShowHostileTextInert(colour: Bool) throws {
        let pack = Self.hostileModel()
        let (console, _) = Self.console(colour: colour)
        let view = QuestionView(console: console)
        let clock = TestClock()
        let typed = "\u{1B}]52;c;c3RvbGVu\u{07}\u{1B}[2J\u{9B}1;1H"
        var lines: [String] = []
        var responses: [ResponseRecord] = []
        for quizID in ["hostile-exam", "hostile-practice"] {
            let quiz = try #require(pack.quiz(quizID))
            var engine = QuizEngine(
                pack: pack, quiz: quiz, plan: try QuizPlan(pack: pack, quiz: quiz, seed: 9), attemptID: "a-" + quizID, clock: clock)
            questions: while let item = engine.current {
                lines += view.render(item, pack: pack)
                switch engine.submit(typed) {
                case let .accepted(record, feedback):
                    responses.append(record)
                    if let feedback { lines += view.render(feedback: feedback) }
                case let .invalid(hint):
                    lines.append(hint)
                    guard case let .accepted(record, feedback) = engine.skip() else { break questions }
                    responses.append(record)
                    if let feedback { lines += view.render(feedback: feedback) }
                default:
                    break questions
                }
            }
            if engine.isAwaitingFinish { _ = engine.finish() }
            lines += view.render(result: engine.result(), quiz: quiz, attemptID: engine.attemptID)
        }
        let evidence = responses.map { Evidence(response: $0, mode: .exam, finishedAt: clock.now()) }
        let report = CompetencyEstimator().estimate(pack: pack, evidence: evidence, now: clock.now())
        lines += ProgressView(console: console).render(pack: pack, report: report, attempts: 2)
        let output = lines.joined(separator: "\n")
        Self.expectInert(output, colour: colour, "quiz screens")
        #expect(output.contains("^[]52;c;c3RvbGVu^G"), "the typed answer is echoed visibly in the review")
        #expect(output.contains("<U+9B>6n"), "C1 controls from the pack are shown as text")
        if colour { #expect(output.contains("\u{1B}[1m"), "Attest's own styles still apply") }
    }

    @Test(arguments: [false, true])
    func markdownAndDiagnosticsShowHostileTextInert(colour: Bool) {
        for (index, payload) in Self.payloads.enumerated() {
            let text = "**bold \(payload)** `code \(payload)` _it_\n\n- item \(payload)\n\n```\n\(payload)\n```\n" + Self.hostile(index)
            let lines = MarkdownRenderer(width: 40, useColor: colour, indent: "  ").render(text)
            Self.expectInert(lines.joined(separator: "\n"), colour: colour, "markdown with \(payload.debugDescription)")
        }
        let (console, output) = Self.console(colour: colour)
        let printer = DiagnosticPrinter(console: console)
        printer.print([
            Diagnostic(
                severity: .error, file: Self.hostile(0, "pack.json"), path: Self.hostile(1, "/title"), line: 3, column: 4,
                message: Self.hostile(2, "bad"), hint: Self.hostile(3, "fix")),
            Diagnostic(severity: .warning, file: Self.hostile(4, "f"), path: "", line: 0, column: 0, message: Self.hostile(0)),
        ])
        let summary = printer.summary([], file: Self.hostile(1, "f.json"))
        Self.expectInert(output.standardError + output.standardOutput + summary, colour: colour, "diagnostics")
    }

    @Test(arguments: [false, true])
    func credentialListAndShowFromAStoreWrittenByOtherMeansShowHostileTextInert(colour: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-hostile-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try AttestDatabase.open(path: folder + "/store.sqlite")
        let now = Date()
        try store.awardCredential(CredentialAward(
            id: "urn:uuid:" + UUID().uuidString.lowercased(), learner: "ada", packID: Self.hostile(0, "pack"), packVersion: Self.hostile(1, "1"),
            packHash: Self.hostile(2, "hash"), credentialID: Self.hostile(3, "cred"), name: Self.hostile(4, "Name"),
            description: Self.hostile(0, "Desc"), achievementType: Self.hostile(1, "Type"), criteria: Self.hostile(2, "Crit"),
            awardedAt: now, expiresAt: now.addingTimeInterval(86_400),
            evidence: CredentialEvidence(
                attempts: [EvidenceAttempt(attemptID: Self.hostile(3, "att"), quizID: "q", quizTitle: Self.hostile(4, "Quiz"),
                                           score: 1, passed: true, finishedAt: now)],
                skills: [EvidenceSkill(skillID: "s", skillName: Self.hostile(0, "Skill"), estimate: 0.9, lower: 0.8, upper: 0.95,
                                       evidence: 4, level: .proficient)],
                prerequisites: [Self.hostile(1, "other/cred")]),
            revokedAt: nil, revocationReason: nil))
        let id = try #require(try store.credentials(learner: "ada").first?.id)
        _ = try store.revokeCredential(id: id, reason: Self.hostile(2, "reason"), at: now)
        try store.close()
        let (console, output) = Self.console(colour: colour)
        let context = AppContext(console: console, environment: [:], storePath: folder + "/store.sqlite", learner: "ada", bundledPacks: nil)
        for arguments in [["list"], ["show", String(id.dropFirst("urn:uuid:".count).prefix(8))], ["list", "--csv"]] {
            var command = try CredentialsCommand.parseAsRoot(arguments)
            try AppContext.$current.withValue(context) { try command.run() }
        }
        let shown = (output.standardOutput + output.standardError).replacingOccurrences(of: "\r\n", with: "\n")
        Self.expectInert(shown, colour: colour, "creds list/show (CSV lines end in CRLF)")
        #expect(output.standardOutput.contains("Name <U+9B>6n end"), "the name is shown, inert")
    }

    // MARK: - Typed answers, end to end

    @Test func answersWithEscapeSequencesAreEchoedInertInResultsAndHints() throws {
        let sandbox = try AttestSandbox()
        let pack = try #require(ShippedPacks.pack("data-analytics"))
        let wrong = try ShippedPacks.answers(pack: pack, quiz: "data-analytics-quick-check", seed: 4, correct: false)
        let typed = "\u{1B}]52;c;c3RvbGVu\u{07}\u{1B}[2J\u{9B}1;1H\u{1B}]0;title\u{07}"
        var input: [String] = []
        for answer in wrong { input += [":" + typed, typed, answer] }
        let run = try sandbox.run(["take", "data-analytics-quick-check", "--seed", "4"], input: input.joined(separator: "\n") + "\n")
        #expect(run.status == 0, "\(run.standardError)")
        Self.expectInert(run.standardOutput + run.standardError, colour: false, "quiz transcript")
        #expect(run.standardOutput.contains("Unknown quiz command ':^[]52;c;c3rvbgvu^G"), "commands are echoed lowercased, inert")
        #expect(run.standardOutput.contains("Results"))
    }
}
