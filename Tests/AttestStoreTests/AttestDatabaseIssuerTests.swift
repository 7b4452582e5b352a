import AttestStore
import Foundation
import Testing

@Suite("AttestDatabase+Issuer")
struct AttestDatabaseIssuerTests {
    @Test func firstKeyWinsAndNameCanChange() throws {
        let store = try AttestDatabase.inMemory()
        #expect(try store.issuerKey() == nil)
        #expect(throws: StoreError.noIssuerKey) { try store.setIssuerName("Nobody") }
        let first = IssuerKeyRecord(name: "Ada's Academy", privateKey: Data([1, 2, 3]), createdAt: StoreFixtures.start)
        #expect(try store.saveIssuerKey(first) == first)
        let second = IssuerKeyRecord(name: "Usurper", privateKey: Data([9]), createdAt: StoreFixtures.start)
        #expect(try store.saveIssuerKey(second) == first)
        try store.setIssuerName("Ada Academy")
        #expect(try store.issuerKey() == IssuerKeyRecord(
            name: "Ada Academy", privateKey: Data([1, 2, 3]), createdAt: StoreFixtures.start))
    }

    @Test func twoProcessesRacingEndWithOneKey() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("attest.sqlite")
        let stores = [try AttestDatabase.open(path: path), try AttestDatabase.open(path: path)]
        let results = Locked<[Result<IssuerKeyRecord, any Error>]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let key = IssuerKeyRecord(name: "issuer \(index)", privateKey: Data([UInt8(index)]), createdAt: StoreFixtures.start)
            let result = Result { try stores[index % 2].saveIssuerKey(key) }
            results.mutate { $0.append(result) }
        }
        let keys = try results.value.map { try $0.get() }
        #expect(keys.count == 16)
        #expect(Set(keys).count == 1)
        #expect(try stores[0].issuerKey() == keys.first)
        #expect(try stores[1].issuerKey() == keys.first)
    }
}
