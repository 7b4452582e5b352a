import AttestCompression
import Foundation
import Testing

@Suite struct DeflateTests {
    @Test(arguments: [Deflate.Container.zlib, .gzip])
    func roundTripsAndCompresses(container: Deflate.Container) throws {
        let zeros = Data(repeating: 0, count: 16 * 1024)
        let packed = Deflate.compress(zeros, container: container)
        #expect(packed.count < 100)
        #expect(try Deflate.decompress(packed, container: container, limit: zeros.count) == zeros)
    }

    @Test func headersMatchTheContainer() {
        let text = Data("attest".utf8)
        #expect(Array(Deflate.compress(text, container: .gzip).prefix(2)) == [0x1F, 0x8B])
        #expect(Deflate.compress(text, container: .zlib).first == 0x78)
    }

    @Test func refusesWhatExpandsPastTheLimit() {
        let packed = Deflate.compress(Data(repeating: 7, count: 1_000_000), container: .gzip)
        #expect(throws: Deflate.Failure.tooLarge(limit: 1000)) {
            try Deflate.decompress(packed, container: .gzip, limit: 1000)
        }
    }

    @Test func refusesCorruptAndTruncatedAndTrailingData() {
        let packed = Deflate.compress(Data("a status list".utf8), container: .gzip)
        #expect(throws: Deflate.Failure.self) {
            try Deflate.decompress(packed.dropLast(4), container: .gzip, limit: 1 << 20)
        }
        #expect(throws: Deflate.Failure.self) {
            try Deflate.decompress(packed + Data([1, 2]), container: .gzip, limit: 1 << 20)
        }
        #expect(throws: Deflate.Failure.self) {
            try Deflate.decompress(Data("not compressed".utf8), container: .zlib, limit: 1 << 20)
        }
    }
}
