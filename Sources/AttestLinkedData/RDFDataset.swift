/// An RDF term as N-Quads writes it. Blank node labels are held without their `_:` prefix.
public enum RDFTerm: Hashable, Sendable {
    case iri(String)
    case blank(String)
    case literal(String, datatype: String, language: String?)

    static let xsdString = "http://www.w3.org/2001/XMLSchema#string"
    static let langString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

    var blankLabel: String? { if case .blank(let label) = self { label } else { nil } }

    /// The canonical N-Quads form of the term (RDF 1.2 N-Quads canonical escaping).
    public var nQuads: String {
        switch self {
        case .iri(let iri): return "<\(iri)>"
        case .blank(let label): return "_:\(label)"
        case .literal(let value, let datatype, let language):
            var out = "\"" + RDFTerm.escape(value) + "\""
            if let language {
                out += "@" + language
            } else if datatype != RDFTerm.xsdString {
                out += "^^<\(datatype)>"
            }
            return out
        }
    }

    static func escape(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

/// One statement of an RDF dataset; `graph` nil is the default graph.
public struct RDFQuad: Hashable, Sendable {
    public var subject: RDFTerm
    public var predicate: RDFTerm
    public var object: RDFTerm
    public var graph: RDFTerm?

    public init(subject: RDFTerm, predicate: RDFTerm, object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }

    /// The quad as one N-Quads line, ending in a newline.
    public var nQuadsLine: String {
        var line = "\(subject.nQuads) \(predicate.nQuads) \(object.nQuads)"
        if let graph { line += " \(graph.nQuads)" }
        return line + " .\n"
    }

    /// The terms that may be blank nodes, in the order RDFC-1.0 considers them (subject, object, graph).
    var blankCandidates: [(position: String, term: RDFTerm?)] {
        [("s", subject), ("o", object), ("g", graph)]
    }
}
