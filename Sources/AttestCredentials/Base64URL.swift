import Foundation

/// Unpadded base64url (RFC 4648 §5), the encoding of every JWS part.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Each byte's 6-bit value, or 0xFF when it is not in the base64url alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    public static func encode(_ data: some DataProtocol) -> String {
        let bytes = [UInt8](data)
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out.append(alphabet[Int(chunk >> 18)])
            out.append(alphabet[Int(chunk >> 12 & 63)])
            out.append(alphabet[Int(chunk >> 6 & 63)])
            out.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        switch bytes.count - index {
        case 1:
            let chunk = UInt32(bytes[index]) << 16
            out += [alphabet[Int(chunk >> 18)], alphabet[Int(chunk >> 12 & 63)]]
        case 2:
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(chunk >> 18)], alphabet[Int(chunk >> 12 & 63)], alphabet[Int(chunk >> 6 & 63)]]
        default:
            break
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes strictly: only the base64url alphabet, no padding, no white space, and unused trailing bits
    /// zero, so each byte string has exactly one accepted text (a changed character never decodes the same).
    public static func decode(_ text: some StringProtocol) -> Data? {
        var string = String(text)
        return string.withUTF8 { decode(utf8: $0) }
    }

    private static func decode(utf8: UnsafeBufferPointer<UInt8>) -> Data? {
        let table = values
        var sextets = [UInt8]()
        sextets.reserveCapacity(utf8.count)
        for byte in utf8 {
            let value = table[Int(byte)]
            guard value != 0xFF else { return nil }
            sextets.append(value)
        }
        let remainder = sextets.count % 4
        guard remainder != 1 else { return nil }
        if remainder == 2, sextets.last! & 0x0F != 0 { return nil }
        if remainder == 3, sextets.last! & 0x03 != 0 { return nil }
        var out = [UInt8]()
        out.reserveCapacity(sextets.count * 3 / 4)
        var index = 0
        while index + 4 <= sextets.count {
            let chunk = UInt32(sextets[index]) << 18 | UInt32(sextets[index + 1]) << 12 | UInt32(sextets[index + 2]) << 6
                | UInt32(sextets[index + 3])
            out.append(UInt8(chunk >> 16))
            out.append(UInt8(chunk >> 8 & 0xFF))
            out.append(UInt8(chunk & 0xFF))
            index += 4
        }
        if remainder >= 2 {
            let chunk = UInt32(sextets[index]) << 18 | UInt32(sextets[index + 1]) << 12
                | (remainder == 3 ? UInt32(sextets[index + 2]) << 6 : 0)
            out.append(UInt8(chunk >> 16))
            if remainder == 3 { out.append(UInt8(chunk >> 8 & 0xFF)) }
        }
        return Data(out)
    }
}
