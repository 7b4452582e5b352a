/// `did:web` names for organisation issuers: the DID for a domain (and optional path) and the HTTPS URL
/// of the `did.json` a verifier fetches, so the organisation knows where to host its key.
public enum DIDWeb {
    /// `did:web:example.edu` or `did:web:example.edu:issuers:physics`; ports are percent-encoded.
    public static func did(domain: String, path: [String] = []) -> String {
        (["did:web", domain.replacingOccurrences(of: ":", with: "%3A")] + path).joined(separator: ":")
    }

    /// Where the DID document of a did:web DID is hosted, or nil when `did` is not did:web.
    public static func documentURL(for did: String) -> String? {
        let bare = did.split(separator: "#", maxSplits: 1).first.map(String.init) ?? did
        guard bare.hasPrefix("did:web:") else { return nil }
        let parts = bare.dropFirst("did:web:".count).split(separator: ":").map(String.init)
        guard let host = parts.first, !host.isEmpty else { return nil }
        let domain = host.replacingOccurrences(of: "%3A", with: ":")
        if parts.count == 1 { return "https://\(domain)/.well-known/did.json" }
        return "https://\(domain)/" + parts.dropFirst().joined(separator: "/") + "/did.json"
    }

    /// The Ed25519 keys a controller document (did.json) lists as Multikey verification methods, by method id.
    public static func verificationKeys(in document: JSONValue) -> [String: DIDKey] {
        var keys: [String: DIDKey] = [:]
        for method in document["verificationMethod"]?.arrayValue ?? [] {
            guard let id = method["id"]?.stringValue, method["type"] == .string("Multikey"),
                  let multibase = method["publicKeyMultibase"]?.stringValue,
                  let key = DIDKey(multibase: multibase) else { continue }
            keys[id] = key
        }
        return keys
    }

    /// The Ed25519 key a did:web verification method names in its fragment (`did:web:example.edu#z6Mk…`), the
    /// form Attest's organisation issuers use, so a proof checks offline; whether the organisation really holds
    /// that key is what the verifier's trust list (from its hosted did.json) says. Nil for any other method.
    public static func embeddedKey(verificationMethod: String) -> DIDKey? {
        let parts = verificationMethod.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasPrefix("did:web:") else { return nil }
        return DIDKey(multibase: String(parts[1]))
    }
}
