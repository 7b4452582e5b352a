import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// A credential's badge image can never make Attest read a file outside the pack's folder: path text
/// that climbs out or is absolute is refused by `pack lint`, and a symlink that points outside is
/// refused when the badge is exported.
@Suite("PackImagePath")
struct PackImagePathTests {
    static func dataAnalytics(image: String) throws -> String {
        let url = ShippedPacks.directory.appendingPathComponent("data-analytics.json")
        var pack = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        pack["$schema"] = nil
        var credentials = try #require(pack["credentials"] as? [[String: Any]])
        credentials[0]["image"] = image
        pack["credentials"] = credentials
        return String(decoding: try JSONSerialization.data(withJSONObject: pack, options: .sortedKeys), as: UTF8.self)
    }

    @Test(arguments: ["../../etc/badge.png", "/etc/badge.png", "badges/../../badge.svg"])
    func lintRefusesImagePathsThatLeaveThePackFolder(image: String) throws {
        let sandbox = try AttestSandbox()
        let path = try sandbox.write(try Self.dataAnalytics(image: image), to: "packs/data-analytics.json")
        let run = try sandbox.run(["pack", "lint", path, "--format", "json"])
        #expect(run.status == 65, "\(run.standardOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]])
        let diagnostics = try #require(report.first?["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { $0["path"] as? String == "/credentials/0/image" && ($0["line"] as? Int ?? 0) > 0 },
                "\(diagnostics)")
    }

    @Test func exportRefusesABadgeImageSymlinkedOutsideThePack() throws {
        let sandbox = try AttestSandbox()
        let packs = sandbox.root.appendingPathComponent("packs")
        try sandbox.write("not really a png, and secret", to: "outside/secret.png")
        try sandbox.write(try Self.dataAnalytics(image: "badge.png"), to: "packs/data-analytics.json")
        try FileManager.default.createSymbolicLink(
            atPath: packs.appendingPathComponent("badge.png").path, withDestinationPath: "../outside/secret.png")
        let lint = try sandbox.run(["pack", "lint", packs.appendingPathComponent("data-analytics.json").path])
        #expect(lint.status == 0, "the path text itself is fine: \(lint.standardError)")

        let environment = ["ATTEST_BUNDLED_PACKS": packs.path]
        let pack = try #require(PackDecoder().decode(
            bytes: Array(try Data(contentsOf: packs.appendingPathComponent("data-analytics.json"))), file: "data-analytics.json").pack)
        let answers = try ShippedPacks.answers(pack: pack, quiz: "data-analytics-exam", seed: 42)
        let file = try sandbox.write(answers.joined(separator: "\n") + "\n", to: "answers.txt")
        let take = try sandbox.run(
            ["take", "data-analytics-exam", "--seed", "42", "--answers", file, "--json"], extraEnvironment: environment)
        #expect(take.status == 0, "\(take.standardError)")
        let store = try AttestDatabase.open(path: sandbox.storePath)
        let id = try #require(try store.credentials(learner: "ada").first?.id, "the exam earns the credential")
        try store.close()
        let output = sandbox.root.appendingPathComponent("badge-out.png").path
        let export = try sandbox.run(
            ["creds", "export", id, "--format", "png", "--output", output], extraEnvironment: environment)
        #expect(export.status != 0)
        #expect(export.standardError.contains("The pack's badge image 'badge.png' points outside the pack's folder"),
                "\(export.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output), "nothing was written")
        let jwt = try sandbox.run(["creds", "export", id, "--format", "jwt"], extraEnvironment: environment)
        #expect(jwt.status == 0, "formats without an image still export: \(jwt.standardError)")
    }
}
