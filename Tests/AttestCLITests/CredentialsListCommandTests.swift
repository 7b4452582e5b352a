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
    /// With `storeFolder`, lists the store already there instead.
    static func list(
        _ arguments: [String] = [], colour: Bool = false, awards: [CredentialAward] = awards, storeFolder: String? = nil
    ) throws -> String {
        let folder = storeFolder
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("attest-list-\(UUID().uuidString)").path
        defer { if storeFolder == nil { try? FileManager.default.removeItem(atPath: folder) } }
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
            0000aaaa  Swift Foundations                     swift-basics           earned 2026-01-02 · no expiry  valid    self-assessed
            0a1b2c3d  Swift Foundations                     swift-basics           earned 2026-01-02 · expires 2027-01-02  valid    self-assessed
            22222222  Hostile ^[[2J name <U+9B>6n <U+202E…  evil^[]0;t^G           earned 2025-06-01 · no expiry  revoked  self-assessed
            11111111  日本語の資格                          japanese               earned 2025-03-04 · expires 2025-09-04  expired  self-assessed
            33333333  A credential whose name is far too …  a-pack-id-longer-than-the-column earned 2023-11-14 · no expiry  valid    self-assessed
            01-abcde  Cafe\u{301} Cre\u{300}me                            cafe                   earned 2020-09-13 · expires 2026-09-21  expired  self-assessed

            """
        // Bytes, not Strings: String equality would let a precomposed "é" pass for "e\u{301}".
        #expect(Array(try Self.list().utf8) == Array(expected.utf8))
    }

    @Test func theColouredTableIsPinnedByteForByte() throws {
        let line = try #require(try Self.list(colour: true).split(separator: "\n").first)
        #expect(Array(line.utf8) == Array(("\u{1B}[2m0000aaaa\u{1B}[0m  \u{1B}[1mSwift Foundations                   \u{1B}[0m  "
            + "swift-basics           earned 2026-01-02 · no expiry  \u{1B}[32mvalid  \u{1B}[0m  \u{1B}[2mself-assessed\u{1B}[0m").utf8))
    }

    /// Credentials an organisation issued say who vouches: the trust-list name for a trusted issuer, the claimed
    /// name (quoted, escaped) flagged as an unknown issuer otherwise; self-assessed ones say so. JSON and CSV too.
    @Test func organisationCredentialsSayWhoVouchesForThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-list-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try AttestDatabase.open(path: folder + "/store.sqlite")
        try store.awardCredential(Self.awards[0])
        let trusted = Self.award("urn:uuid:77777777-0000-4000-8000-000000000007", name: "Data Analyst", pack: "data",
                                 at: 1_767_348_100)
        let unknown = Self.award("urn:uuid:88888888-0000-4000-8000-000000000008", name: "PhD", pack: "phd", at: 1_767_348_200)
        try store.importSignedCredential(trusted, signed: SignedCredentialRecord(
            id: trusted.id, issuerDID: "did:web:acme.example", issuerName: "Acme Academy", jws: "a.b.c"))
        try store.importSignedCredential(unknown, signed: SignedCredentialRecord(
            id: unknown.id, issuerDID: "did:key:zFake", issuerName: "MIT\n✓ VALID", jws: "a.b.c"))
        try store.trustIssuer(TrustedIssuerRecord(did: "did:web:acme.example", name: "Acme (checked by me)", keys: [], addedAt: Self.now))
        try store.close()

        let table = try Self.list(awards: [], storeFolder: folder)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("88888888") && lines[0].hasSuffix(#"valid    issued by "MIT\n✓ VALID" (unknown issuer)"#))
        #expect(lines[1].hasPrefix("77777777") && lines[1].hasSuffix("valid    issued by Acme (checked by me) (trusted)"))
        #expect(lines[2].hasPrefix("0a1b2c3d") && lines[2].hasSuffix("valid    self-assessed"))

        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(try Self.list(["--json"], awards: [], storeFolder: folder).utf8)) as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: json.map { ($0["id"] as? String ?? "", $0["issuer"] as? [String: String] ?? [:]) })
        #expect(byID[unknown.id] == ["trust": "unknown issuer", "did": "did:key:zFake", "name": "MIT\n✓ VALID"])
        #expect(byID[trusted.id] == ["trust": "trusted", "did": "did:web:acme.example", "name": "Acme Academy",
                                     "trustListName": "Acme (checked by me)"])
        #expect(byID[Self.awards[0].id] == ["trust": "self-assessed", "name": "Self-assessed with Attest"])

        let csv = try Self.list(["--csv"], awards: [], storeFolder: folder).components(separatedBy: "\r\n")
        #expect(csv[0].hasSuffix(",issuerTrust,issuerDID,issuerName"))
        #expect(csv[1].hasSuffix(",unknown issuer,did:key:zFake,\"MIT\n✓ VALID\""), "a newline in a field is quoted, never a new row")
        #expect(csv[2].hasSuffix(",trusted,did:web:acme.example,Acme Academy"))
        #expect(csv[3].hasSuffix(",self-assessed,,Self-assessed with Attest"))
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
