import GRDB
import Testing

@testable import AttestStore

@Suite struct SQLiteMathFunctionsTests {
    @Test func swiftPowMatchesSQLitesOwnIncludingNulls() throws {
        let queue = try DatabaseQueue()
        let builtIn = try queue.read { db in
            try Double?.fetchAll(db, sql: "SELECT pow(0.5, 2.0) UNION ALL SELECT pow(2, 10) UNION ALL SELECT pow(NULL, 1)")
        }
        try queue.inDatabase { db in db.add(function: SQLiteMathFunctions.pow) }
        let swift = try queue.read { db in
            try Double?.fetchAll(db, sql: "SELECT pow(0.5, 2.0) UNION ALL SELECT pow(2, 10) UNION ALL SELECT pow(NULL, 1)")
        }
        #expect(swift == [0.25, 1024, nil])
        #expect(swift == builtIn)
    }

    @Test func everyStoreConnectionCanComputePow() throws {
        let store = try AttestDatabase.inMemory()
        let value = try store.read { db in try Double.fetchOne(db, sql: "SELECT pow(0.5, 1.0)") }
        #expect(value == 0.5)
    }
}
