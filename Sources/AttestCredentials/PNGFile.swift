import Foundation

/// A PNG split into its chunks, with the CRC-32 baking needs.
///
/// Baking only adds or replaces one `iTXt` chunk, so a full image codec is unnecessary; the drawn
/// badge's image data is compressed with `AttestCompression`.
public struct PNGFile: Sendable, Hashable {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// One chunk: its four-letter type and its data (length and CRC are derived).
    public struct Chunk: Sendable, Hashable {
        public var type: String
        public var data: Data

        public init(type: String, data: Data) {
            self.type = type
            self.data = data
        }
    }

    public var chunks: [Chunk]

    public init(chunks: [Chunk]) {
        self.chunks = chunks
    }

    /// Parses a PNG, validating the signature, every chunk's bounds and CRC, IHDR first and IEND last.
    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, Array(bytes[0..<8]) == Self.signature else {
            throw CredentialError.malformedPNG("the file does not start with the PNG signature")
        }
        var index = 8
        var chunks: [Chunk] = []
        while index < bytes.count {
            guard index + 12 <= bytes.count else {
                throw CredentialError.malformedPNG("truncated chunk header at byte \(index)")
            }
            let length = Int(Self.readUInt32(bytes, at: index))
            guard length <= 0x7FFF_FFFF, index + 12 + length <= bytes.count else {
                throw CredentialError.malformedPNG("chunk at byte \(index) claims \(length) bytes, past the end of the file")
            }
            let typeBytes = Array(bytes[index + 4..<index + 8])
            guard typeBytes.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) else {
                throw CredentialError.malformedPNG("chunk at byte \(index) has an invalid type")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            let stored = Self.readUInt32(bytes, at: index + 8 + length)
            let computed = Self.crc32(bytes[index + 4..<index + 8 + length])
            guard stored == computed else {
                throw CredentialError.malformedPNG("chunk \(type) at byte \(index) has a wrong CRC")
            }
            chunks.append(Chunk(type: type, data: Data(bytes[index + 8..<index + 8 + length])))
            index += 12 + length
            if type == "IEND" { break }
        }
        guard chunks.first?.type == "IHDR" else { throw CredentialError.malformedPNG("the first chunk is not IHDR") }
        guard chunks.last?.type == "IEND" else { throw CredentialError.malformedPNG("the file ends without an IEND chunk") }
        guard index == bytes.count else {
            throw CredentialError.malformedPNG("\(bytes.count - index) bytes follow the IEND chunk")
        }
        guard chunks.contains(where: { $0.type == "IDAT" }) else {
            throw CredentialError.malformedPNG("the file has no image data (IDAT)")
        }
        self.chunks = chunks
    }

    /// The file's bytes: signature, then each chunk with its length and CRC.
    public var data: Data {
        var out = Data(Self.signature)
        for chunk in chunks {
            var body = Data(chunk.type.utf8)
            body.append(chunk.data)
            out.append(Self.bigEndian(UInt32(chunk.data.count)))
            out.append(body)
            out.append(Self.bigEndian(Self.crc32(body)))
        }
        return out
    }

    // MARK: - Checksum and byte order

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (ISO 3309), as PNG chunks use it.
    public static func crc32(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    static func bigEndian(_ value: UInt32) -> Data {
        Data([UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }

    private static func readUInt32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
    }
}
