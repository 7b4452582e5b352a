import AttestCredentials
import Foundation

/// A zip archive of files stored as they are (no compression): what an LMS asks for when it
/// imports a content package, such as Canvas's "QTI .zip file" (a manifest plus the assessment).
/// Names are UTF-8 (flag bit 11); the CRC-32 is the one PNG uses (`PNGFile.crc32`).
enum StoredZip {
    /// The archive holding `files` (path inside the archive, contents), in order.
    static func archive(_ files: [(path: String, data: Data)]) -> Data {
        var out = Data()
        var directory = Data()
        let flags: UInt16 = 0x0800
        let date: UInt16 = 0x21  // 1 January 1980, the earliest date zip holds: the archive does not depend on the clock
        for file in files {
            let name = Data(file.path.utf8)
            let crc = PNGFile.crc32(file.data)
            let offset = UInt32(out.count)
            out.append(le32(0x0403_4B50))
            out.append(le16(20) + le16(flags) + le16(0) + le16(0) + le16(date))
            out.append(le32(crc) + le32(UInt32(file.data.count)) + le32(UInt32(file.data.count)))
            out.append(le16(UInt16(name.count)) + le16(0))
            out.append(name)
            out.append(file.data)
            directory.append(le32(0x0201_4B50))
            directory.append(le16(20) + le16(20) + le16(flags) + le16(0) + le16(0) + le16(date))
            directory.append(le32(crc) + le32(UInt32(file.data.count)) + le32(UInt32(file.data.count)))
            directory.append(le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0))
            directory.append(le32(0) + le32(offset))
            directory.append(name)
        }
        let directoryOffset = UInt32(out.count)
        out.append(directory)
        out.append(le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(files.count)) + le16(UInt16(files.count)))
        out.append(le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0))
        return out
    }

    private static func le16(_ value: UInt16) -> Data { Data([UInt8(value & 0xFF), UInt8(value >> 8)]) }
    private static func le32(_ value: UInt32) -> Data { Data((0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) }) }
}
