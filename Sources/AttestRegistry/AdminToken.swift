import AttestCredentials
import Crypto
import Foundation

/// An administrator's bearer token. Only its SHA-256 is stored, so a copy of the database (or a backup)
/// cannot revoke anything; the token itself is shown once, when created.
public struct AdminToken: Sendable {
    public static let prefix = "attest_admin_"

    public let secret: String

    /// A fresh token from 32 random bytes.
    public init<Generator: RandomNumberGenerator>(using generator: inout Generator) {
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        secret = Self.prefix + Base64URL.encode(Data(bytes))
    }

    /// The stored form of any presented token.
    public static func digest(_ token: String) -> String {
        OpenBadgeCredential.hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// A short public name for the token (its digest's first 12 hex digits), for listings and the audit log.
    public var id: String { String(Self.digest(secret).prefix(12)) }
}
