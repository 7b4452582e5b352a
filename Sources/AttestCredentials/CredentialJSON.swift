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
    /// Parses one JSON text strictly (RFC 8259); throws `CredentialJSONError` with the byte offset of the problem.
    public static func parse(_ data: Data) throws -> CredentialJSON {
        var parser = Parser(bytes: Array(data))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        func error(_ message: String) -> CredentialJSONError { CredentialJSONError(offset: index, message: message) }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                index += 1
            }
        }

        mutating func value(depth: Int) throws -> CredentialJSON {
            guard depth < 64 else { throw error("nesting deeper than 64 levels") }
            guard index < bytes.count else { throw error("unexpected end of JSON") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected
            else { throw error("invalid literal") }
            index += expected.count
        }

        mutating func object(depth: Int) throws -> CredentialJSON {
            index += 1
            var members: [String: CredentialJSON] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name") }
                let key = try string()
                guard members[key] == nil else { throw error("duplicate member \"\(key)\"") }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                skipSpace()
                members[key] = try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw error("unexpected end of JSON") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                throw error("expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws -> CredentialJSON {
            index += 1
            var items: [CredentialJSON] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw error("unexpected end of JSON") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw error("expected ',' or ']'")
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count, let text = String(bytes: bytes[index..<index + 4], encoding: .ascii),
                  text.allSatisfy(\.isHexDigit), let value = UInt32(text, radix: 16)
            else { throw error("invalid \\u escape") }
            index += 4
            return value
        }

        mutating func appendScalar(_ code: UInt32, to out: inout [UInt8]) throws {
            guard let scalar = Unicode.Scalar(code) else { throw error("unpaired surrogate") }
            out += String(Character(scalar)).utf8
        }

        mutating func string() throws -> String {
            index += 1
            let start = index
            // Fast path: a string without escapes is one slice of the input.
            while index < bytes.count, bytes[index] != UInt8(ascii: "\\") {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    guard let text = String(validating: bytes[start..<index], as: UTF8.self) else {
                        throw error("invalid UTF-8 in a string")
                    }
                    index += 1
                    return text
                }
                guard byte >= 0x20 else { throw error("control character in a string") }
                index += 1
            }
            var out = Array(bytes[start..<index])
            while true {
                guard index < bytes.count else { throw error("unterminated string") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    guard let text = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
                    return text
                }
                guard byte >= 0x20 else { throw error("control character in a string") }
                index += 1
                if byte != UInt8(ascii: "\\") {
                    out.append(byte)
                    continue
                }
                guard index < bytes.count else { throw error("unterminated escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        else { throw error("unpaired surrogate") }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    try appendScalar(code, to: &out)
                default:
                    throw error("invalid escape")
                }
            }
        }

        mutating func number() throws -> Double {
            let start = index
            func digits() -> Int {
                let from = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                return index - from
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let intStart = index
            let count = digits()
            guard count > 0 else { throw error("invalid value") }
            if count > 1, bytes[intStart] == UInt8(ascii: "0") { throw error("leading zero in a number") }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw error("digits expected after '.'") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw error("digits expected in an exponent") }
            }
            guard let text = String(bytes: bytes[start..<index], encoding: .ascii), let value = Double(text),
                  value.isFinite
            else { throw error("number out of range") }
            return value
        }
    }
}

/// Why a text is not JSON, with the byte offset where parsing stopped.
public struct CredentialJSONError: Error, LocalizedError, Sendable, Hashable {
    public var offset: Int
    public var message: String

    public var errorDescription: String? { "invalid JSON at byte \(offset): \(message)" }
}
