import AttestCore
import AttestScheduling
import Foundation
import GRDB

extension AttestDatabase {
    /// A learner's memory of every item, as `scheduler` folds their whole journal (practice and exams), read
    /// from the v10 cache and brought up to date with the answers journaled since. The cache is rebuilt from
    /// the journal when the scheduler or keying changed, when a later answer replaced one already folded, or
    /// when an answer older than an item's last review arrived (an import): the result is always what a fold
    /// of the whole journal gives.
    public func memoryLedger(learner: String, scheduler: FSRSScheduler, keying: MemoryKeying) throws -> MemoryLedger {
        let fingerprint = scheduler.fingerprint + ";" + keying.name
        return try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM learner WHERE name = ?)", arguments: [learner]) == true
            else { return MemoryLedger() }
            let latest = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM response") ?? 0
            let cached = try Row.fetchOne(
                db, sql: "SELECT fingerprint, throughSeq FROM memory_cache WHERE learner = ?", arguments: [learner])
            if let cached, cached[0] as String == fingerprint {
                let through: Int64 = cached[1]
                var ledger = try Self.cachedLedger(db, learner: learner, throughSeq: through)
                guard latest != through else { return ledger }
                let answers = try Self.journalAnswers(db, learner: learner, after: through)
                let replaces = try Bool.fetchOne(db, sql: Self.replacesFoldedSQL, arguments: [learner, through]) ?? false
                if !replaces, ledger.fold(answers, scheduler: scheduler, keying: keying) {
                    ledger.throughSeq = latest
                    try Self.saveLedger(db, learner: learner, fingerprint: fingerprint, ledger: ledger, only: Set(answers.map {
                        MemoryItem(packID: $0.packID, key: keying.key($0.packID, $0.questionID))
                    }))
                    return ledger
                }
            }
            var ledger = MemoryLedger.rebuilt(from: try Self.journalAnswers(db, learner: learner, after: 0), scheduler: scheduler, keying: keying)
            ledger.throughSeq = latest
            try db.execute(sql: "DELETE FROM memory_state WHERE learner = ?", arguments: [learner])
            try Self.saveLedger(db, learner: learner, fingerprint: fingerprint, ledger: ledger, only: nil)
            return ledger
        }
    }

    /// How many of `learner`'s items in `packID` are due at `date`: a count over the cache, which is brought up
    /// to date first only when the journal or the scheduler changed since it was written.
    public func memoryDueCount(
        learner: String, packID: String, at date: Date, scheduler: FSRSScheduler, keying: MemoryKeying
    ) throws -> Int {
        let fingerprint = scheduler.fingerprint + ";" + keying.name
        let current = try read { db in
            let latest = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM response") ?? 0
            return try Row.fetchOne(db, sql: "SELECT fingerprint, throughSeq FROM memory_cache WHERE learner = ?", arguments: [learner])
                .map { $0[0] as String == fingerprint && $0[1] as Int64 == latest } ?? false
        }
        if !current { _ = try memoryLedger(learner: learner, scheduler: scheduler, keying: keying) }
        return try read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM memory_state WHERE learner = ? AND packID = ? AND due <= ?",
                arguments: [learner, packID, StoreCoding.seconds(date)]) ?? 0
        }
    }

    /// Every effective answer of `learner` (practice and exams), in time order: what fitting learns from.
    public func journalAnswers(learner: String) throws -> [JournalAnswer] {
        try read { db in try Self.journalAnswers(db, learner: learner, after: 0) }
    }

    /// The effective answers of `learner` journaled after `seq`, in time order.
    static func journalAnswers(_ db: Database, learner: String, after seq: Int64) throws -> [JournalAnswer] {
        try Row.fetchAll(db, sql: """
            SELECT r.seq, r.attemptID, r.position, a.packID, r.questionID, r.outcome, r.score, r.shownAt, r.answeredAt
            FROM response r JOIN attempt a ON a.id = r.attemptID
            WHERE a.learner = ? AND r.seq > ? AND r.superseded = 0
            ORDER BY r.answeredAt, r.seq
            """, arguments: [learner, seq]
        ).map { row in
            JournalAnswer(
                seq: row[0], attemptID: row[1], position: row[2], packID: row[3], questionID: row[4],
                outcome: ResponseOutcome(rawValue: row[5]) ?? .skipped, score: row[6],
                shownAt: StoreCoding.date(row[7]), answeredAt: StoreCoding.date(row[8]))
        }
    }

    /// Whether an answer journaled after `throughSeq` replaced one at or before it. Arguments: learner, seq.
    static let replacesFoldedSQL = """
        SELECT EXISTS (
            SELECT 1 FROM response n JOIN attempt a ON a.id = n.attemptID
            WHERE a.learner = ?1 AND n.seq > ?2
              AND EXISTS (SELECT 1 FROM response o WHERE o.attemptID = n.attemptID AND o.position = n.position AND o.seq <= ?2))
        """

    static func cachedLedger(_ db: Database, learner: String, throughSeq: Int64) throws -> MemoryLedger {
        var items: [MemoryItem: ItemMemory] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT packID, itemKey, phase, step, stability, difficulty, due, lastReview, reviews, lapses, seconds
            FROM memory_state WHERE learner = ?
            """, arguments: [learner])
        while let row = try rows.next() {
            let state = MemoryState(
                phase: MemoryPhase(rawValue: row[2]) ?? .learning, step: row[3], stability: row[4], difficulty: row[5],
                due: StoreCoding.date(row[6]), lastReview: (row[7] as Double?).map(StoreCoding.date), reviews: row[8], lapses: row[9])
            items[MemoryItem(packID: row[0], key: row[1])] = ItemMemory(state: state, seconds: row[10])
        }
        return MemoryLedger(items: items, throughSeq: throughSeq)
    }

    /// Writes the ledger's items (only those in `only`, when given) and the cache's fingerprint.
    static func saveLedger(_ db: Database, learner: String, fingerprint: String, ledger: MemoryLedger, only: Set<MemoryItem>?) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO memory_state
                (learner, packID, itemKey, phase, step, stability, difficulty, due, lastReview, reviews, lapses, seconds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (item, memory) in ledger.items where only?.contains(item) ?? true {
            let state = memory.state
            try statement.execute(arguments: [
                learner, item.packID, item.key, state.phase.rawValue, state.step, state.stability, state.difficulty,
                StoreCoding.seconds(state.due), state.lastReview.map(StoreCoding.seconds), state.reviews, state.lapses,
                memory.seconds,
            ])
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO memory_cache (learner, fingerprint, throughSeq) VALUES (?, ?, ?)",
            arguments: [learner, fingerprint, ledger.throughSeq])
    }
}
