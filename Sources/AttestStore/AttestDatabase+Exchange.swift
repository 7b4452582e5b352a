import AttestCore
import Foundation
import GRDB

extension AttestDatabase {
    /// Attempts with their effective responses, oldest first, for an instructor's stats exchange.
    public func exportAttempts(learner: String? = nil, packID: String? = nil) throws -> [RecordedAttempt] {
        var conditions = ["1"]
        var arguments: StatementArguments = []
        if let learner {
            conditions.append("a.learner = ?")
            arguments += [learner]
        }
        if let packID {
            conditions.append("a.packID = ?")
            arguments += [packID]
        }
        return try recordedAttempts(filter: conditions.joined(separator: " AND "), arguments: arguments)
    }

    /// A pack's attempts, oldest first, each with the figures of its effective responses that item analysis reads
    /// (`AnalysisSitting`): the attempts of `exportAttempts(packID:)`, read from the `response_analysis` index alone.
    public func analysisSittings(packID: String) throws -> [AnalysisSitting] {
        try read { db in
            try AttemptReader.read(
                db, filter: "a.packID = ?", arguments: [packID], columns: AttemptReader.analysisColumns,
                response: { try $0.analysisResponse() }, position: \.position
            ).map { AnalysisSitting(attempt: $0.attempt, responses: $0.responses) }
        }
    }

    /// Adds exported attempts in one transaction; an attempt whose id is already present is skipped,
    /// so importing the same export twice never counts an attempt twice. Imported attempts are marked as
    /// such: they feed statistics and progress but never award a credential in this store.
    ///
    /// `markImported: false` is only for a scratch store that judges a signed submission (`creds issue`).
    @discardableResult
    public func importAttempts(_ recorded: [RecordedAttempt], markImported: Bool = true) throws -> AttemptImportSummary {
        try write { db in
            var summary = AttemptImportSummary(imported: 0, alreadyPresent: 0)
            for item in recorded {
                let exists = try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM attempt WHERE id = ?)", arguments: [item.attempt.id]) ?? false
                if exists {
                    summary.alreadyPresent += 1
                    continue
                }
                try Self.ensureLearner(db, name: item.attempt.learner, at: item.attempt.startedAt)
                try Self.insert(item.attempt, db)
                if let multiplier = item.timeMultiplier, multiplier > 1, multiplier <= Accommodation.largestMultiplier {
                    try db.execute(
                        sql: "INSERT INTO attempt_accommodation (attemptID, timeMultiplier) VALUES (?, ?)",
                        arguments: [item.attempt.id, multiplier])
                }
                for response in item.responses {
                    var response = response
                    response.attemptID = item.attempt.id
                    try db.execute(sql: ResponseRecord.insertSQL, arguments: response.insertArguments())
                }
                try InstanceRecord.insert(item.instances ?? [], attemptID: item.attempt.id, db)
                try SkillTotals.record(attemptID: item.attempt.id, db)
                if markImported {
                    try db.execute(sql: "INSERT INTO imported_attempt (attemptID) VALUES (?)", arguments: [item.attempt.id])
                }
                summary.imported += 1
            }
            return summary
        }
    }
}
