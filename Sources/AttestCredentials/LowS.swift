import Foundation

/// ECDSA signatures in low-s form: Attest's own signatures have exactly one encoding.
///
/// An ECDSA signature `(r, s)` verifies exactly like `(r, n − s)`. Attest signs with `s ≤ n/2`, so each
/// credential it signs has one canonical signature; the verifier accepts either form from other issuers
/// (RFC 7518 does not require low-s and common signers such as PyJWT do not normalise), since the
/// twin signature signs the very same header and payload.
public enum LowS {
    /// The order n of the P-256 group, big-endian.
    static let order: [UInt8] = hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")
    /// ⌊n / 2⌋, big-endian.
    static let halfOrder: [UInt8] = hex("7FFFFFFF800000007FFFFFFFFFFFFFFFDE737D56D38BCF4279DCE5617E3192A8")

    /// Whether the 64-byte `r || s` signature has `s ≤ n/2`.
    public static func isLow(_ signature: Data) -> Bool {
        signature.count == 64 && !greater(Array(signature.suffix(32)), than: halfOrder)
    }

    /// `signature` with `s` replaced by `n − s` when `s > n/2`.
    public static func normalized(_ signature: Data) -> Data {
        guard signature.count == 64, !isLow(signature) else { return signature }
        return signature.prefix(32) + subtract(Array(signature.suffix(32)), from: order)
    }

    private static func greater(_ a: [UInt8], than b: [UInt8]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return x > y }
        return false
    }

    /// `minuend − subtrahend` for equal-length big-endian numbers with minuend ≥ subtrahend.
    private static func subtract(_ subtrahend: [UInt8], from minuend: [UInt8]) -> Data {
        var result = [UInt8](repeating: 0, count: minuend.count)
        var borrow = 0
        for index in stride(from: minuend.count - 1, through: 0, by: -1) {
            var difference = Int(minuend[index]) - Int(subtrahend[index]) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 256 }
            result[index] = UInt8(difference)
        }
        return Data(result)
    }

    private static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }
}
