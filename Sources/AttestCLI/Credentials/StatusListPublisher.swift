import AttestLinkedData
import Crypto
import Foundation

/// The two things an issuer does with its Bitstring Status List, whoever the issuer is (this store or an
/// organisation keyring): hand a new credential a random index never used before, and sign the list
/// (every revoked index set) for hosting at its URL.
public enum StatusListPublisher {
    /// A random index of a list of the minimum size that is not in `taken`.
    static func allocate(taken: Set<Int>) throws -> Int {
        var allocator = StatusListIndexAllocator(used: taken)
        var generator = SystemRandomNumberGenerator()
        return try allocator.allocate(using: &generator)
    }

    /// The signed `BitstringStatusListCredential` for the list at `url` with the `revoked` indexes set.
    public static func signedList(
        url: String, issuer: String, key: Curve25519.Signing.PrivateKey, verificationMethod: String, revoked: [Int], now: Date
    ) throws -> JSONValue {
        var list = BitstringStatusList()
        for index in revoked { try list.set(index) }
        let unsigned = StatusListCredential.unsigned(list: list, url: url, issuer: issuer, validFrom: now)
        return try EddsaRdfc2022().sign(unsigned, key: key, verificationMethod: verificationMethod, created: now)
    }
}
