import AttestCore
import AttestCredentials
import AttestStore
import LineEditor
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// Issue #12's findings 1, 2 and 5, end to end: numbers that lint clean but crash, file-system shapes
/// that recurse, and the smaller side effects. Each test failed (crashed, or found the flaw) before the fix.
extension HostileInputTests {
    /// Signals a crash shows up as (SIGILL, SIGTRAP, SIGABRT, SIGSEGV from a shell's point of view).
    static let crashStatuses: Set<Int32> = [132, 133, 134, 139]

    static func expectNoCrash(_ run: AttestSandbox.Run, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!crashStatuses.contains(run.status) && !run.standardError.contains("Fatal error"),
                "\(what) crashed (\(run.status)): \(run.standardError.prefix(300))", sourceLocation: sourceLocation)
    }

    /// The sample pack with `edit` applied, lint-clean otherwise (no image, no other pack's credential).
    static func samplePack(_ edit: (inout [String: Any]) throws -> Void) throws -> String {
        var pack = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: samplePack)) as? [String: Any])
        pack["$schema"] = nil
        var credentials = try #require(pack["credentials"] as? [[String: Any]])
        for index in credentials.indices {
            credentials[index]["image"] = nil
            if var criteria = credentials[index]["criteria"] as? [String: Any] {
                criteria["credentials"] = nil
                credentials[index]["criteria"] = criteria
            }
        }
        pack["credentials"] = credentials
        try edit(&pack)
        return String(decoding: try JSONSerialization.data(withJSONObject: pack, options: .sortedKeys), as: UTF8.self)
    }

    // MARK: - Finding 1: numbers

    @Test(arguments: ["1e19", "1e300"])
    func hugeTimeLimitsAreLintErrorsAndNoCommandCrashes(limit: String) throws {
        let sandbox = try AttestSandbox()
        let text = try Self.samplePack { pack in
            var quizzes = try #require(pack["quizzes"] as? [[String: Any]])
            quizzes[1]["timeLimit"] = "@quiz@"
            pack["quizzes"] = quizzes
            var questions = try #require(pack["questions"] as? [[String: Any]])
            questions[0]["timeLimit"] = "@question@"
            pack["questions"] = questions
        }.replacingOccurrences(of: "\"@quiz@\"", with: limit).replacingOccurrences(of: "\"@question@\"", with: limit)
        let file = try sandbox.write(text, to: "data/attest/packs/huge.json")
        let lint = try sandbox.run(["pack", "lint", file])
        #expect(lint.status == 65, "\(lint.standardError)")
        #expect(lint.standardError.contains("`timeLimit` must be at most 604800 seconds (one week)"))
        #expect(lint.standardError.contains("`timeLimit` must be at most 86400 seconds (one day)"))
        for arguments in [["packs"], ["pack", "stats", file], ["pack", "preview", file], ["take", "sample-exam"], ["progress"]] {
            Self.expectNoCrash(try sandbox.run(arguments, input: "\n"), arguments.joined(separator: " "))
        }
        let repl = try sandbox.run([], input: "packs\nquit\n")
        Self.expectNoCrash(repl, "the REPL's packs")
        #expect(repl.standardError.contains("huge.json: not loaded"))
    }

    /// One attempt as `attempts export` writes it, with a placeholder where `pointer` is.
    static func attemptLine(setting field: String, to number: String) throws -> String {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let attempt = RecordedAttempt(
            attempt: AttemptRecord(
                id: "a1", learner: "ada", packID: "sample", packVersion: "1.0.0", packHash: "h", quizID: "sample-exam",
                mode: .exam, seed: 7, questionIDs: ["q-single"], startedAt: now, endedAt: now.addingTimeInterval(60), status: .completed),
            responses: [ResponseRecord(
                attemptID: "a1", position: 0, questionID: "q-single", outcome: .answered, given: "a", selection: [0], score: 1,
                points: 1, maxPoints: 1, skills: [SkillWeight(skill: "sql")], difficulty: .medium, shownAt: now, answeredAt: now)])
        let line = try AttemptsFile.encode([attempt])
        var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let path = field.split(separator: ".").map(String.init)
        func set(_ value: Any, _ path: ArraySlice<String>) -> Any {
            guard let key = path.first else { return "@number@" }
            if var array = value as? [Any], let index = Int(key) {
                array[index] = set(array[index], path.dropFirst())
                return array
            }
            var dictionary = value as? [String: Any] ?? [:]
            dictionary[key] = set(dictionary[key] as Any, path.dropFirst())
            return dictionary
        }
        object = try #require(set(object, path[...]) as? [String: Any])
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
            .replacingOccurrences(of: "\"@number@\"", with: number) + "\n"
    }

    static let attemptNumericFields = [
        "attempt.startedAt", "attempt.endedAt", "attempt.seed", "responses.0.position", "responses.0.score", "responses.0.points",
        "responses.0.maxPoints", "responses.0.selection.0", "responses.0.skills.0.weight", "responses.0.shownAt", "responses.0.answeredAt",
    ]

    @Test(arguments: attemptNumericFields)
    func everyNumberOfAnAttemptFileIsCheckedNeverTrapped(field: String) throws {
        for number in PackLimitsSweep.extremes {
            let line = try Self.attemptLine(setting: field, to: number)
            do {
                let attempts = try AttemptsFile.decode(line, file: "sweep.jsonl")
                let inRange = attempts.allSatisfy { $0.outOfRange.isEmpty }
                #expect(inRange, "\(field) = \(number) accepted out of range")
                for attempt in attempts {
                    _ = ISODate.format(attempt.attempt.endedAt ?? attempt.attempt.startedAt)
                    _ = attempt.responses.map { DurationText.minutes($0.duration) }
                }
            } catch {
                #expect(!error.localizedDescription.isEmpty)
            }
        }
        guard field != "attempt.seed" else { return }  // any 64-bit seed is a seed
        let huge = try Self.attemptLine(setting: field, to: "1e19")
        #expect(throws: InstructorFileError.self, "\(field) = 1e19 is refused") { try AttemptsFile.decode(huge, file: "f.jsonl") }
    }

    @Test func anImportedEndedAtOf1e19IsRefusedAndDatesNeverTrap() throws {
        let sandbox = try AttestSandbox()
        let file = try sandbox.write(try Self.attemptLine(setting: "attempt.endedAt", to: "1e19"), to: "huge.jsonl")
        let run = try sandbox.run(["attempts", "import", file])
        #expect(run.status == 65)
        #expect(run.standardError.contains("`endedAt` 1e+19 is not a date between 1970 and 9999"), "\(run.standardError)")
        #expect(run.standardError.contains("nothing from this file was imported"))
        let stats = try sandbox.run(["stats", "sample", "--from", file])
        Self.expectNoCrash(stats, "stats --from")
        // What a store written by other means could still hold is shown clamped, never trapped on.
        for seconds in [1e19, -1e19, 1e308, .nan, .infinity, -.infinity] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(["9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z"].contains(ISODate.format(date)))
            #expect(!DurationText.clock(seconds).isEmpty && !DurationText.minutes(seconds).isEmpty)
        }
    }

    @Test func theSweepCoversCredentialsAndGIFTNumbersToo() throws {
        func base64URL(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        for number in PackLimitsSweep.extremes {
            let header = base64URL(#"{"alg":"ES256","typ":"JWT","kid":\#(number)}"#)
            let payload = base64URL(#"{"nbf":\#(number),"exp":\#(number),"iat":\#(number),"vc":{"validFrom":\#(number),"credentialSubject":{"result":[{"value":\#(number)}]}}}"#)
            for text in ["\(header).\(payload).AAAA", #"{"jwt":\#(number)}"#, #"{"jwt":"\#(header).\#(payload).AAAA","credential":{"validFrom":\#(number)}}"#] {
                let report = CredentialVerifier.verify(data: Data(text.utf8), now: Date(timeIntervalSince1970: 1_800_000_000))
                #expect(!report.isValid)
            }
            let gift = "::q1:: How many? {#\(number):\(number)}\n\n::q2:: Range? {#\(number)..\(number)}\n"
            if let result = try? GIFTImporter.importPack(gift, id: "sweep"), let json = result.json {
                _ = PackDecoder().decode(bytes: Array(json.utf8), file: "sweep.json")
            }
        }
    }

    // MARK: - Finding 2: symbolic links

    @Test func danglingLinksAndLoopsAreRefusedWhereverAttestWrites() throws {
        let sandbox = try AttestSandbox()
        let dangling = sandbox.root.appendingPathComponent("dangling").path
        let loop = sandbox.root.appendingPathComponent("loop").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: sandbox.root.path + "/missing/target")
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: sandbox.root.path + "/loop2")
        try FileManager.default.createSymbolicLink(atPath: sandbox.root.path + "/loop2", withDestinationPath: loop)
        let bank = try sandbox.write("::q:: 2+2? {=4 ~3 ~5}\n", to: "bank.gift")
        for path in [dangling, loop, loop + "/inside.sqlite"] {
            let runs = [
                ("--store", try sandbox.run(["progress", "--store", path])),
                ("store backup", try sandbox.run(["store", "backup", path])),
                ("attempts export", try sandbox.run(["attempts", "export", "--output", path])),
                ("pack new", try sandbox.run(["pack", "new", "demo", "--output", path])),
                ("pack import", try sandbox.run(["pack", "import", bank, "--format", "gift", "--id", "bank", "--output", path])),
            ]
            for (what, run) in runs {
                Self.expectNoCrash(run, "\(what) \(path)")
                #expect(run.status != 0, "\(what) \(path) is refused")
                #expect(run.standardError.contains("symbolic link"), "\(what) \(path): \(run.standardError)")
            }
        }
        var isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: dangling)) != nil
        #expect(isLink, "the dangling link is left as it was, not replaced by a file")
        isLink = FileManager.default.fileExists(atPath: sandbox.root.path + "/missing")
        #expect(!isLink, "nothing was created through the link")
    }

    // MARK: - Finding 5: side effects and messages

    @Test func credsVerifyWithAStoreThatDoesNotExistCreatesNone() throws {
        let sandbox = try AttestSandbox()
        let store = sandbox.root.appendingPathComponent("never/store.sqlite").path
        let file = try sandbox.write("not a credential", to: "c.jwt")
        let run = try sandbox.run(["creds", "verify", file, "--store", store])
        Self.expectNoCrash(run, "creds verify")
        #expect(!FileManager.default.fileExists(atPath: store) && !FileManager.default.fileExists(atPath: sandbox.root.path + "/never"))
    }

    @Test func aZeroedIssuerKeySaysWhatIsWrong() {
        #expect(throws: CredentialError.self) { try IssuerKey(rawRepresentation: Data(count: 32)) }
        let message = CredentialError.invalidIssuerKey(byteCount: 32).errorDescription ?? ""
        #expect(!message.contains("32 bytes, expected 32") && message.contains("zero or out of range"), "\(message)")
        #expect(CredentialError.invalidIssuerKey(byteCount: 7).errorDescription?.contains("7 bytes, expected 32") == true)
    }

    @Test func oversizedCredentialFilesAreRefusedUnread() throws {
        let sandbox = try AttestSandbox()
        let file = sandbox.root.appendingPathComponent("big.jwt").path
        #expect(FileManager.default.createFile(atPath: file, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.truncate(atOffset: UInt64(CredentialVerifier.maximumInputSize + 1))
        try handle.close()
        let run = try sandbox.run(["creds", "verify", file])
        #expect(run.status == 64 && run.standardError.contains("larger than 32 MB"), "\(run.standardError)")
        let report = CredentialVerifier.verify(data: Data(count: CredentialVerifier.maximumInputSize + 1), now: Date())
        #expect(!report.isValid && report.checks.first?.detail.contains("larger than") == true)
    }
}

