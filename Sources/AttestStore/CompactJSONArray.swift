/// Reads the small JSON arrays the store writes itself (`attempt.questionIDs`, `response.selection`) straight from
/// SQLite's UTF-8 bytes, without a `JSONDecoder` per row.
///
/// Only the compact form `StoreCoding.json` writes is read here: no whitespace, no escapes, no signs or
/// fractions. Anything else returns nil, and the caller decodes it with `StoreCoding.decode`, so a value
/// this reader accepts is exactly the one the decoder would return and every other value takes the
/// decoder's path, errors included.
enum CompactJSONArray {
    private static let open = UInt8(ascii: "[")
    private static let close = UInt8(ascii: "]")
    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let zero = UInt8(ascii: "0")
    private static let nine = UInt8(ascii: "9")

    /// `[0,2]` as `[0, 2]`; nil for anything but non-negative integers of up to 18 digits without leading zeros.
    static func integers(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
        guard bytes.count >= 2, bytes.first == open, bytes.last == close else { return nil }
        var values: [Int] = []
        if bytes.count == 2 { return values }
        var index = 1
        while true {
            let start = index
            var value = 0
            while index < bytes.count - 1, bytes[index] >= zero, bytes[index] <= nine {
                value = value * 10 + Int(bytes[index] - zero)
                index += 1
            }
            let digits = index - start
            guard digits > 0, digits <= 18, digits == 1 || bytes[start] != zero else { return nil }
            values.append(value)
            if index == bytes.count - 1 { return values }
            guard bytes[index] == comma else { return nil }
            index += 1
        }
    }

    /// `["a","b"]` as `["a", "b"]`; nil when a string holds an escape, a control character or invalid UTF-8,
    /// or when anything but strings and commas sits between the brackets.
    static func strings(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        guard bytes.count >= 2, bytes.first == open, bytes.last == close else { return nil }
        var values: [String] = []
        if bytes.count == 2 { return values }
        var index = 1
        while true {
            guard index < bytes.count - 1, bytes[index] == quote else { return nil }
            index += 1
            let start = index
            while index < bytes.count - 1, bytes[index] != quote {
                guard bytes[index] != backslash, bytes[index] >= 0x20 else { return nil }
                index += 1
            }
            guard index < bytes.count - 1,
                  let value = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            else { return nil }
            values.append(value)
            index += 1
            if index == bytes.count - 1 { return values }
            guard bytes[index] == comma else { return nil }
            index += 1
        }
    }
}
