/// A strict RFC 8259 JSON parser that keeps byte offsets and stops at the first syntax error.
///
/// Packs are validated with diagnostics that point into the file, which Foundation's
/// parsers cannot do; this parser records where every value and key starts, rejects
/// everything RFC 8259 rejects (trailing commas, comments, NaN, leading zeros, bad
/// escapes, lone surrogates, invalid UTF-8), limits nesting so hostile input cannot
/// overflow the stack, and slices strings straight out of the input bytes when they
/// hold no escapes.
public enum JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 512

    /// Parses a whole JSON text.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONDocument {
        try parse(bytes, stream: nil)
    }

    /// Parses a whole JSON text, handing the elements of one array member of the root object
    /// to `stream` one by one as they are parsed (when `stream` accepts it), so the tree never
    /// holds them all; that member's value is left as an empty array at the same offset.
    static func parse(_ bytes: [UInt8], streaming stream: some JSONElementStream) throws(JSONSyntaxError) -> JSONDocument {
        try parse(bytes, stream: stream)
    }

    private static func parse(_ bytes: [UInt8], stream: (any JSONElementStream)?) throws(JSONSyntaxError) -> JSONDocument {
        guard !bytes.isEmpty else {
            throw JSONSyntaxError(message: "expected a JSON value, found the end of the file", offset: 0, line: 1, column: 1)
        }
        guard bytes.count < Int(UInt32.max) else {
            throw JSONSyntaxError(message: "JSON texts of 4 GiB or more are not supported", offset: 0, line: 1, column: 1)
        }
        let outcome: Result<JSONDocument, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, stream: stream)
            do throws(JSONScanner.Failure) {
                return .success(try scanner.parseDocument())
            } catch {
                let location = SourceText.location(of: error.offset, in: bytes)
                return .failure(JSONSyntaxError(
                    message: error.message, offset: error.offset, line: location.line, column: location.column
                ))
            }
        }
        return try outcome.get()
    }
}

/// Takes the elements of one array member of the root object as they are parsed.
///
/// The pack loader decodes each question as soon as it is parsed: its part of the tree is
/// still in cache, and is freed before the next one is built, so a large pack never holds
/// the tree of all its questions at once.
protocol JSONElementStream: AnyObject {
    /// Whether to stream the array value of the root object's member `key`, seeing the members
    /// before it. Asked for each array member of the root object until it first says yes.
    func shouldStream(key: String, keyOffset: Int, precedingMembers: ArraySlice<JSONMember>) -> Bool

    /// One element of the streamed array. `controlCharacters` holds every string offset with a
    /// control character found so far (see `JSONDocument`), or is nil when the element has none.
    func element(_ value: JSONValue, index: Int, controlCharacters: [Int: Unicode.Scalar]?)
}

/// The scanning state of one parse (kept apart from `JSONParser` so the public API stays static).
struct JSONScanner {
    struct Failure: Error {
        var message: String
        var offset: Int
    }

    private let base: UnsafePointer<UInt8>
    private let end: Int
    private var index = 0
    private var depth = 0
    private var controlCharacters: [Int: Unicode.Scalar] = [:]
    private var scratch: [UInt8] = []
    private var shortStrings = ShortStringTable()
    // Members and elements of the objects and arrays being parsed, stacked so each finished
    // container is copied once into an exactly sized array instead of growing its own.
    private let memberStack = ScratchStack<JSONMember>()
    private let valueStack = ScratchStack<JSONValue>()
    /// Where the elements of one root array member go instead of the tree, until it took one.
    private var stream: (any JSONElementStream)?

    /// `buffer` must not be empty.
    init(_ buffer: UnsafeBufferPointer<UInt8>, stream: (any JSONElementStream)?) {
        base = buffer.baseAddress!
        end = buffer.count
        self.stream = stream
    }

