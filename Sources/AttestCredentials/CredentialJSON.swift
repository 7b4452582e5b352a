import AttestCore
import Foundation

/// A JSON value with one exact serialization: keys sorted by UTF-8 bytes, no white space, minimal escaping.
///
/// Signing needs reproducible bytes, and verification needs a strict parser (duplicate keys and trailing
/// text are rejected) that tells booleans from numbers, which `JSONSerialization` does not do portably.
public enum CredentialJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([CredentialJSON])
    case object([String: CredentialJSON])

    /// The canonical text: sorted keys, no white space, integers without a fraction.
    public var serialized: String { String(decoding: bytes, as: UTF8.self) }

    /// The canonical UTF-8 bytes.
    public var data: Data { Data(bytes) }

    private var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(into: &out)
        return out
    }

    public subscript(key: String) -> CredentialJSON? {
        if case let .object(members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    public var numberValue: Double? {
        if case let .number(value) = self { return value }
        return nil
    }

    public var arrayValue: [CredentialJSON]? {
        if case let .array(items) = self { return items }
        return nil
    }

    public var objectValue: [String: CredentialJSON]? {
        if case let .object(members) = self { return members }
        return nil
    }

    /// The strings of a value that is a string or an array of strings (JSON-LD allows either).
    public var stringSet: [String] {
        switch self {
        case let .string(text): [text]
        case let .array(items): items.compactMap(\.stringValue)
        default: []
        }
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case let .bool(value): out += (value ? "true" : "false").utf8
        case let .number(value):
            if value == value.rounded(), abs(value) < 9e15 {
                out += String(Int64(value)).utf8
            } else {
                out += "\(value)".utf8
            }
        case let .string(text): Self.writeString(text, into: &out)
        case let .array(items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            out.append(UInt8(ascii: "{"))
            // Byte order of UTF-8 equals code point order, so keys sort the same as in any other language.
            for (index, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20: out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension CredentialJSON {
    /// Parses one JSON text strictly (RFC 8259) with the core's parser, refusing duplicate member
    /// names (a credential must mean one thing) and nesting deeper than 64 levels; throws
    /// `CredentialJSONError` with the byte offset of the problem.
    public static func parse(_ data: Data) throws -> CredentialJSON {
        let document: JSONDocument
        do {
            document = try JSONParser.parse([UInt8](data))
        } catch {
            throw CredentialJSONError(offset: error.offset, message: error.message)
        }
        return try value(of: document.root, depth: 0)
    }

    private static func value(of node: JSONValue, depth: Int) throws -> CredentialJSON {
        guard depth < 64 else { throw CredentialJSONError(offset: node.offset, message: "nesting deeper than 64 levels") }
        switch node.kind {
        case .null: return .null
        case let .bool(flag): return .bool(flag)
        case let .number(number): return .number(number)
        case let .string(text): return .string(text)
        case let .array(items): return .array(try items.map { try value(of: $0, depth: depth + 1) })
        case let .object(object):
            if let duplicate = object.duplicateMembers.first {
                throw CredentialJSONError(offset: duplicate.keyOffset, message: "duplicate member \"\(duplicate.key)\"")
            }
            var members: [String: CredentialJSON] = [:]
            for member in object.members { members[member.key] = try value(of: member.value, depth: depth + 1) }
            return .object(members)
        }
    }
}

/// Why a text is not JSON, with the byte offset where parsing stopped.
public struct CredentialJSONError: Error, LocalizedError, Sendable, Hashable {
    public var offset: Int
    public var message: String

    public var errorDescription: String? { "invalid JSON at byte \(offset): \(message)" }
}
