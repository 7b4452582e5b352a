import Foundation

/// A parsed JSON value that remembers where it starts in its source bytes.
///
/// Pack diagnostics must point at the exact line and column of the offending
/// value or key, so every node keeps its byte offset; line and column are only
/// computed (by `SourceText`) when a diagnostic is actually made.
public struct JSONValue: Sendable, Hashable {
    /// The value itself.
    public enum Kind: Sendable, Hashable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object(JSONObject)
    }

    public var kind: Kind
    // Stored in 32 bits to keep nodes small (the parser refuses inputs of 4 GiB or more).
    private var storedOffset: UInt32

    /// The byte offset of the value's first byte in the source.
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = UInt32(clamping: newValue) }
    }

    public init(_ kind: Kind, offset: Int) {
        self.kind = kind
        storedOffset = UInt32(clamping: offset)
    }

    /// A short noun for the value's type, for messages ("a string", "an array").
    public var typeDescription: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    public var stringValue: String? {
        if case let .string(text) = kind { return text }
        return nil
    }

    public var numberValue: Double? {
        if case let .number(number) = kind { return number }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(flag) = kind { return flag }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case let .array(items) = kind { return items }
        return nil
    }

    public var objectValue: JSONObject? {
        if case let .object(object) = kind { return object }
        return nil
    }
}

/// A JSON object that keeps its members in source order, with each key's offset.
///
/// Order and key offsets let "unknown field" diagnostics point at the key itself;
/// `hasDuplicateKeys` is set by the parser so validators can report repeated keys
/// (which RFC 8259 allows but a pack must not contain).
public struct JSONObject: Sendable, Hashable {
    public var members: [JSONMember]
    public var hasDuplicateKeys: Bool

    public init(members: [JSONMember], hasDuplicateKeys: Bool = false) {
        self.members = members
        self.hasDuplicateKeys = hasDuplicateKeys
    }

    /// The value of the last member named `key` (later duplicates win, as in most parsers).
    public subscript(key: String) -> JSONValue? {
        members.last { $0.key == key }?.value
    }

    /// Members whose key already appeared earlier in the object, in source order.
    public var duplicateMembers: [JSONMember] {
        guard hasDuplicateKeys else { return [] }
        var seen = Set<String>()
        return members.filter { !seen.insert($0.key).inserted }
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    private var storedKeyOffset: UInt32

    /// The byte offset of the key's opening quote.
    public var keyOffset: Int {
        get { Int(storedKeyOffset) }
        set { storedKeyOffset = UInt32(clamping: newValue) }
    }

    public init(key: String, keyOffset: Int, value: JSONValue) {
        self.key = key
        self.value = value
        storedKeyOffset = UInt32(clamping: keyOffset)
    }
}

/// A parsed JSON text: its root value plus facts the parser noticed on the way.
public struct JSONDocument: Sendable {
    public var root: JSONValue
    /// Offsets of strings (values or keys) holding a control character (C0 other than
    /// line feed and tab, DEL, or C1), mapped to the first such character. Pack text is
    /// untrusted terminal output, so validators reject these.
    public var controlCharacters: [Int: Unicode.Scalar]

    public init(root: JSONValue, controlCharacters: [Int: Unicode.Scalar] = [:]) {
        self.root = root
        self.controlCharacters = controlCharacters
    }
}

/// A JSON syntax error, located in its source.
public struct JSONSyntaxError: LocalizedError, Sendable, Hashable {
    public var message: String
    public var offset: Int
    /// 1-based line of the offending byte.
    public var line: Int
    /// 1-based column, counted in characters (Unicode scalars).
    public var column: Int

    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var errorDescription: String? { "\(line):\(column): \(message)" }
}
