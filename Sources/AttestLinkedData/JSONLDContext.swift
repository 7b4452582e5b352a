/// A JSON-LD active context: the term definitions, vocabulary mapping and default language in force
/// at one point of a document, built only from contexts held in `BundledContexts`.
struct JSONLDContext: Sendable {
    /// One term's definition (JSON-LD 1.1 section 4.1.3), restricted to the supported features.
    struct TermDefinition: Equatable, Sendable {
        var iri: String?
        var isPrefix = false
        var isProtected = false
        var typeMapping: String?
        var container: Set<String> = []
        var language: String??
        var scopedContext: JSONValue?

        func sameMeaning(as other: TermDefinition) -> Bool {
            var a = self, b = other
            a.isProtected = false
            b.isProtected = false
            return a == b
        }
    }

    var terms: [String: TermDefinition] = [:]
    var vocabulary: String?
    var defaultLanguage: String?
    /// The context to return to on entering a new node object, set by non-propagating (type-scoped) contexts.
    var previous: Box?

    final class Box: Sendable {
        let context: JSONLDContext
        init(_ context: JSONLDContext) { self.context = context }
    }

    static let keywords: Set<String> = [
        "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included", "@index", "@json",
        "@language", "@list", "@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse", "@set", "@type",
        "@value", "@version", "@vocab",
    ]

    static func looksLikeKeyword(_ s: String) -> Bool {
        guard s.hasPrefix("@"), s.count > 1 else { return false }
        return s.dropFirst().allSatisfy { $0.isASCII && $0.isLetter }
    }

