/// Finds the line and column of a JSON Pointer's value in a source text.
///
/// Checks that run on a decoded pack (item-writing lint, credential rules) know *what* they name as a
/// JSON Pointer (`/questions/12`) but not where it is in the file; this parses the source once, on
/// the first request, and resolves each pointer to the offset of its value.
public struct JSONPointerLocator: Sendable {
    private var source: SourceText
    private var root: JSONValue??

    public init(bytes: [UInt8]) {
        source = SourceText(bytes: bytes)
    }

    /// Where the value `pointer` names starts (1-based), or nil when the text does not parse or has no such value.
    public mutating func location(of pointer: String) -> (line: Int, column: Int)? {
        if root == nil { root = .some(try? JSONParser.parse(source.bytes).root) }
        guard let parsed = root ?? nil, let value = Self.resolve(pointer, in: parsed) else { return nil }
        return source.location(of: value.offset)
    }

    /// The value `pointer` (RFC 6901) names in `root`.
    public static func resolve(_ pointer: String, in root: JSONValue) -> JSONValue? {
        guard !pointer.isEmpty else { return root }
        guard pointer.hasPrefix("/") else { return nil }
        var value = root
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch value.kind {
            case let .object(object):
                guard let member = object[token] else { return nil }
                value = member
            case let .array(items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                value = items[index]
            default:
                return nil
            }
        }
        return value
    }
}
