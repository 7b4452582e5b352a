import ArgumentParser
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// `creds list` prints exactly the table it always printed: the same columns, widths, dates, order and
/// styles, with pack text shown inert. Pins the format byte for byte so a faster renderer cannot drift.
@Suite("CredentialsListCommand")
struct CredentialsListCommandTests {
    /// 2026-09-21 14:13:20 UTC.
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func award(
        _ id: String, name: String, pack: String, at seconds: Double, expires: Double? = nil, learner: String = "ada"
    ) -> CredentialAward {
        CredentialAward(
            id: id, learner: learner, packID: pack, packVersion: "1.0.0", packHash: "h", credentialID: "c", name: name,
            description: "d", achievementType: "Badge", criteria: "c", awardedAt: Date(timeIntervalSince1970: seconds),
            expiresAt: expires.map { Date(timeIntervalSince1970: $0) }, evidence: CredentialEvidence())
    }

    /// A log with a valid, an expired, a revoked, a wide-character, an over-long, a hostile and a non-UUID entry,
    /// two awarded at the same moment (the later logged, listed first, has the smaller id), and another
    /// learner's credential that must not show.
    static let awards = [
        award("urn:uuid:0a1b2c3d-0000-4000-8000-000000000001", name: "Swift Foundations", pack: "swift-basics",
              at: 1_767_348_000.75, expires: 1_798_884_000),
        award("urn:uuid:11111111-0000-4000-8000-000000000002", name: "日本語の資格", pack: "japanese",
              at: 1_741_046_400, expires: 1_756_944_000),
        award("urn:uuid:22222222-0000-4000-8000-000000000003", name: "Hostile \u{1B}[2J name \u{9B}6n \u{202E}rtl",
              pack: "evil\u{1B}]0;t\u{07}", at: 1_748_736_000.5),
        award("urn:uuid:33333333-0000-4000-8000-000000000004",
              name: "A credential whose name is far too long to fit in the table", pack: "a-pack-id-longer-than-the-column",
              at: 1_700_000_000),
        award("urn:uuid:0000aaaa-0000-4000-8000-000000000005", name: "Swift Foundations", pack: "swift-basics",
              at: 1_767_348_000.75),
        award("legacy-0001-abcdef", name: "Cafe\u{301} Cre\u{300}me", pack: "cafe", at: 1_600_000_000, expires: 1_790_000_000),
        award("urn:uuid:55555555-0000-4000-8000-000000000006", name: "Someone else's", pack: "other", at: 1_767_348_001,
              learner: "grace"),
    ]

    /// What `creds list` (with `arguments`) prints for `awards`, the third one revoked.
    static func list(_ arguments: [String] = [], colour: Bool = false, awards: [CredentialAward] = awards) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-list-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try AttestDatabase.open(path: folder + "/store.sqlite")
        for award in awards { try store.awardCredential(award) }
        if awards.count > 2 {
            try store.revokeCredential(id: awards[2].id, reason: "issued in error", at: Date(timeIntervalSince1970: 1_750_000_000))
        }
        try store.close()
        let output = CapturedOutput()
        let console = Console(
            useColor: colour, isTerminal: colour, width: 80, out: { output.appendOut($0) }, err: { output.appendErr($0) })
        let context = AppContext(
            console: console, environment: [:], clock: TestClock(now: now), storePath: folder + "/store.sqlite",
            learner: "ada", bundledPacks: nil)
        var command = try CredentialsCommand.parseAsRoot(["list"] + arguments)
        try AppContext.$current.withValue(context) { try command.run() }
        return output.standardOutput
    }

    @Test func theTableIsPinnedByteForByte() throws {
        let expected = """
            0000aaaa  Swift Foundations                     swift-basics           earned 2026-01-02 · no expiry  valid
            0a1b2c3d  Swift Foundations                     swift-basics           earned 2026-01-02 · expires 2027-01-02  valid
            22222222  Hostile ^[[2J name <U+9B>6n <U+202E…  evil^[]0;t^G           earned 2025-06-01 · no expiry  revoked
            11111111  日本語の資格                          japanese               earned 2025-03-04 · expires 2025-09-04  expired
            33333333  A credential whose name is far too …  a-pack-id-longer-than-the-column earned 2023-11-14 · no expiry  valid
            01-abcde  Cafe\u{301} Cre\u{300}me                            cafe                   earned 2020-09-13 · expires 2026-09-21  expired

            """
        // Bytes, not Strings: String equality would let a precomposed "é" pass for "e\u{301}".
        #expect(Array(try Self.list().utf8) == Array(expected.utf8))
    }

    @Test func theColouredTableIsPinnedByteForByte() throws {
        let line = try #require(try Self.list(colour: true).split(separator: "\n").first)
        #expect(Array(line.utf8) == Array(("\u{1B}[2m0000aaaa\u{1B}[0m  \u{1B}[1mSwift Foundations                   \u{1B}[0m  "
            + "swift-basics           earned 2026-01-02 · no expiry  \u{1B}[32mvalid\u{1B}[0m").utf8))
    }

    @Test func anEmptyLogSaysHowToEarnACredential() throws {
        #expect(try Self.list(awards: []) == "No credentials yet for ada. Pass an exam ('attest packs' lists them) to earn one.\n")
    }

    @Test(arguments: [false, true])
    func anIdWrittenByOtherMeansIsShownInert(colour: Bool) throws {
        let hostile = [
            Self.award("urn:uuid:\u{1B}[2J\u{9B}6n-0000", name: "N", pack: "p", at: 1_700_000_000),
            Self.award("urn:\r\nuuid:abcdefgh", name: "N", pack: "p", at: 1_700_000_001),
        ]
        let output = try Self.list(colour: colour, awards: hostile)
        HostileInputTests.expectInert(output.replacingOccurrences(of: "\n", with: " "), colour: colour, "creds list ids")
        #expect(output.contains("^[[2J<U+9B>6n"))
    }

    @Test func blocksOfAnySizeWriteTheSameTable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-list-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try AttestDatabase.open(path: folder + "/store.sqlite")
        for award in Self.awards { try store.awardCredential(award) }
        var tables: [[UInt8]] = []
        for blockSize in [1, 100, 1 << 18] {
            // Through the byte path, as on standard output.
            let output = CapturedOutput()
            let console = Console(
                useColor: false, isTerminal: false, out: { _ in Issue.record("the table is written as bytes") },
                err: { output.appendErr($0) }, outBytes: { output.appendOut(String(decoding: $0, as: UTF8.self)) })
            var table = CredentialTable(console: console, now: Self.now)
            table.blockSize = blockSize
            #expect(try table.write(from: store, learner: "ada"))
            tables.append(Array(output.standardOutput.utf8))
        }
        #expect(tables[0] == tables[2] && tables[1] == tables[2])
        #expect(tables[2].filter { $0 == UInt8(ascii: "\n") }.count == 6)
    }
}
