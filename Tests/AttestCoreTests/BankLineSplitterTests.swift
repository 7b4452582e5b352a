import AttestCore
import Testing

/// Lines out of bytes fed in chunks: every line ending, split anywhere, a BOM, bytes that are not
/// UTF-8, and a line over the limit dropped as it streams past.
@Suite("BankLineSplitter")
struct BankLineSplitterTests {
    static func lines(_ bytes: [UInt8], chunk: Int, limit: Int = 100) -> [BankLineSplitter.Line] {
        var splitter = BankLineSplitter(maximumLineBytes: limit)
        var lines: [BankLineSplitter.Line] = []
        var start = 0
        while start < bytes.count {
            lines += splitter.feed(bytes[start..<min(start + chunk, bytes.count)])
            start += chunk
        }
        return lines + splitter.finish()
    }

    @Test(arguments: [1, 2, 3, 7, 1000])
    func everyLineEndingInAnyChunking(chunk: Int) {
        let bytes = Array("\u{FEFF}one\r\ntwo\rthree\n\nlast".utf8)
        #expect(Self.lines(bytes, chunk: chunk) == [
            .text(number: 1, "one", repaired: false), .text(number: 2, "two", repaired: false),
            .text(number: 3, "three", repaired: false), .text(number: 4, "", repaired: false),
            .text(number: 5, "last", repaired: false),
        ])
    }

    @Test func aLineOverTheLimitIsDroppedWithItsLength() {
        let bytes = Array(("short\n" + String(repeating: "x", count: 250) + "\r\nafter\n").utf8)
        #expect(Self.lines(bytes, chunk: 64) == [
            .text(number: 1, "short", repaired: false), .tooLong(number: 2, bytes: 250), .text(number: 3, "after", repaired: false),
        ])
    }

    @Test func bytesThatAreNotUTF8AreReplacedAndSaid() {
        #expect(Self.lines([0x61, 0xFF, 0x62, 0x0A], chunk: 4) == [.text(number: 1, "a\u{FFFD}b", repaired: true)])
    }
}
