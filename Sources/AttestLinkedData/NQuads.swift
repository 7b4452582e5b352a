/// Reads and writes N-Quads, the line-based RDF dataset format RDFC-1.0 canonicalises into.
public enum NQuads {
    /// A line that is not a well-formed quad.
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "N-Quads line \(line): \(reason)" }
    }

    /// The dataset as sorted, de-duplicated N-Quads lines.
    public static func serialise(_ quads: some Sequence<RDFQuad>) -> String {
        Set(quads.map(\.nQuadsLine)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.joined()
    }

    /// Parses N-Quads text (IRIs, blank nodes, literals with datatype or language; comments and blank lines skipped).
    public static func parse(_ text: String) throws -> [RDFQuad] {
        var quads: [RDFQuad] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var reader = LineReader(scalars: Array(rawLine.unicodeScalars), line: offset + 1)
            reader.skipSpace()
            if reader.atEnd || reader.peek == "#" { continue }
            let subject = try reader.term()
            let predicate = try reader.term()
            let object = try reader.term()
            reader.skipSpace()
            var graph: RDFTerm?
            if reader.peek != "." { graph = try reader.term() }
            reader.skipSpace()
            guard reader.peek == "." else { throw reader.error("expected '.'") }
            quads.append(RDFQuad(subject: subject, predicate: predicate, object: object, graph: graph))
        }
        return quads
    }

    private struct LineReader {
        let scalars: [Unicode.Scalar]
        let line: Int
        var index = 0

        init(scalars: [Unicode.Scalar], line: Int) {
            self.scalars = scalars
            self.line = line
        }

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }
        func error(_ reason: String) -> SyntaxError { SyntaxError(line: line, reason: reason) }

        mutating func skipSpace() {
            while let c = peek, c == " " || c == "\t" || c == "\r" { index += 1 }
        }

        mutating func until(_ stop: (Unicode.Scalar) -> Bool) -> String {
            var out = String.UnicodeScalarView()
            while let c = peek, !stop(c) { out.append(c); index += 1 }
            return String(out)
        }

        /// The scalar of a `\uXXXX` or `\UXXXXXXXX` escape whose letter was just read.
        mutating func uchar(_ letter: Unicode.Scalar) throws -> Unicode.Scalar {
            let width = letter == "u" ? 4 : 8
            guard index + width <= scalars.count,
                  let code = UInt32(String(String.UnicodeScalarView(scalars[index..<index + width])), radix: 16),
                  let scalar = Unicode.Scalar(code) else { throw error("invalid \\\(letter) escape") }
            index += width
            return scalar
        }

        mutating func term() throws -> RDFTerm {
            skipSpace()
            switch peek {
            case "<":
                index += 1
                var iri = String.UnicodeScalarView()
                while true {
                    guard let c = peek else { throw error("unterminated IRI") }
                    index += 1
                    if c == ">" { break }
                    if c != "\\" { iri.append(c); continue }
                    guard let e = peek, e == "u" || e == "U" else { throw error("only \\u and \\U escapes are allowed in an IRI") }
                    index += 1
                    iri.append(try uchar(e))
                }
                return .iri(String(iri))
            case "_":
                index += 1
                guard peek == ":" else { throw error("expected ':' after '_'") }
                index += 1
                return .blank(until { $0 == " " || $0 == "\t" })
            case "\"":
                index += 1
                var value = String.UnicodeScalarView()
                while true {
                    guard let c = peek else { throw error("unterminated literal") }
                    index += 1
                    if c == "\"" { break }
                    if c != "\\" { value.append(c); continue }
                    guard let e = peek else { throw error("unterminated escape") }
                    index += 1
                    switch e {
                    case "t": value.append("\t")
                    case "b": value.append("\u{08}")
                    case "n": value.append("\n")
                    case "r": value.append("\r")
                    case "f": value.append("\u{0C}")
                    case "\"", "'", "\\": value.append(e)
                    case "u", "U": value.append(try uchar(e))
                    default: throw error("invalid escape \\\(e)")
                    }
                }
                let text = String(value)
                if peek == "@" {
                    index += 1
                    let language = until { $0 == " " || $0 == "\t" }
                    return .literal(text, datatype: RDFTerm.langString, language: language)
                }
                if peek == "^" {
                    index += 1
                    guard peek == "^" else { throw error("expected '^^'") }
                    index += 1
                    guard case .iri(let datatype) = try term() else { throw error("datatype must be an IRI") }
                    return .literal(text, datatype: datatype, language: nil)
                }
                return .literal(text, datatype: RDFTerm.xsdString, language: nil)
            default:
                throw error("expected an IRI, blank node or literal")
            }
        }
    }
}
