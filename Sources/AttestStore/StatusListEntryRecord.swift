import Foundation

/// Where one of this store's credentials stands in a W3C Bitstring Status List: the list's URL and the
/// credential's index in it. An index is handed out once per list and never again (a later credential must
/// never inherit an earlier one's revoked bit), so allocations are kept for good.
public struct StatusListEntryRecord: Sendable, Hashable, Codable {
    public var credentialID: String
    /// The `statusListCredential` URL the entry points at.
    public var listURL: String
    public var index: Int
    public var allocatedAt: Date

    public init(credentialID: String, listURL: String, index: Int, allocatedAt: Date) {
        self.credentialID = credentialID
        self.listURL = listURL
        self.index = index
        self.allocatedAt = allocatedAt
    }

    /// Migration v14 (revocation that travels): one row per credential that was given a status list entry.
    /// `UNIQUE (listURL, listIndex)` makes reuse of an index impossible, whichever process allocates.
    static let v14 = """
        CREATE TABLE status_list_entry (
            credentialID TEXT NOT NULL PRIMARY KEY REFERENCES credential(id) ON DELETE CASCADE,
            listURL TEXT NOT NULL,
            listIndex INTEGER NOT NULL CHECK (listIndex >= 0),
            allocatedAt REAL NOT NULL,
            UNIQUE (listURL, listIndex)
        );
        CREATE TABLE linked_data_credential (
            id TEXT NOT NULL PRIMARY KEY REFERENCES credential(id) ON DELETE CASCADE,
            issuerDID TEXT NOT NULL,
            json TEXT NOT NULL
        );
        """
}
