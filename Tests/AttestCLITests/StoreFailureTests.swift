import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// A store that cannot be written — a read-only file, a disk that fills up, before a quiz or in the
/// middle of one — gives a plain message and a non-zero exit, keeps every row already recorded, and
/// leaves an interrupted attempt resumable.
@Suite("StoreFailure", .serialized)
struct StoreFailureTests {
    static let quizID = "data-analytics-exam"

    static func answers(seed: UInt64) throws -> [String] {
        try ShippedPacks.answers(pack: try #require(ShippedPacks.pack("data-analytics")), quiz: quizID, seed: seed)
    }

    /// Takes the exam perfectly with `seed`, storing in `store`; returns the attempt id.
    static func recordOneAttempt(_ sandbox: AttestSandbox, store: String, seed: UInt64 = 1) throws -> String {
        let file = try sandbox.write(try answers(seed: seed).joined(separator: "\n") + "\n", to: "answers-\(seed).txt")
        let run = try sandbox.run(
            ["take", quizID, "--seed", String(seed), "--answers", file, "--json"], extraEnvironment: ["ATTEST_STORE": store])
        try #require(run.status == 0, "\(run.standardError)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        return try #require(result["attemptId"] as? String)
    }

    /// The message is for a person: no SQLite result codes, no crash report.
    static func expectPlainFailure(_ run: AttestSandbox.Run, mentioning words: String) {
        #expect(run.status != 0)
        #expect(run.standardError.contains(words), "\(run.standardError)")
        for raw in ["SQLITE_", "SQLite error", "Fatal error", "Stack dump", "disk I/O error", "database or disk is full"] {
            #expect(!(run.standardOutput + run.standardError).contains(raw), "raw '\(raw)' in: \(run.standardError)")
        }
    }

    static func expectIntact(store: String, attemptID: String, answers: Int) throws {
        let database = try reopen(store)
        #expect(database.check().isEmpty)
        #expect(try database.attempt(attemptID)?.status == .completed)
        #expect(try database.responses(attemptID: attemptID).count == answers)
        #expect(try database.responses(attemptID: attemptID).allSatisfy { $0.score == 1 })
        try database.close()
    }

    @Test func readOnlyStoreFileIsRefusedPlainlyAndKeepsItsRows() throws {
        let sandbox = try AttestSandbox()
        let store = sandbox.root.appendingPathComponent("store/attest.sqlite").path
        let attemptID = try Self.recordOneAttempt(sandbox, store: store)
        #expect(chmod(store, 0o444) == 0)
        let file = try sandbox.write(try Self.answers(seed: 2).joined(separator: "\n") + "\n", to: "more.txt")
        for arguments in [["take", Self.quizID, "--seed", "2", "--answers", file], ["creds", "revoke", "x", "--reason", "y"]] {
            let run = try sandbox.run(arguments, extraEnvironment: ["ATTEST_STORE": store])
            Self.expectPlainFailure(run, mentioning: "is read-only")
        }
        #expect(chmod(store, 0o600) == 0)
        try Self.expectIntact(store: store, attemptID: attemptID, answers: try Self.answers(seed: 1).count)
    }

    /// A store others can read is refused, untouched, with the command that fixes it.
    @Test func aStoreReadableByOthersIsRefusedWithTheFix() throws {
        let sandbox = try AttestSandbox()
        let store = sandbox.root.appendingPathComponent("store/attest.sqlite").path
        let attemptID = try Self.recordOneAttempt(sandbox, store: store)
        #expect(chmod(store, 0o644) == 0)
        let run = try sandbox.run(["creds", "list"], extraEnvironment: ["ATTEST_STORE": store])
        Self.expectPlainFailure(run, mentioning: "chmod 600 \(store)")
        #expect(chmod(store, 0o600) == 0)
        try Self.expectIntact(store: store, attemptID: attemptID, answers: try Self.answers(seed: 1).count)
    }

    /// A store in a folder other users can write to (they could swap the file) is refused, untouched;
    /// a sticky shared folder like /tmp is not such a folder.
    @Test func aStoreInAFolderOthersCanWriteIsRefusedWithTheFix() throws {
        let sandbox = try AttestSandbox()
        let folder = sandbox.root.appendingPathComponent("store").path
        let store = folder + "/attest.sqlite"
        let attemptID = try Self.recordOneAttempt(sandbox, store: store)
        #expect(chmod(folder, 0o777) == 0)
        let run = try sandbox.run(["creds", "list"], extraEnvironment: ["ATTEST_STORE": store])
        Self.expectPlainFailure(run, mentioning: "chmod go-w \(folder)")
        let fresh = try sandbox.run(["creds", "list"], extraEnvironment: ["ATTEST_STORE": folder + "/new.sqlite"])
        Self.expectPlainFailure(fresh, mentioning: "can be changed by other users")
        #expect(!FileManager.default.fileExists(atPath: folder + "/new.sqlite"), "nothing is created there")
        #expect(chmod(folder, 0o1777) == 0)
        #expect(try sandbox.run(["creds", "list"], extraEnvironment: ["ATTEST_STORE": store]).status == 0, "sticky, like /tmp")
        #expect(chmod(folder, 0o755) == 0)
        try Self.expectIntact(store: store, attemptID: attemptID, answers: try Self.answers(seed: 1).count)
    }

    /// A small tmpfs mounted in the sandbox; nil (with the reason printed) when mounting is not permitted.
    final class TinyDisk {
        let path: String

        init?(in sandbox: AttestSandbox, megabytes: Int) {
            path = sandbox.root.appendingPathComponent("tiny").path
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let status = TinyDisk.command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", path])
            if status != 0 {
                print("StoreFailure: skipping the full-disk case: cannot mount a tmpfs here (mount exit \(status))")
                return nil
            }
        }

        deinit {
            _ = TinyDisk.command("/bin/umount", ["-l", path])
        }

        /// Writes a filler file until the disk refuses even a few bytes more.
        func fill() {
            let filler = path + "/filler"
            FileManager.default.createFile(atPath: filler, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: filler) else { return }
            defer { try? handle.close() }
            for size in [1 << 20, 4096, 64, 1] {
                let chunk = Data(repeating: 0x55, count: size)
                while (try? handle.write(contentsOf: chunk)) != nil {}
            }
        }

        func free() {
            try? FileManager.default.removeItem(atPath: path + "/filler")
        }

        static func command(_ executable: String, _ arguments: [String]) -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return -1 }
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    @Test func fullDiskBeforeAQuizIsReportedPlainlyAndLosesNothing() throws {
        let sandbox = try AttestSandbox()
        guard let disk = TinyDisk(in: sandbox, megabytes: 16) else { return }
        let store = disk.path + "/attest.sqlite"
        let attemptID = try Self.recordOneAttempt(sandbox, store: store)
        disk.fill()
        let file = try sandbox.write(try Self.answers(seed: 2).joined(separator: "\n") + "\n", to: "more.txt")
        let run = try sandbox.run(["take", Self.quizID, "--seed", "2", "--answers", file], extraEnvironment: ["ATTEST_STORE": store])
        Self.expectPlainFailure(run, mentioning: "is full")
        disk.free()
        try Self.expectIntact(store: store, attemptID: attemptID, answers: try Self.answers(seed: 1).count)
    }

    /// Opens the store once the filler is gone. On a loaded machine the freed space can take a moment to
    /// show (seen once in a CI run, never locally): the store may say "full" for a few hundred milliseconds.
    static func reopen(_ store: String) throws -> AttestDatabase {
        var attempt = 1
        while true {
            do {
                return try AttestDatabase.open(path: store)
            } catch StoreError.diskFull where attempt < 20 {
                attempt += 1
                usleep(100_000)
            }
        }
    }

    @Test func journalWriteFailingMidQuizStopsWithTheJournalMessageAndTheAttemptResumes() throws {
        let sandbox = try AttestSandbox()
        guard let disk = TinyDisk(in: sandbox, megabytes: 16) else { return }
        let store = disk.path + "/attest.sqlite"
        let earlier = try Self.recordOneAttempt(sandbox, store: store)
        let answers = try Self.answers(seed: 5)
        let live = try LiveAttest(sandbox, ["take", Self.quizID, "--seed", "5"], extraEnvironment: ["ATTEST_STORE": store])
        live.send(answers[0])
        try #require(live.wait { $0.occurrences(of: "Answer recorded.") == 1 }, "\(live.standardError)")
        disk.fill()
        live.send(answers[1])
        let status = live.finish(timeout: 30)
        #expect(status != nil && status != 0)
        #expect(live.standardError.contains("Could not save your answer"), "\(live.standardError)")
        #expect(live.standardError.contains("run 'attest resume' to continue attempt"), "\(live.standardError)")
        #expect(!live.standardError.contains("SQLITE_") && !live.standardError.contains("Fatal error"), "\(live.standardError)")
        #expect(live.occurrences(of: "Answer recorded.") == 1, "the failed answer is not shown as accepted")

        disk.free()
        let database = try Self.reopen(store)
        let attempt = try #require(try database.unfinishedAttempts(learner: "ada").first)
        #expect(try database.responses(attemptID: attempt.id).count == 1)
        #expect(database.check().isEmpty)
        try database.close()
        let rest = try sandbox.write(answers[1...].joined(separator: "\n") + "\n", to: "rest.txt")
        let resumed = try sandbox.run(["resume", "--answers", rest, "--json"], extraEnvironment: ["ATTEST_STORE": store])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(resumed.standardOutput.utf8)) as? [String: Any])
        #expect(result["attemptId"] as? String == attempt.id)
        #expect(result["status"] as? String == "completed" && result["score"] as? Double == 1)
        try Self.expectIntact(store: store, attemptID: earlier, answers: try Self.answers(seed: 1).count)
        try Self.expectIntact(store: store, attemptID: attempt.id, answers: answers.count)
    }
}
