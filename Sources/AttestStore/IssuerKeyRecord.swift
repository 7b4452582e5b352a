import Foundation

/// The local issuer's identity: the name credentials are issued under and the signing key's raw bytes.
///
/// The store keeps exactly one; `AttestCredentials` decides what the bytes mean
/// (a P-256 private key's raw representation).
public struct IssuerKeyRecord: Sendable, Hashable, Codable {
    public var name: String
    public var privateKey: Data
    public var createdAt: Date

    public init(name: String, privateKey: Data, createdAt: Date) {
        self.name = name
        self.privateKey = privateKey
        self.createdAt = createdAt
    }
}
