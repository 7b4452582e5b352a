import AttestCore
import AttestStore
import Foundation
import GRDB

/// Fills a store with a heavy learner's history, fast, for the command benchmarks.
///
/// `progress`, `stats` and `credentials list` must stay quick for a learner (or a class) with a
/// million journaled answers or a hundred thousand credentials. Writing that through the
/// one-answer-per-transaction API would take hours, so this inserts everything in one
/// transaction with prepared statements, using the real packs' skills, difficulties and
/// quizzes so the commands do their real work.
struct StoreFixture {
    /// Why the fixture could not be built.
    enum Failure: LocalizedError {
        case badArguments(String)
        case noPacks(String)

        var errorDescription: String? {
            switch self {
            case let .badArguments(text): "store: \(text)"
            case let .noPacks(directory): "store: no valid pack in \(directory)"
            }
        }
    }

    var path = ""
    var packsDirectory = "Assessments"
    var learner = "ada"
    var responses = 0
    var credentials = 0
    /// Answers per attempt: 1,000,000 responses are 50,000 attempts.
    var perAttempt = 20

    init(arguments: [String]) throws(Failure) {
        var remaining = arguments[...]
        func value(_ name: String) throws(Failure) -> String {
            guard let value = remaining.popFirst() else { throw .badArguments("\(name) needs a value") }
            return value
        }
        func count(_ name: String) throws(Failure) -> Int {
            guard let number = Int(try value(name)), number >= 0 else { throw .badArguments("\(name) needs a number") }
            return number
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--path": path = try value(argument)
            case "--packs": packsDirectory = try value(argument)
            case "--learner": learner = try value(argument)
            case "--responses": responses = try count(argument)
            case "--credentials": credentials = try count(argument)
            default: throw .badArguments("unknown option \(argument)")
            }
        }
        if path.isEmpty { throw .badArguments("--path is required") }
    }

    func run() throws {
        let packs = try Self.loadPacks(packsDirectory)
        // A new file gets Attest's schema and settings; an existing one (made by the `attest` being measured,
        // so with this build's schema) is used as it is. Then bulk-load through a plain connection.
        if !FileManager.default.fileExists(atPath: path) { try AttestDatabase.open(path: path).close() }
        let queue = try DatabaseQueue(path: path)
        let clock = ContinuousClock()
        let start = clock.now
        try queue.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO learner (name, createdAt) VALUES (?, ?)",
                arguments: [learner, Date().timeIntervalSince1970 - 400 * 86_400])
            try insertAttempts(db, packs: packs)
            // The ended attempts' evidence totals, by the statement the v3 migration backfills them with.
            try SkillTotals.recordEndedAttempts(db)
            try insertCredentials(db, packs: packs)
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
        try queue.close()
        let elapsed = clock.now - start
        print("store \(path): \(responses) responses, \(credentials) credentials in \(elapsed)")
    }

    private static func loadPacks(_ directory: String) throws -> [Pack] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let packs = names.sorted().filter { $0.hasSuffix(".json") }.compactMap { name -> Pack? in
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return PackDecoder().decode(bytes: [UInt8](data), file: path).pack
        }
        if packs.isEmpty { throw Failure.noPacks(directory) }
        return packs
    }

    private func insertAttempts(_ db: Database, packs: [Pack]) throws {
        guard responses > 0 else { return }
        let attemptStatement = try db.makeStatement(sql: """
            INSERT INTO attempt (id, learner, packID, packVersion, packHash, quizID, mode, seed, questionIDs,
                                 startedAt, endedAt, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'completed')
            """)
        let responseStatement = try db.makeStatement(sql: """
            INSERT INTO response (attemptID, position, questionID, outcome, given, selection, score, points, maxPoints,
                                  skills, difficulty, shownAt, answeredAt)
            VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)
            """)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let skillsJSON = try packs.map { pack in
            try pack.questions.map { String(decoding: try encoder.encode($0.skills), as: UTF8.self) }
        }
        var generator = SyntheticPack.Generator(state: 0xA77E57)
        let now = Date().timeIntervalSince1970
        let attemptCount = (responses + perAttempt - 1) / perAttempt
        var written = 0
        for index in 0..<attemptCount {
            let packIndex = index % packs.count
            let pack = packs[packIndex]
            let quiz = pack.quizzes[generator.next(pack.quizzes.count)]
            let size = min(perAttempt, responses - written, pack.questions.count)
            var chosen: [Int] = []
            while chosen.count < size {
                let candidate = generator.next(pack.questions.count)
                if !chosen.contains(candidate) { chosen.append(candidate) }
            }
            let id = String(format: "bench-%08d", index)
            // Spread over the last year, oldest first, so recency weights vary.
            let started = now - 365 * 86_400 + Double(index) * (365 * 86_400 / Double(attemptCount))
            let questionIDs = chosen.map { pack.questions[$0].id }
            try attemptStatement.execute(arguments: [
                id, learner, pack.id, pack.version.description, pack.contentHash, quiz.id, quiz.mode.rawValue,
                index, String(decoding: try encoder.encode(questionIDs), as: UTF8.self), started, started + 600,
            ])
            for (position, questionIndex) in chosen.enumerated() {
                let question = pack.questions[questionIndex]
                let right = generator.next(100) < 70
                let shown = started + Double(position) * 25
                try responseStatement.execute(arguments: [
                    id, position, question.id, "answered", right ? "a" : "b", right ? 1.0 : 0.0,
                    right ? question.points : 0, question.points, skillsJSON[packIndex][questionIndex],
                    question.difficulty.rawValue, shown, shown + 20,
                ])
            }
            written += size
        }
    }

    private func insertCredentials(_ db: Database, packs: [Pack]) throws {
        guard credentials > 0 else { return }
        let statement = try db.makeStatement(sql: """
            INSERT INTO credential (id, learner, packID, packVersion, packHash, credentialID, name, description,
                                    achievementType, criteria, awardedAt, expiresAt, evidence, revokedAt, revocationReason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        let now = Date().timeIntervalSince1970
        let definitions = packs.flatMap { pack in pack.credentials.map { (pack, $0) } }
        for index in 0..<credentials {
            let (pack, definition) = definitions[index % definitions.count]
            let awarded = now - 365 * 86_400 + Double(index) * (365 * 86_400 / Double(credentials))
            let evidence = CredentialEvidence(
                attempts: [EvidenceAttempt(
                    attemptID: String(format: "bench-%08d", index), quizID: pack.quizzes.first?.id ?? "exam",
                    quizTitle: pack.quizzes.first?.title ?? "Exam", score: 0.85, passed: true,
                    finishedAt: Date(timeIntervalSince1970: awarded))],
                skills: pack.skills.prefix(4).map {
                    EvidenceSkill(
                        skillID: $0.id, skillName: $0.name, estimate: 0.82, lower: 0.71, upper: 0.9, evidence: 6.5,
                        level: .proficient)
                })
            let uuid = UUID(uuid: (
                UInt8(index >> 24 & 0xFF), UInt8(index >> 16 & 0xFF), UInt8(index >> 8 & 0xFF), UInt8(index & 0xFF),
                0xBE, 0x4C, 0x40, 0x00, 0x80, 0, 0, 0, 0, 0, 0, 1))
            try statement.execute(arguments: [
                "urn:uuid:" + uuid.uuidString.lowercased(), learner, pack.id, pack.version.description, pack.contentHash,
                definition.id, definition.name, definition.description, "Certificate",
                "Pass the exam with every skill proficient.", awarded, index % 3 == 0 ? awarded + 180 * 86_400 : nil,
                String(decoding: try encoder.encode(evidence), as: UTF8.self),
                index % 50 == 0 ? awarded + 86_400 : nil, index % 50 == 0 ? "issued in error" : nil,
            ])
        }
    }
}
