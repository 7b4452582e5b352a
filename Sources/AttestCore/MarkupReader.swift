import Foundation

/// The parser behind `MarkupElement` (see there): one pass over UTF-8 bytes with an explicit stack.
struct MarkupReader {
    static let maximumDepth = 64
    static let maximumElements = 2_000_000

    private let bytes: [UInt8]
    private var index = 0
    /// Lines counted up to `countedTo` (element starts come in order, so counting is linear).
    private var countedTo = 0
    private var countedLines = 1

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The document's root element.
    /// With `visit`, each child of the root is handed over (with the root's name) as soon as it
    /// closes and is not kept: a large document is held one top-level element at a time.
    static func parse(
        _ text: String, visit: ((_ child: MarkupElement, _ rootName: String) -> Void)? = nil
    ) throws(MarkupError) -> MarkupElement {
        var reader = MarkupReader(text)
        return try reader.document(visit)
    }

    private mutating func document(_ visit: ((MarkupElement, String) -> Void)?) throws(MarkupError) -> MarkupElement {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var stack: [MarkupElement] = []
        var root: MarkupElement?
        var count = 0
        var text: [UInt8] = []
        func flushText(into stack: inout [MarkupElement]) {
            guard !text.isEmpty else { return }
            if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: text, as: UTF8.self) }
            text.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if starts("<!--") {
                    try skip(past: "-->", what: "comment")
                } else if starts("<![CDATA[") {
                    guard !stack.isEmpty else { throw error("character data outside the root element") }
                    let start = index + 9
                    try skip(past: "]]>", what: "CDATA section")
                    text += bytes[start..<(index - 3)]
                } else if starts("<?") {
                    try skip(past: "?>", what: "processing instruction")
                } else if starts("<!DOCTYPE") {
                    try doctype()
                } else if starts("</") {
                    flushText(into: &stack)
                    let at = index
                    index += 2
                    let name = try self.name()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw error("expected > to end </\(name)") }
                    index += 1
                    guard let open = stack.popLast() else { throw error("</\(name)> closes nothing", at: at) }
                    guard open.name == name else { throw error("</\(name)> closes <\(open.name)> (line \(open.line))", at: at) }
                    if stack.isEmpty {
                        root = open
                    } else if stack.count == 1, let visit {
                        visit(open, stack[0].name)
                    } else {
                        stack[stack.count - 1].children.append(open)
                    }
                } else {
                    flushText(into: &stack)
                    guard root == nil else { throw error("a second root element") }
                    let line = lineOfCurrentIndex()
                    index += 1
                    let name = try self.name()
                    var attributes: [String: String] = [:]
                    var selfClosing = false
                    while true {
                        skipSpace()
                        guard index < bytes.count else { throw error("the file ends inside <\(name)>") }
                        if bytes[index] == UInt8(ascii: ">") { index += 1; break }
                        if starts("/>") { index += 2; selfClosing = true; break }
                        let attribute = try self.name()
                        skipSpace()
                        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw error("expected = after \(attribute)") }
                        index += 1
                        skipSpace()
                        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                            throw error("expected a quoted value for \(attribute)")
                        }
                        let quote = bytes[index]
                        index += 1
                        var value: [UInt8] = []
                        while index < bytes.count, bytes[index] != quote {
                            if bytes[index] == UInt8(ascii: "<") { throw error("< inside an attribute value") }
                            if bytes[index] == UInt8(ascii: "&") { value += try reference() } else { value.append(bytes[index]); index += 1 }
                        }
                        guard index < bytes.count else { throw error("the file ends inside an attribute value") }
                        index += 1
                        guard attributes.updateValue(String(decoding: value, as: UTF8.self), forKey: attribute) == nil else {
                            throw error("attribute \(attribute) given twice")
                        }
                    }
                    count += 1
                    guard count <= Self.maximumElements else { throw error("more than \(Self.maximumElements) elements") }
                    let element = MarkupElement(name: name, attributes: attributes, children: [], text: "", line: line)
                    if selfClosing {
                        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
                    } else {
                        guard stack.count < Self.maximumDepth else { throw error("elements nested deeper than \(Self.maximumDepth)") }
                        stack.append(element)
                    }
                }
            } else if byte == UInt8(ascii: "&") {
                guard !stack.isEmpty else { throw error("text outside the root element") }
                text += try reference()
            } else {
                if stack.isEmpty, !Self.isSpace(byte) { throw error("text outside the root element") }
                if !stack.isEmpty { text.append(byte) }
                index += 1
            }
        }
        if let open = stack.last { throw error("<\(open.name)> (line \(open.line)) is never closed") }
        guard let root else { throw error("no root element") }
        return root
    }

    /// `<!DOCTYPE name ...>` without an internal subset is skipped; one with `[` is refused.
    private mutating func doctype() throws(MarkupError) {
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
            if bytes[index] == UInt8(ascii: "[") {
                throw error("a document type with declarations (entities) is not read", at: start)
            }
            index += 1
        }
        guard index < bytes.count else { throw error("the file ends inside <!DOCTYPE", at: start) }
        index += 1
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#N;` `&#xN;` as UTF-8; anything else is an error.
    private mutating func reference() throws(MarkupError) -> [UInt8] {
        let start = index
        guard let end = bytes[index..<min(bytes.count, index + 12)].firstIndex(of: UInt8(ascii: ";")) else {
            throw error("& must start an entity such as &amp;", at: start)
        }
        let body = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        index = end + 1
        switch body {
        case "amp": return [UInt8(ascii: "&")]
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            guard body.hasPrefix("#") else { throw error("unknown entity &\(body); (only XML's five are read)", at: start) }
            let digits = body.dropFirst()
            let value = digits.first == "x" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else {
                throw error("&\(body); is not a character", at: start)
            }
            return Array(String(Character(scalar)).utf8)
        }
    }

    private mutating func name() throws(MarkupError) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            index += 1
        }
        guard index > start else { throw error("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skip(past marker: String, what: String) throws(MarkupError) {
        let start = index
        let pattern = Array(marker.utf8)
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                index += pattern.count
                return
            }
            index += 1
        }
        throw error("the \(what) is never closed with \(marker)", at: start)
    }

    private func starts(_ marker: String) -> Bool {
        bytes[index...].starts(with: marker.utf8)
    }

    private mutating func skipSpace() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func lineOfCurrentIndex() -> Int {
        for byte in bytes[countedTo..<index] where byte == 0x0A { countedLines += 1 }
        countedTo = index
        return countedLines
    }

    private func line(at offset: Int) -> Int {
        bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    private func error(_ reason: String, at offset: Int? = nil) -> MarkupError {
        let at = min(offset ?? index, bytes.count)
        let lineStart = bytes[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return MarkupError(line: line(at: at), column: String(decoding: bytes[lineStart..<at], as: UTF8.self).count + 1, reason: reason)
    }
}
