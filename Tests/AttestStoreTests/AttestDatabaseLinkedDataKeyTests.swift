import AttestStore
import Foundation
import Testing

@Suite("AttestDatabase+LinkedDataKey")
struct AttestDatabaseLinkedDataKeyTests {
    @Test func theFirstKeyWinsAndStays() throws {
        let store = try AttestDatabase.inMemory()
        #expect(try store.linkedDataKey() == nil)
        let first = LinkedDataKeyRecord(privateKey: Data(repeating: 1, count: 32), createdAt: StoreFixtures.start)
        #expect(try store.saveLinkedDataKey(first) == first)
        let second = LinkedDataKeyRecord(privateKey: Data(repeating: 2, count: 32), createdAt: StoreFixtures.start)
        #expect(try store.saveLinkedDataKey(second) == first)
        #expect(try store.linkedDataKey() == first)
    }

    @Test func onlyAnEd25519SizedKeyIsStored() throws {
        let store = try AttestDatabase.inMemory()
        #expect(throws: StoreError.self) {
            try store.saveLinkedDataKey(LinkedDataKeyRecord(privateKey: Data([1, 2, 3]), createdAt: StoreFixtures.start))
        }
    }
}
