import Foundation

/// Multibase text encodings Data Integrity uses: base58btc (`z`, proof values and Multikey keys) and
/// base64url without padding (`u`, Bitstring Status List lists).
public enum Multibase {
    static let base58Alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// `z` followed by the bytes in base58btc.
    public static func base58btc(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        let zeros = input.prefix { $0 == 0 }.count
        var digits: [UInt8] = []
        for byte in input {
            var carry = Int(byte)
            for i in digits.indices {
                carry += Int(digits[i]) << 8
                digits[i] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let text = String(repeating: "1", count: zeros) + String(decoding: digits.reversed().map { base58Alphabet[Int($0)] }, as: UTF8.self)
        return "z" + text
    }

    /// The bytes of a `z`-prefixed base58btc string, or nil when it is not one.
    public static func decodeBase58btc(_ text: String) -> [UInt8]? {
        guard text.first == "z" else { return nil }
        var bytes: [UInt8] = []
        let body = Array(text.utf8.dropFirst())
        for c in body {
            guard let value = base58Alphabet.firstIndex(of: c) else { return nil }
            var carry = value
            for i in bytes.indices {
                carry += Int(bytes[i]) * 58
                bytes[i] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        let zeros = body.prefix { $0 == UInt8(ascii: "1") }.count
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }

    /// `u` followed by the bytes in unpadded base64url.
    public static func base64url(_ data: Data) -> String {
        "u" + data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of a `u`-prefixed base64url string, or nil when it is not one.
    public static func decodeBase64url(_ text: String) -> Data? {
        guard text.first == "u" else { return nil }
        var body = String(text.dropFirst()).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !body.contains("=") else { return nil }
        while body.count % 4 != 0 { body += "=" }
        return Data(base64Encoded: body)
    }
}
