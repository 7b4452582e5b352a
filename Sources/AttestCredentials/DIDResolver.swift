import Foundation

/// Finds the verification key a JWS `kid` names, offline, for the DID methods Attest signs with.
///
/// - `did:jwk:…#0`: the key is the JWK in the identifier (this store's self-assessment key).
/// - `did:key:z…#z…`: the key is the multibase identifier.
/// - `did:web:DOMAIN[:path]#z…`: an organisation; the fragment is the key's multibase, so the signature
///   can be checked without fetching anything. Whether the domain really holds that key is what the
///   trust list (`issuer trust add`, from the organisation's `did.json`) vouches for.
public enum DIDResolver {
    /// The DID a `kid` belongs to (the part before `#`).
    public static func did(ofKeyID keyID: String) -> String {
        String(keyID.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// The key `keyID` names; throws why it names none. The DID must be `issuer`.
    public static func key(keyID: String, issuer: String) throws -> VerificationKey {
        let parts = keyID.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { throw CredentialError.invalidDID("the kid has no #fragment naming the key") }
        guard parts[0] == issuer else { throw CredentialError.invalidDID("the kid's DID is not the issuer") }
        if issuer.hasPrefix("did:jwk:") {
            guard parts[1] == "0" else { throw CredentialError.invalidDID("a did:jwk key is #0") }
            return VerificationKey(try DIDJWK.publicKey(from: issuer))
        }
        if issuer.hasPrefix("did:key:") {
            let identifier = issuer.dropFirst("did:key:".count)
            guard parts[1] == identifier else { throw CredentialError.invalidDID("a did:key's key fragment is its own identifier") }
            return try VerificationKey(multibase: identifier)
        }
        if issuer.hasPrefix("did:web:") {
            try DIDWeb.validate(issuer)
            return try VerificationKey(multibase: parts[1])
        }
        throw CredentialError.invalidDID("only did:jwk, did:key and did:web issuers are supported")
    }

    /// The `kid` for `key` under `did`.
    public static func keyID(did: String, key: VerificationKey) -> String {
        if did.hasPrefix("did:jwk:") { return did + "#0" }
        if did.hasPrefix("did:key:") { return did + "#" + did.dropFirst("did:key:".count) }
        return did + "#" + key.multibase
    }
}

/// `did:key` for a verification key.
public enum DIDKey {
    public static func did(for key: VerificationKey) -> String { "did:key:" + key.multibase }
}

/// `did:web` identifiers (https://w3c-ccg.github.io/did-method-web/) and the `did.json` an organisation hosts.
public enum DIDWeb {
    /// `did:web:` + the host (a port as `%3A`) + optional `:path` segments, from "example.edu" or "example.edu/dept/x".
    public static func did(domain: String) throws -> String {
        var text = domain.lowercased()
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
        while text.hasSuffix("/") { text.removeLast() }
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let host = segments[0].replacingOccurrences(of: ":", with: "%3A")
        let did = (["did:web:" + host] + segments.dropFirst()).joined(separator: ":")
        try validate(did)
        return did
    }

    /// Throws unless `did` is a `did:web` with a plausible host name and path.
    public static func validate(_ did: String) throws {
        guard did.hasPrefix("did:web:") else { throw CredentialError.invalidDID("does not start with did:web:") }
        let segments = did.dropFirst("did:web:".count).split(separator: ":", omittingEmptySubsequences: false)
        let host = segments[0].replacingOccurrences(of: "%3A", with: ":")
        let hostName = host.split(separator: ":", maxSplits: 1)[0]
        let label = { (part: Substring) in
            !part.isEmpty && part.count <= 63 && part.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") }
        }
        guard hostName.contains("."), hostName.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(label) else {
            throw CredentialError.invalidDID("the domain \"\(hostName)\" is not a host name like example.edu")
        }
        for segment in segments.dropFirst() where !label(segment) {
            throw CredentialError.invalidDID("the path segment \"\(segment)\" may hold only letters, digits and -")
        }
    }

    /// Where the document is hosted: `https://HOST/.well-known/did.json`, or `https://HOST/PATH/did.json`.
    public static func documentURL(_ did: String) -> String {
        let segments = did.dropFirst("did:web:".count).split(separator: ":").map(String.init)
        let host = segments[0].replacingOccurrences(of: "%3A", with: ":")
        return segments.count == 1
            ? "https://\(host)/.well-known/did.json"
            : "https://\(host)/" + segments.dropFirst().joined(separator: "/") + "/did.json"
    }

    /// The DID document naming `keys` as the DID's assertion keys: a P-256 key as a `JsonWebKey2020` (VC-JWT
    /// verifiers), an Ed25519 key as a `Multikey` with `publicKeyMultibase` (Data Integrity verifiers such as the
    /// Digital Credentials Consortium's). Each method's id is `DID#` + the key's multibase.
    public static func document(did: String, keys: [VerificationKey]) -> CredentialJSON {
        let methods = keys.map { key in
            var method: [String: CredentialJSON] = ["id": .string(DIDResolver.keyID(did: did, key: key)), "controller": .string(did)]
            switch key {
            case .p256:
                method["type"] = .string("JsonWebKey2020")
                method["publicKeyJwk"] = key.jwk
            case .ed25519:
                method["type"] = .string("Multikey")
                method["publicKeyMultibase"] = .string(key.multibase)
            }
            return CredentialJSON.object(method)
        }
        let ids = keys.map { CredentialJSON.string(DIDResolver.keyID(did: did, key: $0)) }
        var contexts = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"]
        if keys.contains(where: { if case .ed25519 = $0 { true } else { false } }) {
            contexts.append("https://w3id.org/security/multikey/v1")
        }
        return .object([
            "@context": .array(contexts.map(CredentialJSON.string)),
            "id": .string(did), "verificationMethod": .array(methods),
            "assertionMethod": .array(ids), "authentication": .array(ids),
        ])
    }

    /// The keys a `did.json` names for `did` (JWK or multibase verification methods); throws when it is not that DID's document.
    public static func keys(inDocument document: CredentialJSON, did: String) throws -> [VerificationKey] {
        guard document["id"]?.stringValue == did else {
            throw CredentialError.invalidDID("the document's id is not \(did)")
        }
        var keys: [VerificationKey] = []
        for method in document["verificationMethod"]?.arrayValue ?? [] {
            if let multibase = method["publicKeyMultibase"]?.stringValue {
                keys.append(try VerificationKey(multibase: multibase))
            } else if let jwk = method["publicKeyJwk"], jwk["kty"]?.stringValue == "EC" {
                let did = "did:jwk:" + Base64URL.encode(CredentialJSON.object(["crv": jwk["crv"] ?? .null, "kty": .string("EC"), "x": jwk["x"] ?? .null, "y": jwk["y"] ?? .null]).data)
                keys.append(VerificationKey(try DIDJWK.publicKey(from: did)))
            }
        }
        if keys.isEmpty { throw CredentialError.invalidDID("the document names no P-256 or Ed25519 verification key") }
        return keys
    }
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
