import AttestCredentials
import AttestRegistry
import AttestTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// The registry's load test (scripts/registry-load): LEARNERS learners (default 1,000) submit real signed
// bundles at once against `attest-registry serve` on a throwaway PostgreSQL; the service is killed with
// SIGKILL and restarted at a quarter of the way, PostgreSQL restarted at 60%. Then every submission,
// credential and audit entry is checked to exist exactly once, graceful shutdown is timed with the
// database down, and the same rows are inserted with psql alone for a baseline. Prints numbers; never a test.

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1000
let requestTimeout = 10
func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

guard let attest = AttestBinary.path else { fatalError("build attest first (scripts/registry-load does)") }
let registryBinary = URL(fileURLWithPath: attest).deletingLastPathComponent().appendingPathComponent("attest-registry").path
let work = FileManager.default.temporaryDirectory.appendingPathComponent("attest-registry-load-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

say("Making \(count) signed submissions (one real exam, a device key and an attempt per learner)…")
let learners = try LoadLearners.make(count: count)
let postgres = try TemporaryPostgres(database: "registry")
let passphrase = "load test passphrase"
let organisation = try IssuerKeyring.create(name: "Load Test College", domain: "registry.example.edu", passphrase: passphrase, at: Date())
let keyringPath = work.appendingPathComponent("college.keyring").path
guard FileManager.default.createFile(
    atPath: keyringPath, contents: Data(organisation.keyring.json.serialized.utf8), attributes: [.posixPermissions: 0o600])
else { throw LoadError("cannot write \(keyringPath)") }
let port = 20_000 + Int(getpid() % 20_000)
let base = "http://127.0.0.1:\(port)"
var environment = ProcessInfo.processInfo.environment
environment["ATTEST_ISSUER_PASSPHRASE"] = passphrase
environment["ATTEST_BUNDLED_PACKS"] = AttestBinary.repositoryRoot.appendingPathComponent("Assessments").path
let registry = try RegistryProcess(
    executable: registryBinary,
    arguments: [
        "serve", "--database", postgres.url(), "--keyring", keyringPath, "--port", String(port), "--rate-limit", "10000000",
        "--request-timeout", String(requestTimeout), "--max-connections", "20",
    ],
    environment: environment, logPath: work.appendingPathComponent("registry.log").path)
try await registry.start(healthURL: URL(string: base + "/health")!)

let configuration = URLSessionConfiguration.ephemeral
configuration.httpMaximumConnectionsPerHost = count
configuration.timeoutIntervalForRequest = 120
let session = URLSession(configuration: configuration)
let run = LoadRun(stallLimit: 60)
let submissions = URL(string: base + "/submissions")!

say("\(count) learners submitting at once; SIGKILL of the registry at 25%, PostgreSQL restart at 60%…")
let started = Date()
var events: [String] = []
try await withThrowingTaskGroup(of: String?.self) { group in
    for learner in learners {
        group.addTask {
            _ = await LoadRun.submit(learner.bundle, to: submissions, session: session, run: run, learner: learner.name)
            return nil
        }
    }
    group.addTask {
        while await run.completed < count / 4 { try await Task.sleep(for: .milliseconds(20)) }
        let at = Date().timeIntervalSince(started)
        registry.kill()
        try await registry.start(healthURL: URL(string: base + "/health")!)
        var lines = String(format: "  %.1f s: registry killed (SIGKILL) after %d answers, restarted in %.1f s", at, await run.completed,
                           Date().timeIntervalSince(started) - at)
        while await run.completed < count * 6 / 10 { try await Task.sleep(for: .milliseconds(20)) }
        let restartAt = Date().timeIntervalSince(started)
        postgres.stop(removing: false)
        try postgres.start()
        lines += String(format: "\n  %.1f s: PostgreSQL restarted (fast shutdown) after %d answers, back in %.1f s", restartAt,
                        await run.completed, Date().timeIntervalSince(started) - restartAt)
        return lines
    }
    for try await line in group { if let line { events.append(line) } }
}
let elapsed = Date().timeIntervalSince(started)
events.forEach { say($0) }

let tries = await run.tries
var problems: [String] = []
let answered = tries.filter { $0.status == 200 }.map(\.seconds)
let failures = Dictionary(grouping: tries.filter { $0.status != 200 }) { $0.status.map { "HTTP \($0)" } ?? "no answer (connection refused or reset)" }
say(String(format: "Throughput: %d submissions in %.1f s = %.1f a second (through the kill and the restart)", count, elapsed, Double(count) / elapsed))
say(String(format: "Latency of answered requests: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d requests)",
           percentile(answered, 50) * 1000, percentile(answered, 99) * 1000, (answered.max() ?? 0) * 1000, answered.count))
let perLearner = await run.learnerSeconds
say(String(format: "Per learner, retries included: p50 %.0f ms, p99 %.0f ms", percentile(perLearner, 50) * 1000, percentile(perLearner, 99) * 1000))
say("Tries that failed and were retried: " + (failures.isEmpty ? "none" : failures.map { "\($0.value.count) × \($0.key)" }.sorted().joined(separator: ", ")))
say(String(format: "Longest wait for any answer: %.1f s; stalled requests (no answer within %d s): %d",
           tries.map(\.seconds).max() ?? 0, Int(run.stallLimit), await run.stalled))
if await run.stalled > 0 { problems.append("\(await run.stalled) requests stalled") }

// Exactly once, everywhere.
func number(_ sql: String) throws -> Int { Int(try postgres.psql(sql)) ?? -1 }
let answers = await run.answers
let submissionsStored = try number("SELECT count(*) FROM submissions")
let attemptsStored = try number("SELECT count(*) FROM attempts WHERE accepted")
let credentialsStored = try number("SELECT count(*) FROM credentials")
let learnersWithOne = try number("SELECT count(*) FROM (SELECT subject FROM credentials GROUP BY subject HAVING count(*) = 1) s")
let duplicates = try number("SELECT count(*) FROM (SELECT subject, achievement FROM credentials GROUP BY 1, 2 HAVING count(*) > 1) d")
let issueAudits = try number("SELECT count(*) FROM audit WHERE action = 'issue'")
let unaudited = try number(
    "SELECT count(*) FROM credentials c WHERE (SELECT count(*) FROM audit a WHERE a.credential = c.id AND a.action = 'issue') <> 1")
if submissionsStored != count { problems.append("\(submissionsStored) submissions stored, not \(count)") }
if attemptsStored != count { problems.append("\(attemptsStored) attempts accepted, not \(count)") }
if credentialsStored != count || learnersWithOne != count { problems.append("\(credentialsStored) credentials for \(learnersWithOne) learners, not one each") }
if duplicates != 0 { problems.append("\(duplicates) credentials issued twice") }
if issueAudits != credentialsStored || unaudited != 0 { problems.append("audit: \(issueAudits) issue entries, \(unaudited) credentials without exactly one") }
let stored = Set(try postgres.psql("SELECT id FROM credentials").split(separator: "\n").map(String.init))
var answeredIDs = Set<String>()
for learner in learners {
    guard let answer = answers[learner.name], let bundle = try? CredentialJSON.parse(Data(answer.utf8)),
          let tokens = bundle["credentials"]?.arrayValue, tokens.count == 1, let jws = tokens[0].stringValue,
          let payload = jws.split(separator: ".").dropFirst().first.flatMap({ Base64URL.decode(String($0)) }),
          let id = try? CredentialJSON.parse(payload)["id"]?.stringValue
    else {
        problems.append("\(learner.name)'s answer does not hold exactly one credential")
        continue
    }
    answeredIDs.insert(id)
}
if answeredIDs != stored { problems.append("the credentials answered (\(answeredIDs.count)) are not the credentials stored (\(stored.count))") }
say("Stored: \(submissionsStored) submissions, \(attemptsStored) attempts, \(credentialsStored) credentials, \(issueAudits) audit entries")

// The same bundles again: answered from what was stored, byte for byte, nothing new.
var replayMismatches = 0
for learner in learners.prefix(100) {
    var request = URLRequest(url: submissions)
    request.httpMethod = "POST"
    request.httpBody = Data(learner.bundle.utf8)
    let (data, _) = try await session.data(for: request)
    if String(decoding: data, as: UTF8.self) != answers[learner.name] { replayMismatches += 1 }
}
let credentialsAfterReplay = try number("SELECT count(*) FROM credentials")
if replayMismatches != 0 || credentialsAfterReplay != credentialsStored {
    problems.append("\(replayMismatches) of 100 resent bundles were answered differently")
}
say("Resent 100 bundles: \(replayMismatches == 0 ? "answered identically, nothing stored twice" : "\(replayMismatches) differed")")

// Graceful shutdown with the database down and requests waiting for it.
postgres.stop(removing: false)
let waiting = Task {
    await withTaskGroup(of: Int.self) { group in
        for learner in learners.prefix(20) {
            group.addTask {
                var request = URLRequest(url: submissions, timeoutInterval: 120)
                request.httpMethod = "POST"
                request.httpBody = Data((learner.bundle + " ").utf8)
                return ((try? await session.data(for: request))?.1 as? HTTPURLResponse)?.statusCode ?? 0
            }
        }
        var statuses: [Int] = []
        for await status in group { statuses.append(status) }
        return statuses
    }
}
try await Task.sleep(for: .seconds(1))
let shutdown = registry.terminate()
let statuses = await waiting.value
say(String(format: "Graceful shutdown (SIGTERM) with PostgreSQL down and 20 requests waiting: exited in %.1f s; answers %@", shutdown,
           Dictionary(grouping: statuses) { $0 == 0 ? "none" : "HTTP \($0)" }.map { "\($0.value.count) × \($0.key)" }.sorted().joined(separator: ", ")))
if shutdown > Double(requestTimeout) + 5 { problems.append("graceful shutdown took \(shutdown) s") }
try postgres.start()

// Baseline: the same rows inserted with psql alone, one transaction per learner as the registry does.
_ = try postgres.psql("CREATE DATABASE baseline")
let schema = RegistrySchema.migrations.flatMap(\.statements).joined(separator: ";\n") + ";\n"
let jwsByLearner = Dictionary(uniqueKeysWithValues: learners.map { learner in
    (learner.name, (try? CredentialJSON.parse(Data((answers[learner.name] ?? "").utf8)))?["credentials"]?.arrayValue?.first?.stringValue ?? "")
})
var sql = ""
for learner in learners {
    let digest = "sha256:" + learner.attemptID
    sql += "BEGIN;\n"
    sql += "INSERT INTO learners (subject, learner) VALUES (\(quoted(learner.device)), \(quoted(learner.name)));\n"
    sql += "INSERT INTO submissions (digest, subject, response) VALUES (\(quoted(digest)), \(quoted(learner.device)), \(quoted(answers[learner.name] ?? "")));\n"
    sql += "INSERT INTO attempts (attempt_id, subject, submission, pack_id, pack_hash, quiz_id, accepted, record) VALUES "
        + "(\(quoted(learner.attemptID)), \(quoted(learner.device)), \(quoted(digest)), 'data-analytics', 'hash', 'data-analytics-exam', true, \(quoted(learner.bundle)));\n"
    let id = "urn:uuid:" + UUID().uuidString.lowercased()
    sql += "INSERT INTO credentials (id, subject, achievement, pack_id, name, status_list, status_index, jws, submission, issued_at) VALUES "
        + "(\(quoted(id)), \(quoted(learner.device)), 'data-analytics/foundations', 'data-analytics', 'Data Analytics Foundations', '1', "
        + "\(Int(learner.name.dropFirst(8))!), \(quoted(jwsByLearner[learner.name] ?? "")), \(quoted(digest)), now());\n"
    sql += "INSERT INTO audit (action, credential, actor, details) VALUES ('issue', \(quoted(id)), 'registry', '{}');\nCOMMIT;\n"
}
let schemaFile = work.appendingPathComponent("schema.sql"), insertsFile = work.appendingPathComponent("inserts.sql")
try Data(schema.utf8).write(to: schemaFile)
try Data(sql.utf8).write(to: insertsFile)
_ = try postgres.psql("\\i \(schemaFile.path)", database: "baseline")
let baselineStarted = Date()
_ = try postgres.psql("\\i \(insertsFile.path)", database: "baseline")
let baseline = Date().timeIntervalSince(baselineStarted)
say(String(format: "Baseline: the same %d transactions with psql alone in %.2f s = %.0f a second; the registry took %.1f× as long",
           count, baseline, Double(count) / baseline, elapsed / baseline))
postgres.stop()

if problems.isEmpty {
    say("OK: every submission stored once, every credential issued once, the audit log complete, no request stalled.")
} else {
    problems.forEach { say("PROBLEM: " + $0) }
    exit(1)
}
