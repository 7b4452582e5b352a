/// Why a JSON-LD document could not be turned into RDF. Unsupported features are refused by name
/// rather than guessed at, so a signature is never computed over a misread credential.
public enum JSONLDError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The document names a context Attest does not hold (it never fetches).
    case contextNotHeld(String)
    /// A JSON-LD feature outside the supported subset.
    case unsupported(String)
    /// The document or a context breaks a JSON-LD rule.
    case invalid(String)

    public var description: String {
        switch self {
        case .contextNotHeld(let url):
            return "the context \(url) is not one Attest holds (it never fetches contexts); held: "
                + BundledContexts.urls.joined(separator: ", ")
        case .unsupported(let feature): return "JSON-LD feature not supported: \(feature)"
        case .invalid(let reason): return "invalid JSON-LD: \(reason)"
        }
    }
}