    mutating func parseDocument() throws(Failure) -> JSONDocument {
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            throw Failure(message: "a byte order mark is not allowed at the start of JSON", offset: 0)
        }
        skipWhitespace()
        guard index < end else {
            throw Failure(message: "expected a JSON value, found the end of the file", offset: index)
        }
        let root = try parseValue()
        skipWhitespace()
        guard index == end else {
            throw Failure(message: "unexpected \(describe(index)) after the JSON value", offset: index)
        }
        return JSONDocument(root: root, controlCharacters: controlCharacters)
    }

    // MARK: Values

    private mutating func parseValue() throws(Failure) -> JSONValue {
        let start = index
        switch base[index] {
        case UInt8(ascii: "{"):
            return JSONValue(.object(try parseObject()), offset: start)
        case UInt8(ascii: "["):
            return JSONValue(.array(try parseArray()), offset: start)
        case UInt8(ascii: "\""):
            return JSONValue(.string(try parseString()), offset: start)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONValue(.bool(true), offset: start)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONValue(.bool(false), offset: start)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONValue(.null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(.number(try parseNumber()), offset: start)
        case UInt8(ascii: "/"):
            throw Failure(message: "comments are not allowed in JSON", offset: start)
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw Failure(message: "NaN and Infinity are not valid JSON numbers", offset: start)
        case UInt8(ascii: "'"):
            throw Failure(message: "strings must use double quotes", offset: start)
        default:
            throw Failure(message: "expected a JSON value, found \(describe(start))", offset: start)
        }
    }

    private mutating func enterNesting() throws(Failure) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw Failure(message: "nesting is deeper than \(JSONParser.maximumDepth) levels", offset: index)
        }
    }

    private mutating func parseObject() throws(Failure) -> JSONObject {
        try enterNesting()
        index += 1
        let first = memberStack.count
        var duplicates = false
        var seenKeys = Set<String>()
        // One bit per key length seen (modulo 64): a key whose length is new cannot repeat a key.
        var seenLengths: UInt64 = 0
        skipWhitespace()
        if index < end, base[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return JSONObject(members: [])
        }
        while true {
            guard index < end, base[index] == UInt8(ascii: "\"") else {
                let message = memberStack.count == first ? "expected a string key or '}'" : "expected a string key after ','"
                throw Failure(message: message + ", found \(describe(index))", offset: index)
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: ":") else {
                throw Failure(message: "expected ':' after object key, found \(describe(index))", offset: index)
            }
            index += 1
            skipWhitespace()
            guard index < end else {
                throw Failure(message: "expected a value after ':', found the end of the file", offset: index)
            }
            let value: JSONValue
            if depth == 1, base[index] == UInt8(ascii: "["), let stream,
               stream.shouldStream(key: key, keyOffset: keyOffset, precedingMembers: memberStack.slice(from: first)) {
                self.stream = nil
                let start = index
                try parseArray(streamingTo: stream)
                value = JSONValue(.array([]), offset: start)
            } else {
                value = try parseValue()
            }
            if !duplicates {
                let count = memberStack.count - first
                let lengthBit: UInt64 = 1 << UInt64(key.utf8.count & 63)
                if count < 16 {
                    if seenLengths & lengthBit != 0 {
                        duplicates = memberStack.contains(from: first) { $0.key == key }
                    }
                    seenLengths |= lengthBit
                } else {
                    if seenKeys.isEmpty { seenKeys = memberStack.keys(from: first) }
                    duplicates = !seenKeys.insert(key).inserted
                }
            }
            memberStack.append(JSONMember(key: key, keyOffset: keyOffset, value: value))
            skipWhitespace()
            guard index < end else {
                throw Failure(message: "expected ',' or '}' after object member, found the end of the file", offset: index)
            }
            if base[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                continue
            }
            if base[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                let members = memberStack.moveOut(from: first)
                return JSONObject(members: members, hasDuplicateKeys: duplicates)
            }
            throw Failure(message: "expected ',' or '}' after object member, found \(describe(index))", offset: index)
        }
    }

    private mutating func parseArray() throws(Failure) -> [JSONValue] {
        let first = valueStack.count
        try parseArray(streamingTo: nil)
        return valueStack.moveOut(from: first)
    }

    /// Parses an array starting at its `[`, pushing its elements on `valueStack`, or handing
    /// them to `stream` when one is given.
    private mutating func parseArray(streamingTo stream: (any JSONElementStream)?) throws(Failure) {
        try enterNesting()
        index += 1
        skipWhitespace()
        if index < end, base[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return
        }
        var count = 0
        while true {
            guard index < end else {
                throw Failure(message: "expected a value or ']', found the end of the file", offset: index)
            }
            if base[index] == UInt8(ascii: "]") {
                throw Failure(message: "expected a value after ',' (trailing commas are not allowed)", offset: index)
            }
            if let stream {
                let controlsBefore = controlCharacters.count
                let item = try parseValue()
                stream.element(item, index: count, controlCharacters: controlCharacters.count == controlsBefore ? nil : controlCharacters)
            } else {
                valueStack.append(try parseValue())
            }
            count += 1
            skipWhitespace()
            guard index < end else {
                throw Failure(message: "expected ',' or ']' after array element, found the end of the file", offset: index)
            }
            if base[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                continue
            }
            if base[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return
            }
            throw Failure(message: "expected ',' or ']' after array element, found \(describe(index))", offset: index)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        guard index + count <= end, (0..<count).allSatisfy({ base[index + $0] == text[$0] }) else {
            throw Failure(message: "expected a JSON value, found \(describe(index))", offset: index)
        }
        index += count
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(Failure) -> String {
        let tokenStart = index
        let start = index + 1
        let base = base, end = end  // kept in registers through the loop
        var cursor = start
        while cursor < end {
            // Most of a pack is plain ASCII text: skip it eight bytes at a time, straight to
            // the first quote, escape, control character or non-ASCII byte.
            while cursor + 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self))
                let special = Self.specialBytes(word)
                if special != 0 {
                    cursor += special.trailingZeroBitCount >> 3
                    break
                }
                cursor += 8
            }
            guard cursor < end else { break }
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                let length = cursor - start
                if length <= ShortStringTable.maximumLength {
                    return shortStrings.string(at: base + start, length: length, end: base + end)
                }
                return String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(tokenStart: tokenStart, from: start, escapeAt: cursor)
            }
            if byte < 0x20 {
                throw Failure(message: "control characters must be escaped in strings (found U+\(hex4(UInt32(byte))))", offset: cursor)
            }
            if byte < 0x7F {
                cursor += 1
            } else if byte == 0x7F {
                noteControl(UnicodeScalar(byte), in: tokenStart)
                cursor += 1
            } else {
                cursor = try validateMultibyte(at: cursor, stringStart: tokenStart)
            }
        }
        throw Failure(message: "unterminated string", offset: tokenStart)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Nonzero when any of the eight bytes in `word` (read little-endian) needs a look on its own
    /// in a string: `"`, `\`, below 0x20, DEL, or not ASCII. The lowest set bit is in the first
    /// such byte (a borrow can only mark bytes after a real match, never before one).
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        func zeroBytes(_ value: UInt64) -> UInt64 {
            (value &- ones) & ~value & highBits
        }
        let quote = zeroBytes(word ^ (ones &* 0x22))
        let backslash = zeroBytes(word ^ (ones &* 0x5C))
        let delete = zeroBytes(word ^ (ones &* 0x7F))
        let control = (word &- ones &* 0x20) & ~word & highBits
        return quote | backslash | delete | control | (word & highBits)
    }

    /// The slow path: a string with at least one escape, decoded into `scratch`.
    private mutating func parseEscapedString(tokenStart: Int, from start: Int, escapeAt firstEscape: Int) throws(Failure) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: firstEscape - start))
        var cursor = firstEscape
        while cursor < end {
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                cursor = try decodeEscape(at: cursor, stringStart: tokenStart)
                continue
            }
            if byte < 0x20 {
                throw Failure(message: "control characters must be escaped in strings (found U+\(hex4(UInt32(byte))))", offset: cursor)
            }
            if byte < 0x80 {
                if byte == 0x7F { noteControl(UnicodeScalar(byte), in: tokenStart) }
                scratch.append(byte)
                cursor += 1
            } else {
                let next = try validateMultibyte(at: cursor, stringStart: tokenStart)
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + cursor, count: next - cursor))
                cursor = next
            }
        }
        throw Failure(message: "unterminated string", offset: tokenStart)
    }

    /// Decodes the escape at `cursor` (a backslash) into `scratch`; returns the offset after it.
    private mutating func decodeEscape(at cursor: Int, stringStart: Int) throws(Failure) -> Int {
        guard cursor + 1 < end else { throw Failure(message: "unterminated string", offset: stringStart) }
        let simple: UInt8
        switch base[cursor + 1] {
        case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            return try decodeUnicodeEscape(at: cursor, stringStart: stringStart)
        default:
            throw Failure(message: "invalid escape sequence '\\\(describeByte(base[cursor + 1]))'", offset: cursor)
        }
        if simple < 0x20, simple != 0x0A, simple != 0x09 {
            noteControl(UnicodeScalar(simple), in: stringStart)
        }
        scratch.append(simple)
        return cursor + 2
    }

    private mutating func decodeUnicodeEscape(at cursor: Int, stringStart: Int) throws(Failure) -> Int {
        let high = try hexQuad(at: cursor + 2, escapeAt: cursor)
        var value = high
        var next = cursor + 6
        if (0xD800...0xDBFF).contains(high) {
            guard next + 1 < end, base[next] == UInt8(ascii: "\\"), base[next + 1] == UInt8(ascii: "u") else {
                throw Failure(message: "lone high surrogate \\u\(hex4(high)) must be followed by a low surrogate escape", offset: cursor)
            }
            let low = try hexQuad(at: next + 2, escapeAt: next)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw Failure(message: "\\u\(hex4(high)) must be followed by a low surrogate, not \\u\(hex4(low))", offset: next)
            }
            value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        } else if (0xDC00...0xDFFF).contains(high) {
            throw Failure(message: "lone low surrogate \\u\(hex4(high))", offset: cursor)
        }
        let scalar = Unicode.Scalar(value)!
        if Self.isControl(value) { noteControl(scalar, in: stringStart) }
        scratch.append(contentsOf: UTF8.encode(scalar)!)
        return next
    }

    private func hexQuad(at start: Int, escapeAt: Int) throws(Failure) -> UInt32 {
        guard start + 4 <= end else {
            throw Failure(message: "\\u must be followed by four hexadecimal digits", offset: escapeAt)
        }
        var value: UInt32 = 0
        for offset in start..<(start + 4) {
            let byte = base[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Failure(message: "\\u must be followed by four hexadecimal digits", offset: escapeAt)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Validates the UTF-8 sequence starting at `cursor` (lead byte ≥ 0x80); returns the offset after it.
    private mutating func validateMultibyte(at cursor: Int, stringStart: Int) throws(Failure) -> Int {
        let lead = base[cursor]
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: throw Failure(message: "invalid UTF-8 byte 0x\(hex2(lead))", offset: cursor)
        }
        guard cursor + length <= end else {
            throw Failure(message: "truncated UTF-8 sequence", offset: cursor)
        }
        let second = base[cursor + 1]
        guard second >= lowerBound, second <= upperBound else {
            throw Failure(message: "invalid UTF-8 sequence starting with byte 0x\(hex2(lead))", offset: cursor)
        }
        for extra in 2..<max(2, length) where base[cursor + extra] & 0xC0 != 0x80 {
            throw Failure(message: "invalid UTF-8 sequence starting with byte 0x\(hex2(lead))", offset: cursor)
        }
        if lead == 0xC2, second <= 0x9F {
            noteControl(Unicode.Scalar(second), in: stringStart)
        }
        return cursor + length
    }

    static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
    }

    private mutating func noteControl(_ scalar: Unicode.Scalar, in stringStart: Int) {
        if controlCharacters[stringStart] == nil {
            controlCharacters[stringStart] = scalar
        }
    }

    // MARK: Numbers

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    private mutating func parseNumber() throws(Failure) -> Double {
        let start = index
        var cursor = index
        var negative = false
        if base[cursor] == UInt8(ascii: "-") {
            negative = true
            cursor += 1
        }
        guard cursor < end, isDigit(base[cursor]) else {
            throw Failure(message: "expected a digit after '-'", offset: cursor)
        }
        var mantissa: UInt64 = 0
        var digits = 0
        if base[cursor] == UInt8(ascii: "0") {
            cursor += 1
            if cursor < end, isDigit(base[cursor]) {
                throw Failure(message: "numbers must not have leading zeros", offset: start)
            }
        } else {
            while cursor < end, isDigit(base[cursor]) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(base[cursor] - 48) }
                digits += 1
                cursor += 1
            }
        }
        var fractionDigits = 0
        if cursor < end, base[cursor] == UInt8(ascii: ".") {
            cursor += 1
            guard cursor < end, isDigit(base[cursor]) else {
                throw Failure(message: "expected a digit after the decimal point", offset: cursor)
            }
            while cursor < end, isDigit(base[cursor]) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(base[cursor] - 48) }
                if mantissa != 0 || digits > 0 { digits += 1 }
                fractionDigits += 1
                cursor += 1
            }
        }
        var exponent = 0
        var hasExponent = false
        if cursor < end, base[cursor] == UInt8(ascii: "e") || base[cursor] == UInt8(ascii: "E") {
            hasExponent = true
            cursor += 1
            var exponentNegative = false
            if cursor < end, base[cursor] == UInt8(ascii: "+") || base[cursor] == UInt8(ascii: "-") {
                exponentNegative = base[cursor] == UInt8(ascii: "-")
                cursor += 1
            }
            guard cursor < end, isDigit(base[cursor]) else {
                throw Failure(message: "expected a digit in the exponent", offset: cursor)
            }
            while cursor < end, isDigit(base[cursor]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(base[cursor] - 48) }
                cursor += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        index = cursor
        let decimalExponent = exponent - fractionDigits
        var value: Double
        if digits <= 15, abs(decimalExponent) <= 22 {
            // Exact: both the mantissa and the power of ten are representable, so one rounding.
            value = Double(mantissa)
            value = decimalExponent < 0 ? value / Self.powersOfTen[-decimalExponent] : value * Self.powersOfTen[decimalExponent]
        } else if !hasExponent, fractionDigits == 0, digits <= 19 {
            value = Double(mantissa)
        } else {
            let text = String(decoding: UnsafeBufferPointer(start: base + start, count: cursor - start), as: UTF8.self)
            guard let parsed = Double(text) else {
                throw Failure(message: "number is not representable", offset: start)
            }
            value = abs(parsed)
        }
        guard value.isFinite else {
            throw Failure(message: "number is too large", offset: start)
        }
        return negative ? -value : value
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    // MARK: Messages

    private func describe(_ offset: Int) -> String {
        guard offset < end else { return "the end of the file" }
        if base[offset] == UInt8(ascii: "/") { return "'/' (comments are not allowed in JSON)" }
        return "'\(describeByte(base[offset]))'"
    }

    private func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return String(UnicodeScalar(byte)) }
        return "\\x" + hex2(byte)
    }
}

