import AttestCompression
import Foundation

/// A W3C Bitstring Status List: one bit per issued credential (bit 0 is the most significant bit of the
/// first byte), published GZIP-compressed and multibase base64url-encoded so any verifier can check
/// revocation offline from one hosted file, without learning which credential it is checking.
public struct BitstringStatusList: Sendable, Equatable {
    /// The specification's minimum size: 16 KB, 131,072 entries, for group privacy.
    public static let minimumBits = 131_072

    /// A status list that could not be read.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case notMultibase
        case compression(String)
        case tooShort(bits: Int)
        case indexOutOfRange(index: Int, bits: Int)

        public var description: String {
            switch self {
            case .notMultibase: return "encodedList is not multibase base64url (it must start with 'u')"
            case .compression(let why): return "encodedList is not a GZIP bitstring: \(why)"
            case .tooShort(let bits): return "the status list has \(bits) entries; the specification requires at least \(BitstringStatusList.minimumBits)"
            case .indexOutOfRange(let index, let bits): return "status index \(index) is outside the list's \(bits) entries"
            }
        }
    }

    public private(set) var bytes: [UInt8]

    /// An all-clear list of `bits` entries (rounded up to whole bytes, never below the minimum).
    public init(bits: Int = BitstringStatusList.minimumBits) {
        bytes = [UInt8](repeating: 0, count: (max(bits, Self.minimumBits) + 7) / 8)
    }

    /// Decodes an `encodedList`, inflating at most `limit` bytes so a hostile list cannot exhaust memory.
    public init(encodedList: String, limit: Int = 16 * 1024 * 1024) throws {
        guard let compressed = Multibase.decodeBase64url(encodedList) else { throw Failure.notMultibase }
        let raw: Data
        do {
            raw = try Deflate.decompress(compressed, container: .gzip, limit: limit)
        } catch {
            throw Failure.compression("\(error)")
        }
        guard raw.count * 8 >= Self.minimumBits else { throw Failure.tooShort(bits: raw.count * 8) }
        bytes = [UInt8](raw)
    }

    public var count: Int { bytes.count * 8 }

    /// Whether the entry at `index` is set (revoked or suspended, by the list's purpose).
    public func isSet(_ index: Int) throws -> Bool {
        guard index >= 0, index < count else { throw Failure.indexOutOfRange(index: index, bits: count) }
        return bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0
    }

    /// Sets or clears the entry at `index`.
    public mutating func set(_ index: Int, to value: Bool = true) throws {
        guard index >= 0, index < count else { throw Failure.indexOutOfRange(index: index, bits: count) }
        let mask: UInt8 = 0x80 >> UInt8(index % 8)
        if value { bytes[index / 8] |= mask } else { bytes[index / 8] &= ~mask }
    }

    /// The `encodedList` value: `u` + base64url(GZIP(bitstring)).
    public var encodedList: String {
        Multibase.base64url(Deflate.compress(Data(bytes), container: .gzip))
    }
}
