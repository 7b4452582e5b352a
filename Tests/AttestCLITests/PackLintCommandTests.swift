import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@Suite("PackLintCommand")
struct PackLintCommandTests {
    @Test func shippedPacksLintCleanAndBrokenOnesExit65WithLocations() throws {
        let sandbox = try AttestSandbox()
        let clean = try sandbox.run(["pack", "lint", ShippedPacks.directory.path])
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

    @Test func newPackLintsCleanAndIsNeverOverwrittenSilently() throws {
        let sandbox = try AttestSandbox()
        #expect(try sandbox.run(["pack", "new", "my-pack"]).status == 0)
        let lint = try sandbox.run(["pack", "lint", sandbox.root.appendingPathComponent("my-pack.json").path])
        #expect(lint.status == 0 && lint.standardOutput.contains("0 errors, 0 warnings"), "\(lint.standardError)")
        let again = try sandbox.run(["pack", "new", "my-pack"])
        #expect(again.status == 64)
        #expect(again.standardError.contains("already exists"))
        let preview = try sandbox.run(["pack", "preview", sandbox.root.appendingPathComponent("my-pack.json").path])
        #expect(preview.status == 0)
        #expect(preview.standardOutput.contains("[author] answer:"))
    }
}