func hex2(_ byte: UInt8) -> String {
    let text = String(byte, radix: 16, uppercase: true)
    return byte < 0x10 ? "0" + text : text
}

func hex4(_ value: UInt32) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - text.count)) + text
}

/// A growable stack with manual storage, so a finished container's elements can be moved
/// (not copied and released) into their own exactly sized array.
final class ScratchStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity = 64
    private(set) var count = 0

    init() {
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity {
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// Removes the elements from `start` on, returning them in order.
    ///
    /// The array is made by reserving capacity and appending: made with
    /// `init(unsafeUninitializedCapacity:)`, each one looked up the array storage's type
    /// metadata at run time (the standard library's generic code ran, not a specialization).
    func moveOut(from start: Int) -> [Element] {
        guard count > start else { return [] }
        var moved: [Element] = []
        moved.reserveCapacity(count - start)
        for position in start..<count {
            moved.append((storage + position).move())
        }
        count = start
        return moved
    }

    subscript(index: Int) -> Element {
        storage[index]
    }

    /// A copy of the elements from `start` on.
    func slice(from start: Int) -> ArraySlice<Element> {
        ArraySlice(UnsafeBufferPointer(start: storage + start, count: count - start))
    }

    func contains(from start: Int, where predicate: (Element) -> Bool) -> Bool {
        for index in start..<count where predicate(storage[index]) {
            return true
        }
        return false
    }
}

extension ScratchStack where Element == JSONMember {
    func keys(from start: Int) -> Set<String> {
        var keys = Set<String>()
        for index in start..<count { keys.insert(self[index].key) }
        return keys
    }
}