/// The extreme numbers every sweep feeds through (NaN and Infinity are not JSON; 1e400 overflows).
enum PackLimitsSweep {
    static let extremes = [
        "0", "-0", "-1", "0.5", "5e-324", "1e19", "-1e19", "1e300", "1e308", "-1e308", "9007199254740993",
        "1e400", "NaN", "Infinity",
    ]
}

// MARK: - Finding 3: one sanitising path for everything that did not come from Attest

extension HostileInputTests {
    /// OSC title, clear screen, a C1 CSI, a right-to-left override, an isolate and a zero-width space.
    static let hostileName = "evil\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}6n\u{202E}txt\u{2066}\u{200B}"

    /// Fails when `output` holds a raw C0 (other than newline and tab) or C1 control, a bidi control or an
    /// invisible zero-width character.
    static func expectNothingRaw(_ output: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let raw = output.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A, 0x09: false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200B, 0x200E, 0x200F, 0xFEFF: true
            default: false
            }
        }
        #expect(raw.isEmpty, "\(what): raw \(raw.map { "U+" + String($0.value, radix: 16) }) in \(output.debugDescription.prefix(300))",
                sourceLocation: sourceLocation)
    }

    @Test func hostileNamesThroughEveryCommandNeverReachTheTerminalRaw() throws {
        let sandbox = try AttestSandbox()
        let name = Self.hostileName
        let hostileFile = try sandbox.write("{ not json " + name, to: "packs/" + name + ".json")
        let junk = try sandbox.write("junk " + name, to: name + ".jwt")
        let missing = sandbox.root.appendingPathComponent("missing-" + name).path
        let commands: [[String]] = [
            ["take", name], ["practice", name], ["stats", name], ["progress", name], ["resume", name], ["load", missing],
            ["creds", "show", name], ["creds", "export", name], ["creds", "revoke", name], ["creds", "share", name],
            ["creds", "verify", missing], ["creds", "verify", junk], ["pack", "lint", hostileFile], ["pack", "lint", missing],
            ["pack", "preview", missing], ["pack", "stats", missing], ["pack", "import", missing, "--format", "gift"],
            ["pack", "import", junk, "--format", "aiken", "--output", sandbox.root.path + "/out-" + name + ".json"],
            ["pack", "new", name], ["attempts", "import", missing], ["attempts", "import", junk], ["stats", "x", "--from", missing],
            ["store", "backup", sandbox.root.path + "/backup-" + name + ".sqlite"], ["packs", "--packs", sandbox.root.path + "/packs"],
            ["packs", "--packs", missing], ["--learner", name, "progress"], ["--learner", name, "creds", "list"],
            ["--store", missing + "/store.sqlite", "progress"], [name], ["take", "--seed", name],
        ]
        for arguments in commands {
            let run = try sandbox.run(arguments, input: "\n")
            Self.expectNoCrash(run, arguments.joined(separator: " "))
            Self.expectNothingRaw(run.standardOutput + run.standardError, arguments.joined(separator: " ").debugDescription)
        }
        let repl = try sandbox.run([], input: ["take " + name, name, "creds show " + name, "packs --packs " + sandbox.root.path + "/packs", "quit"]
            .joined(separator: "\n") + "\n")
        Self.expectNothingRaw(repl.standardOutput + repl.standardError, "the REPL")
        let lint = try sandbox.run(["pack", "lint", hostileFile])
        #expect(lint.standardError.contains("evil^[]0;pwned^G^[[2J<U+9B>6n<U+202E>txt<U+2066><U+200B>"), "shown, inert: \(lint.standardError)")
    }

    @Test func completionCandidatesAreShownInert() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-complete-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent(Self.hostileName + ".json").path, contents: Data()))
        let (console, _) = Self.console(colour: false)
        let context = AppContext(console: console, environment: [:], storePath: folder.path + "/store.sqlite", learner: "ada", bundledPacks: nil)
        let candidates = ReplCompletion(context: context).candidates(for: "pack lint " + folder.path + "/").candidates
        #expect(candidates.count == 1)
        Self.expectNothingRaw(candidates.joined(separator: "\n"), "completion")
        #expect(candidates.first?.contains("<U+202E>") == true)
    }
}
