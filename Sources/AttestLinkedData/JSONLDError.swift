/// Why a JSON-LD document could not be turned into RDF. Unsupported features are refused by name
/// rather than guessed at, so a signature is never computed over a misread credential.
public enum JSONLDError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The document names a context Attest does not hold (it never fetches).
    case contextNotHeld(String)
    /// A JSON-LD feature outside the supported subset.
    case unsupported(String)
    /// The document or a context breaks a JSON-LD rule.
    case invalid(String)
    /// A property or type no context defines: plain JSON-LD would silently drop it, so a proof would not cover it.
    case undefinedTerm(String)
    /// A relative IRI, which has no RDF form and would likewise fall outside a proof.
    case relativeIRI(String)

    public var description: String {
        switch self {
        case .contextNotHeld(let url):
            return "the context \(url) is not one Attest holds (it never fetches contexts); held: "
                + BundledContexts.urls.joined(separator: ", ")
        case .unsupported(let feature): return "JSON-LD feature not supported: \(feature)"
        case .invalid(let reason): return "invalid JSON-LD: \(reason)"
        case .undefinedTerm(let term):
            return "\"\(term)\" is not defined by the document's contexts, so a proof would not cover it; refused"
        case .relativeIRI(let iri):
            return "\"\(iri)\" is a relative IRI, which a proof would not cover; use an absolute URL, URN or DID"
        }
    }
}
