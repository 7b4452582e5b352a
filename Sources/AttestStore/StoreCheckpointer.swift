import Foundation
import GRDB

/// A second connection to a store file that copies the write-ahead log into the file beside the store's
/// writer, not inside it.
///
/// A background job writing many pages (a compiled pack) grows the log; SQLite's automatic checkpoint
/// would then copy thousands of pages on the writer's connection, after one of its commits, and the
/// learner's next answer — journaled through that connection — would wait for the whole copy. A passive
/// checkpoint from another connection takes no writer lock, so answers go on while it runs, and the
/// log stays short enough that the automatic one never starts.
public final class StoreCheckpointer: Sendable {
    private let connection: DatabaseQueue

    /// A checkpointer for `store`; nil for a store without a file (in memory) or when it cannot be opened.
    public init?(store: AttestDatabase) {
        guard store.writer is DatabasePool else { return nil }
        var configuration = Configuration()
        configuration.label = "Attest checkpointer"
        configuration.busyMode = .timeout(1)
        guard let connection = try? DatabaseQueue(path: store.writer.path, configuration: configuration) else {
            return nil
        }
        self.connection = connection
    }

    /// Copies what it can of the write-ahead log into the store file without waiting for writers or readers.
    public func checkpoint() {
        _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }

    /// Closes the connection (the store itself stays open).
    public func close() {
        try? connection.close()
    }
}
