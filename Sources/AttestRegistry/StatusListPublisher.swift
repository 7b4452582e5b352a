import AttestCredentials
import AttestLinkedData
import Foundation

/// Builds the registry's Bitstring Status List credential from the revoked indexes and signs it with the
/// organisation key as a VC-JWT, so a verifier holding the fetched list can check it offline.
struct StatusListPublisher {
    let desk: IssuingDesk

    func signedList(url: String, revoked: [Int], at date: Date) throws -> String {
        var list = BitstringStatusList()
        for index in revoked { try list.set(index) }
        let unsigned = StatusListCredential.unsigned(list: list, url: url, issuer: desk.keyring.did, validFrom: date)
        return try desk.sign(document: try CredentialJSON.parse(Data(unsigned.canonicalText.utf8)))
    }
}
