import AttestCore
import Foundation
import GRDB

/// Where each attempt's exam clock stood against the machine's monotonic clock (migration v17, one row per
/// attempt, replaced at every start and resume): a later process in the same boot continues the attempt's time
/// from it by monotonic time alone, so neither a resume nor `resume --list` reads time off the wall clock.
extension AttestDatabase {
    static let examClockSchema = """
        CREATE TABLE exam_clock_mark (
            attemptID TEXT NOT NULL PRIMARY KEY REFERENCES attempt(id) ON DELETE CASCADE,
            boot TEXT NOT NULL,
            uptime REAL NOT NULL,
            at REAL NOT NULL
        );
        """

    /// Journals where the attempt's exam clock stands (replacing the mark of an earlier session).
    public func recordExamClockMark(attemptID: String, _ mark: ExamClockMark) throws {
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO exam_clock_mark (attemptID, boot, uptime, at) VALUES (?, ?, ?, ?)",
                arguments: [attemptID, mark.boot, mark.uptime, StoreCoding.seconds(mark.at)])
        }
    }

    /// The attempt's latest exam-clock mark; nil for attempts begun before v17 or on a clock without a boot id.
    public func examClockMark(attemptID: String) throws -> ExamClockMark? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT boot, uptime, at FROM exam_clock_mark WHERE attemptID = ?", arguments: [attemptID])
                .map { ExamClockMark(boot: $0[0], uptime: $0[1], at: StoreCoding.date($0[2])) }
        }
    }
}