    static func isAbsoluteIRI(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    // MARK: Context processing (JSON-LD 1.1 API section 4.1.2)

    func processing(
        _ local: JSONValue, remote: [String] = [], overrideProtected: Bool = false, propagate: Bool = true
    ) throws -> JSONLDContext {
        var propagate = propagate
        if case .object(let map) = local, case .bool(let p)? = map["@propagate"] { propagate = p }
        var result = self
        if !propagate, result.previous == nil { result.previous = Box(self) }
        for context in local.asArray {
            switch context {
            case .null:
                if !overrideProtected, result.terms.values.contains(where: \.isProtected) {
                    throw JSONLDError.invalid("invalid context nullification: protected terms are in force")
                }
                let previous = result.previous
                result = JSONLDContext()
                if !propagate { result.previous = previous ?? Box(self) }
            case .string(let url):
                guard let document = BundledContexts.document(for: url) else { throw JSONLDError.contextNotHeld(url) }
                guard !remote.contains(url) else { throw JSONLDError.invalid("recursive inclusion of context \(url)") }
                guard let inner = document["@context"] else { throw JSONLDError.invalid("context \(url) has no @context") }
                result = try result.processing(inner, remote: remote + [url], overrideProtected: overrideProtected, propagate: true)
                if !propagate, result.previous == nil { result.previous = Box(self) }
            case .object(let map):
                try result.apply(map, remote: remote, overrideProtected: overrideProtected)
            default:
                throw JSONLDError.invalid("a context must be null, a string or an object")
            }
        }
        return result
    }

    private mutating func apply(_ map: [String: JSONValue], remote: [String], overrideProtected: Bool) throws {
        for unsupported in ["@import", "@base", "@direction"] where map[unsupported] != nil {
            throw JSONLDError.unsupported("\(unsupported) in a context")
        }
        if let version = map["@version"], version != .number(1.1) {
            throw JSONLDError.invalid("@version must be 1.1")
        }
        if let vocab = map["@vocab"] {
            switch vocab {
            case .null: vocabulary = nil
            case .string(let v):
                guard let expanded = expandIRI(v, vocab: true), !expanded.isEmpty else {
                    throw JSONLDError.invalid("invalid @vocab \(v)")
                }
                vocabulary = expanded
            default: throw JSONLDError.invalid("@vocab must be a string or null")
            }
        }
        if let language = map["@language"] {
            switch language {
            case .null: defaultLanguage = nil
            case .string(let l): defaultLanguage = l
            default: throw JSONLDError.invalid("@language must be a string or null")
            }
        }
        var protectedDefault = false
        if let p = map["@protected"] {
            guard case .bool(let b) = p else { throw JSONLDError.invalid("@protected must be a boolean") }
            protectedDefault = b
        }
        var defined: [String: Bool] = [:]
        for key in map.keys.sorted() where !["@version", "@vocab", "@language", "@protected", "@propagate"].contains(key) {
            try createTerm(key, local: map, defined: &defined, protectedDefault: protectedDefault, overrideProtected: overrideProtected)
        }
    }

    // MARK: Term definitions (section 4.2.2)

    mutating func createTerm(
        _ term: String, local: [String: JSONValue], defined: inout [String: Bool], protectedDefault: Bool, overrideProtected: Bool
    ) throws {
        if let state = defined[term] {
            if state { return }
            throw JSONLDError.invalid("cyclic IRI mapping for term \(term)")
        }
        defined[term] = false
        guard !term.isEmpty else { throw JSONLDError.invalid("empty term") }
        if Self.keywords.contains(term) {
            throw JSONLDError.invalid("keyword redefinition of \(term)")
        }
        if Self.looksLikeKeyword(term) {
            defined[term] = true
            return
        }
        let previous = terms.removeValue(forKey: term)
        var map: [String: JSONValue]
        switch local[term] {
        case .null?: map = ["@id": .null]
        case .string(let id)?: map = ["@id": .string(id)]
        case .object(let m)?: map = m
        default: throw JSONLDError.invalid("invalid term definition for \(term)")
        }
        for key in map.keys where !["@id", "@type", "@container", "@context", "@protected", "@language", "@prefix"].contains(key) {
            throw JSONLDError.unsupported("\(key) in the definition of term \(term)")
        }
        var definition = TermDefinition()
        if case .bool(let p)? = map["@protected"] {
            definition.isProtected = p
        } else {
            definition.isProtected = protectedDefault || local["@protected"] == .bool(true)
        }
        if let type = map["@type"] {
            guard case .string(let t) = type else { throw JSONLDError.invalid("@type of term \(term) must be a string") }
            let expanded = try expandIRI(t, vocab: true, local: local, defined: &defined)
            guard let expanded, ["@id", "@vocab", "@json", "@none"].contains(expanded) || Self.isAbsoluteIRI(expanded) else {
                throw JSONLDError.invalid("invalid type mapping \(t) for term \(term)")
            }
            if expanded == "@none" { throw JSONLDError.unsupported("@type @none in term \(term)") }
            definition.typeMapping = expanded
        }
        var explicitNull = false
        if let id = map["@id"], id != .string(term) {
            switch id {
            case .null: explicitNull = true
            case .string(let value):
                guard !Self.looksLikeKeyword(value) || Self.keywords.contains(value) else {
                    defined[term] = true
                    return
                }
                guard let expanded = try expandIRI(value, vocab: true, local: local, defined: &defined) else {
                    throw JSONLDError.invalid("invalid IRI mapping for term \(term)")
                }
                if expanded == "@context" { throw JSONLDError.invalid("invalid keyword alias @context") }
                definition.iri = expanded
                if !term.contains(":"), !term.contains("/"), let last = expanded.last, ":/?#[]@".contains(last) {
                    definition.isPrefix = true
                }
            default: throw JSONLDError.invalid("@id of term \(term) must be a string")
            }
        } else if let colon = term.dropFirst().firstIndex(of: ":") {
            let prefix = String(term[..<colon]), suffix = String(term[term.index(after: colon)...])
            if local[prefix] != nil {
                try createTerm(prefix, local: local, defined: &defined, protectedDefault: protectedDefault, overrideProtected: overrideProtected)
            }
            if let prefixIRI = terms[prefix]?.iri {
                definition.iri = prefixIRI + suffix
            } else {
                definition.iri = term
            }
        } else if term.contains("/") {
            throw JSONLDError.unsupported("relative IRI term \(term)")
        } else if term == "@type" {
            definition.iri = "@type"
        } else if let vocabulary {
            definition.iri = vocabulary + term
        } else {
            throw JSONLDError.invalid("term \(term) has no IRI mapping and no @vocab is in force")
        }
        if explicitNull { definition.iri = nil }
        if let container = map["@container"] {
            var values: Set<String> = []
            for item in container.asArray {
                guard case .string(let c) = item else { throw JSONLDError.invalid("@container of \(term) must be strings") }
                values.insert(c)
            }
            let supported: Set<String> = ["@set", "@list", "@graph"]
            guard values.isSubset(of: supported) else {
                throw JSONLDError.unsupported("@container \(values.sorted().joined(separator: ", ")) on term \(term)")
            }
            if values.contains("@list"), values.count > 1 { throw JSONLDError.invalid("@list container of \(term) combined") }
            definition.container = values
        }
        if let scoped = map["@context"] { definition.scopedContext = scoped }
        if let language = map["@language"] {
            switch language {
            case .null: definition.language = .some(nil)
            case .string(let l): definition.language = .some(l)
            default: throw JSONLDError.invalid("@language of \(term) must be a string or null")
            }
        }
        if case .bool(let p)? = map["@prefix"] { definition.isPrefix = p }
        if !overrideProtected, let previous, previous.isProtected {
            guard definition.sameMeaning(as: previous) else {
                throw JSONLDError.invalid("protected term redefinition of \(term)")
            }
            definition = previous
        }
        terms[term] = definition
        defined[term] = true
    }

    // MARK: IRI expansion (section 5.2.2)

    /// Expands `value` against the context; nil means it maps to nothing (a null term or an unknown keyword-like string).
    func expandIRI(_ value: String, vocab: Bool) -> String? {
        if Self.keywords.contains(value) { return value }
        if Self.looksLikeKeyword(value) { return nil }
        if vocab, let definition = terms[value] { return definition.iri }
        if let colon = value.dropFirst().firstIndex(of: ":") {
            let prefix = String(value[..<colon]), suffix = String(value[value.index(after: colon)...])
            if prefix == "_" || suffix.hasPrefix("//") { return value }
            if let definition = terms[prefix], let iri = definition.iri, definition.isPrefix {
                return iri + suffix
            }
            if Self.isAbsoluteIRI(value) { return value }
        }
        if vocab, let vocabulary { return vocabulary + value }
        return value
    }

    /// Expansion while a local context is being processed: terms it names are defined first.
    mutating func expandIRI(_ value: String, vocab: Bool, local: [String: JSONValue], defined: inout [String: Bool]) throws -> String? {
        if !Self.keywords.contains(value), local[value] != nil, defined[value] != true {
            try createTerm(value, local: local, defined: &defined, protectedDefault: false, overrideProtected: false)
        }
        if let colon = value.dropFirst().firstIndex(of: ":") {
            let prefix = String(value[..<colon])
            if local[prefix] != nil, defined[prefix] != true {
                try createTerm(prefix, local: local, defined: &defined, protectedDefault: false, overrideProtected: false)
            }
        }
        return expandIRI(value, vocab: vocab)
    }
}
