import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@Suite("PackLintCommand")
struct PackLintCommandTests {
    @Test func shippedPacksLintCleanAndBrokenOnesExit65WithLocations() throws {
        let sandbox = try AttestSandbox()
        // Credential packs must pass --strict: no item-writing cue, no practice route into a credential exam.
        let clean = try sandbox.run(["pack", "lint", "--strict", ShippedPacks.directory.path])
        #expect(clean.status == 0, "\(clean.standardError)")
        #expect(clean.standardOutput.components(separatedBy: "0 errors").count - 1 == ShippedPacks.paths.count)
        let broken = try sandbox.write("""
            {"format": 1, "id": "Bad Id", "version": "1.0", "title": "x",
             "skills": [{"id": "s", "name": "S"}],
             "questions": [{"id": "q", "type": "single", "skill": "s", "prompt": "p", "explaination": "e",
                            "options": [{"text": "a", "correct": true}, {"text": "b", "correct": true}]}]}
            """, to: "broken.json")
        let run = try sandbox.run(["pack", "lint", broken, "--no-color"])
        #expect(run.status == 65)
        #expect(run.standardError.contains("broken.json:1:21: error: `id` \"Bad Id\" is not a slug [/id]"))
        #expect(run.standardError.contains("did you mean `explanation`?"))
        let json = try sandbox.run(["pack", "lint", broken, "--format", "json"])
        let files = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        let diagnostics = try #require(files.first?["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count >= 4, "every problem is reported, not just the first")
        #expect(diagnostics.allSatisfy { ($0["line"] as? Int ?? 0) > 0 && $0["path"] is String })
    }

    /// Item-writing warnings are found on the decoded pack, yet each carries the line and column of the
    /// question it names, and a note at every other question the message names (both of a give-away pair).
    @Test func itemWritingWarningsAreLocatedAtEveryQuestionTheyName() throws {
        let sandbox = try AttestSandbox()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/lint/cues.json").path
        let run = try sandbox.run(["pack", "lint", fixture, "--no-color"])
        #expect(run.status == 0, "warnings only: \(run.standardError)")
        let text = run.standardError
        #expect(text.contains("cues.json:19:5: warning: `giver` contains “k-fold cross-validation”, the keyed answer of `keyed`"), "\(text)")
        #expect(text.contains("cues.json:8:5: note: `keyed` keys “k-fold cross-validation” [/questions/0]"), "\(text)")
        #expect(text.contains("cues.json:30:5: warning: true-false `always-1` says “always” and is keyed false"), "\(text)")
        #expect(text.contains("cues.json:35:5: note: `always-2` also says “always” and is keyed false [/questions/3]"), "\(text)")
        #expect(text.contains("cues.json:40:5: warning: question `undated` has no `difficulty` [missing-difficulty] [/questions/4]"), "\(text)")
        #expect(!text.contains(":0:0"), "\(text)")

        let json = try sandbox.run(["pack", "lint", fixture, "--format", "json", "--strict"])
        #expect(json.status == 65, "--strict makes the cues errors")
        let files = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        let diagnostics = try #require(files.first?["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 4, "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0["severity"] as? String == "error" && ($0["line"] as? Int ?? 0) > 0 })
        let pair = try #require(diagnostics.first { ($0["message"] as? String)?.contains("give-away-pair") == true })
        #expect(pair["path"] as? String == "/questions/1" && pair["line"] as? Int == 19 && pair["column"] as? Int == 5)
        let notes = try #require(pair["notes"] as? [[String: Any]])
        #expect(notes.count == 1 && notes[0]["path"] as? String == "/questions/0" && notes[0]["line"] as? Int == 8)
    }

    @Test func newPackLintsCleanAndIsNeverOverwrittenSilently() throws {
        let sandbox = try AttestSandbox()
        #expect(try sandbox.run(["pack", "new", "my-pack"]).status == 0)
        let lint = try sandbox.run(["pack", "lint", "--strict", sandbox.root.appendingPathComponent("my-pack.json").path])
        #expect(lint.status == 0 && lint.standardOutput.contains("0 errors, 0 warnings"), "\(lint.standardError)")
        let again = try sandbox.run(["pack", "new", "my-pack"])
        #expect(again.status == 1)
        #expect(again.standardError.contains("already exists"))
        let preview = try sandbox.run(["pack", "preview", sandbox.root.appendingPathComponent("my-pack.json").path])
        #expect(preview.status == 0)
        #expect(preview.standardOutput.contains("[author] answer:"))
    }

    @Test func lintingAGoodAndAMissingFileLintsTheGoodOneAndReportsTheOther() throws {
        let sandbox = try AttestSandbox()
        let good = ShippedPacks.directory.appendingPathComponent("ai-basics.json").path
        let run = try sandbox.run(["pack", "lint", good, "missing.json"])
        #expect(run.status == 65)
        #expect(run.standardOutput.contains("ai-basics.json: 0 errors"), "\(run.standardOutput)")
        let all = run.standardOutput + run.standardError
        #expect(all.contains("missing.json") && all.contains("does not exist"), "\(all)")
    }

    @Test func packNewAcceptsSixtyFourCharacterIdsAndNamesASchemaThatResolves() throws {
        let sandbox = try AttestSandbox()
        let id = String(repeating: "abcdefg-", count: 8).dropLast() + "h"
        #expect(id.count == 64)
        let made = try sandbox.run(["pack", "new", String(id), "--output", "packs/long.json"])
        #expect(made.status == 0, "\(made.standardError)")
        let path = sandbox.root.appendingPathComponent("packs/long.json")
        #expect(try sandbox.run(["pack", "lint", path.path]).status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any])
        let schema = try #require(json["$schema"] as? String)
        let resolved = path.deletingLastPathComponent().appendingPathComponent(schema).standardizedFileURL.path
        #expect(FileManager.default.fileExists(atPath: resolved), "\(schema) resolves beside the new file")
        let bad = try sandbox.run(["pack", "new", "Bad_Id"])
        #expect(bad.status == 64 && bad.standardError.contains("(the ID argument)") && !bad.standardError.contains("--id"))
    }
}
