import Foundation

/// JSON-LD to RDF (JSON-LD API section 8): expands a document with the bundled contexts and emits its
/// quads. Triples whose subject, predicate or object is a relative IRI are left out, as the algorithm
/// requires; blank node labels are generated fresh, so only canonicalisation gives stable ones.
public enum JSONLDToRDF {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// The RDF dataset a JSON-LD document denotes.
    public static func quads(of document: JSONValue) throws -> [RDFQuad] {
        var emitter = Emitter()
        for node in try JSONLDExpander.expand(document) {
            guard case .object(let map) = node else { continue }
            try emitter.node(map, graph: nil)
        }
        return Array(emitter.quads)
    }

    /// The RDFC-1.0 canonical N-Quads of a JSON-LD document.
    public static func canonicalNQuads(of document: JSONValue, canonicalizer: RDFCanonicalizer = RDFCanonicalizer()) throws -> String {
        try canonicalizer.canonicalNQuads(quads(of: document))
    }

    private struct Emitter {
        var quads: Set<RDFQuad> = []
        var counter = 0
        var relabel: [String: String] = [:]

        mutating func freshBlank() -> RDFTerm {
            counter += 1
            return .blank("b\(counter - 1)")
        }

        mutating func term(forID id: String) -> RDFTerm? {
            if id.hasPrefix("_:") {
                if let label = relabel[id] { return .blank(label) }
                let fresh = freshBlank()
                relabel[id] = fresh.blankLabel!
                return fresh
            }
            return JSONLDContext.isAbsoluteIRI(id) ? .iri(id) : nil
        }

        mutating func add(_ subject: RDFTerm?, _ predicate: String, _ object: RDFTerm?, _ graph: RDFTerm?) {
            guard let subject, let object, JSONLDContext.isAbsoluteIRI(predicate) else { return }
            quads.insert(RDFQuad(subject: subject, predicate: .iri(predicate), object: object, graph: graph))
        }

        /// Emits a node object's statements into `graph` and returns the term naming it.
        @discardableResult
        mutating func node(_ map: [String: JSONValue], graph: RDFTerm?) throws -> RDFTerm? {
            let subject: RDFTerm?
            if case .string(let id)? = map["@id"] { subject = term(forID: id) } else { subject = freshBlank() }
            if let types = map["@type"]?.arrayValue {
                for type in types {
                    guard case .string(let t) = type else { continue }
                    add(subject, JSONLDToRDF.rdf + "type", term(forID: t), graph)
                }
            }
            if let inner = map["@graph"]?.arrayValue {
                for item in inner {
                    guard case .object(let m) = item else { continue }
                    try node(m, graph: subject)
                }
            }
            for (property, values) in map where !property.hasPrefix("@") {
                guard !property.hasPrefix("_:") else { continue }
                for value in values.asArray {
                    add(subject, property, try object(value, graph: graph), graph)
                }
            }
            return subject
        }

        mutating func object(_ value: JSONValue, graph: RDFTerm?) throws -> RDFTerm? {
            guard case .object(let map) = value else { return nil }
            if map["@value"] != nil { return try literal(map) }
            if let list = map["@list"]?.arrayValue {
                guard !list.isEmpty else { return .iri(JSONLDToRDF.rdf + "nil") }
                let heads = list.map { _ in freshBlank() }
                for (i, item) in list.enumerated() {
                    add(heads[i], JSONLDToRDF.rdf + "first", try object(item, graph: graph), graph)
                    add(heads[i], JSONLDToRDF.rdf + "rest", i + 1 < heads.count ? heads[i + 1] : .iri(JSONLDToRDF.rdf + "nil"), graph)
                }
                return heads[0]
            }
            return try node(map, graph: graph)
        }

        func literal(_ map: [String: JSONValue]) throws -> RDFTerm? {
            let value = map["@value"]!
            let type = map["@type"]?.stringValue
            if type == "@json" {
                return .literal(value.canonicalText, datatype: JSONLDToRDF.rdf + "JSON", language: nil)
            }
            if let type, !JSONLDContext.isAbsoluteIRI(type) { return nil }
            switch value {
            case .bool(let b):
                return .literal(b ? "true" : "false", datatype: type ?? JSONLDToRDF.xsd + "boolean", language: nil)
            case .number(let n):
                let double = JSONLDToRDF.xsd + "double"
                if n != n.rounded() || abs(n) >= 1e21 || type == double {
                    return .literal(JSONLDToRDF.canonicalDouble(n), datatype: type ?? double, language: nil)
                }
                return .literal(JSONValue.format(n), datatype: type ?? JSONLDToRDF.xsd + "integer", language: nil)
            case .string(let s):
                if let language = map["@language"]?.stringValue {
                    return .literal(s, datatype: RDFTerm.langString, language: language)
                }
                return .literal(s, datatype: type ?? RDFTerm.xsdString, language: nil)
            default:
                throw JSONLDError.invalid("a value object's @value must be a scalar")
            }
        }
    }

    /// The XSD canonical double form JSON-LD uses: one digit, a point, the significant digits, `E`, the exponent.
    static func canonicalDouble(_ n: Double) -> String {
        let text = String(format: "%.15e", n)
        let parts = text.split(separator: "e")
        var mantissa = String(parts[0])
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa += "0" }
        return mantissa + "E" + String(Int(parts[1])!)
    }
}
