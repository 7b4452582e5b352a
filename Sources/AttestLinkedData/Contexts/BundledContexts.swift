/// The JSON-LD contexts compiled into Attest. Linked-data processing never fetches: a document naming a
/// context outside this table is refused, so a credential's meaning cannot change behind a verifier's back.
public enum BundledContexts {
    /// The URLs of every held context, sorted, for messages that list what is supported.
    public static var urls: [String] { byURL.keys.sorted() }

    /// The parsed context document for `url`, or nil when Attest does not hold it.
    static func document(for url: String) -> JSONValue? {
        guard let text = byURL[url] else { return nil }
        return try? JSONValue.parse(text)
    }

    /// Every held context by the URL documents name it with.
    public static let byURL: [String: String] = [
        "https://www.w3.org/ns/credentials/v2": credentialsV2,
        "https://www.w3.org/ns/credentials/examples/v2": credentialsExamplesV2,
        "https://www.w3.org/2018/credentials/v1": credentialsV1,
        "https://w3id.org/security/data-integrity/v2": dataIntegrityV2,
        "https://w3id.org/security/data-integrity/v1": dataIntegrityV1,
        "https://w3id.org/security/multikey/v1": multikeyV1,
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": openBadges303,
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": openBadges302,
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": openBadges301,
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json": openBadges300,
        "https://w3id.org/citizenship/v4rc1": citizenshipV4rc1,
    ]
}
