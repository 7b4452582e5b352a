import Foundation

/// ES256 compact JWS for Attest's own signed documents other than credentials (signed submissions,
/// credential bundles): the `kid` names the key (see `DIDResolver`), so anyone can check the signature offline.
public enum CompactJWS {
    /// `header.payload.signature` for `payload`, with `typ` naming the document type.
    public static func sign(_ payload: CredentialJSON, type: String, with key: IssuerKey) throws -> String {
        let header = CredentialJSON.object(["alg": .string("ES256"), "kid": .string(key.keyID), "typ": .string(type)])
        let input = Base64URL.encode(header.data) + "." + Base64URL.encode(payload.data)
        return input + "." + Base64URL.encode(try key.sign(Data(input.utf8)))
    }

    /// A verified document: its payload, the signer's DID (the `kid`'s) and key.
    public struct Verified: Sendable {
        public var payload: CredentialJSON
        public var signer: String
        public var key: VerificationKey
    }

    /// Checks the signature of a compact JWS of `type`; throws why it does not hold.
    public static func verify(_ text: String, type: String) throws -> Verified {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]), let payloadData = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2])
        else { throw SignedDocumentError("not a compact JWS (three base64url parts)") }
        let header: CredentialJSON, payload: CredentialJSON
        do {
            header = try CredentialJSON.parse(headerData)
            payload = try CredentialJSON.parse(payloadData)
        } catch {
            throw SignedDocumentError("the header or payload is not JSON")
        }
        guard header["alg"]?.stringValue == "ES256" else { throw SignedDocumentError("only ES256 is accepted") }
        guard header["typ"]?.stringValue == type else { throw SignedDocumentError("not a \(type) document") }
        guard let kid = header["kid"]?.stringValue else { throw SignedDocumentError("the header names no key (kid)") }
        let signer = DIDResolver.did(ofKeyID: kid)
        let key: VerificationKey
        do { key = try DIDResolver.key(keyID: kid, issuer: signer) } catch {
            throw SignedDocumentError(error.localizedDescription)
        }
        let input = Data(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard key.isValidSignature(signature, for: input) else {
            throw SignedDocumentError("the signature does not match: the file was changed after it was signed")
        }
        return Verified(payload: payload, signer: signer, key: key)
    }
}

/// Why a signed document was refused, in one line.
public struct SignedDocumentError: LocalizedError, Sendable, Hashable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var errorDescription: String? { reason }
}
