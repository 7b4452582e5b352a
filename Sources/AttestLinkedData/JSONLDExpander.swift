/// JSON-LD 1.1 expansion (JSON-LD API section 5.1) for the subset Verifiable Credentials, Open Badges 3.0,
/// Data Integrity and Multikey contexts use. Anything outside it is refused with `JSONLDError.unsupported`.
enum JSONLDExpander {
    /// The expanded form of a whole document: an array of node objects.
    static func expand(_ document: JSONValue) throws -> [JSONValue] {
        guard let expanded = try expand(element: document, context: JSONLDContext(), property: nil, fromMap: false) else { return [] }
        if case .object(let map) = expanded, map.count == 1, let graph = map["@graph"] { return graph.asArray }
        return expanded.asArray
    }

    private static func expand(element: JSONValue, context active: JSONLDContext, property: String?, fromMap: Bool) throws -> JSONValue? {
        var active = active
        let definition = property.flatMap { active.terms[$0] }
        switch element {
        case .null:
            return nil
        case .array(let items):
            var result: [JSONValue] = []
            for item in items {
                guard var expanded = try expand(element: item, context: active, property: property, fromMap: fromMap) else { continue }
                if definition?.container.contains("@list") == true, case .array(let inner) = expanded {
                    expanded = .object(["@list": .array(inner)])
                }
                if case .array(let inner) = expanded { result += inner } else { result.append(expanded) }
            }
            return .array(result)
        case .bool, .number, .string:
            if property == nil || property == "@graph" { return nil }
            if let scoped = definition?.scopedContext { active = try active.processing(scoped) }
            return try expandValue(element, context: active, property: property!)
        case .object(let map):
            return try expandObject(map, context: active, property: property, propertyDefinition: definition, fromMap: fromMap)
        }
    }

    private static func expandObject(
        _ map: [String: JSONValue], context contextIn: JSONLDContext, property: String?,
        propertyDefinition: JSONLDContext.TermDefinition?, fromMap: Bool
    ) throws -> JSONValue? {
        var active = contextIn
        if let previous = active.previous?.context, !fromMap {
            let expandedKeys = map.keys.map { active.expandIRI($0, vocab: true) }
            let isValue = expandedKeys.contains("@value")
            let onlyID = map.count == 1 && expandedKeys.first == "@id"
            if !isValue, !onlyID { active = previous }
        }
        if let scoped = propertyDefinition?.scopedContext {
            active = try active.processing(scoped, overrideProtected: true)
        }
        if let local = map["@context"] { active = try active.processing(local) }
        let typeScoped = active
        for key in map.keys.sorted() where active.expandIRI(key, vocab: true) == "@type" {
            let types = map[key]!.asArray.compactMap(\.stringValue).sorted()
            for type in types {
                if let scoped = typeScoped.terms[type]?.scopedContext {
                    active = try active.processing(scoped, propagate: false)
                }
            }
        }
        var result: [String: JSONValue] = [:]
        for key in map.keys.sorted() where key != "@context" {
            let value = map[key]!
            let expanded = active.expandIRI(key, vocab: true)
            if expanded == nil, active.terms[key] != nil { continue }
            guard let expandedProperty = expanded,
                  expandedProperty.contains(":") || JSONLDContext.keywords.contains(expandedProperty) else {
                throw JSONLDError.undefinedTerm(key)
            }
            if JSONLDContext.keywords.contains(expandedProperty) {
                guard result[expandedProperty] == nil || expandedProperty == "@type" else {
                    throw JSONLDError.invalid("colliding keywords: \(expandedProperty) appears twice")
                }
                switch expandedProperty {
                case "@id":
                    guard case .string(let id) = value else { throw JSONLDError.invalid("@id must be a string") }
                    result["@id"] = .string(try absolute(active.expandIRI(id, vocab: false) ?? id))
                case "@type":
                    var types = result["@type"]?.arrayValue ?? []
                    for item in value.asArray {
                        guard case .string(let t) = item else { throw JSONLDError.invalid("@type values must be strings") }
                        guard let expanded = typeScoped.expandIRI(t, vocab: true), JSONLDContext.isAbsoluteIRI(expanded) || expanded == "@json" else {
                            throw JSONLDError.undefinedTerm(t)
                        }
                        types.append(.string(expanded))
                    }
                    result["@type"] = value.arrayValue == nil && result["@type"] == nil ? types.first : .array(types)
                case "@graph":
                    let expanded = try expand(element: value, context: active, property: "@graph", fromMap: false)
                    result["@graph"] = .array(expanded?.asArray ?? [])
                case "@value":
                    switch value {
                    case .array, .object:
                        if map.keys.contains(where: { active.expandIRI($0, vocab: true) == "@type" }),
                           let t = map.first(where: { active.expandIRI($0.key, vocab: true) == "@type" })?.value.stringValue,
                           typeScoped.expandIRI(t, vocab: true) == "@json" {
                            result["@value"] = value
                        } else {
                            throw JSONLDError.invalid("@value must be a scalar or null")
                        }
                    default: result["@value"] = value
                    }
                case "@language":
                    guard case .string = value else { throw JSONLDError.invalid("@language must be a string") }
                    result["@language"] = value
                case "@index":
                    guard case .string = value else { throw JSONLDError.invalid("@index must be a string") }
                    result["@index"] = value
                case "@list":
                    if property == nil || property == "@graph" { continue }
                    let expanded = try expand(element: value, context: active, property: property, fromMap: false)
                    result["@list"] = .array(expanded?.asArray ?? [])
                case "@set":
                    result["@set"] = try expand(element: value, context: active, property: property, fromMap: false) ?? .array([])
                default:
                    throw JSONLDError.unsupported("\(expandedProperty) in a document")
                }
                continue
            }
            let definition = active.terms[key]
            var expandedValue: JSONValue?
            if definition?.typeMapping == "@json" {
                expandedValue = .object(["@value": value, "@type": .string("@json")])
            } else {
                expandedValue = try expand(element: value, context: active, property: key, fromMap: false)
            }
            guard var item = expandedValue else { continue }
            let container = definition?.container ?? []
            if container.contains("@list"), item["@list"] == nil {
                item = .object(["@list": .array(item.asArray)])
            }
            if container.contains("@graph") {
                item = .array(item.asArray.map { .object(["@graph": .array($0.asArray)]) })
            }
            var existing = result[expandedProperty]?.arrayValue ?? []
            existing += item.asArray
            result[expandedProperty] = .array(existing)
        }
        if let value = result["@value"] {
            let allowed: Set<String> = ["@value", "@language", "@type", "@index"]
            guard Set(result.keys).isSubset(of: allowed) else { throw JSONLDError.invalid("invalid value object") }
            if result["@type"] != nil, result["@language"] != nil {
                throw JSONLDError.invalid("a value object cannot have both @type and @language")
            }
            if value == .null { return nil }
            if result["@type"] != .string("@json") {
                if result["@language"] != nil, value.stringValue == nil {
                    throw JSONLDError.invalid("a language-tagged value must be a string")
                }
                if let type = result["@type"] {
                    guard let t = type.stringValue, JSONLDContext.isAbsoluteIRI(t) else {
                        throw JSONLDError.invalid("a value object's @type must be an IRI")
                    }
                }
            }
        } else if let type = result["@type"], type.arrayValue == nil {
            result["@type"] = .array([type])
        } else if result["@set"] != nil || result["@list"] != nil {
            guard result.count <= (result["@index"] == nil ? 1 : 2) else { throw JSONLDError.invalid("invalid set or list object") }
            if let set = result["@set"] { return set }
        }
        if result.count == 1, result["@language"] != nil { return nil }
        if property == nil || property == "@graph" {
            if result.isEmpty || result["@value"] != nil || result["@list"] != nil { return nil }
            if result.count == 1, result["@id"] != nil { return nil }
        }
        return .object(result)
    }

    /// `iri` when it is absolute or a blank node label; a relative reference is refused.
    private static func absolute(_ iri: String) throws -> String {
        guard JSONLDContext.isAbsoluteIRI(iri) || iri.hasPrefix("_:") else { throw JSONLDError.relativeIRI(iri) }
        return iri
    }

    private static func expandValue(_ value: JSONValue, context: JSONLDContext, property: String) throws -> JSONValue {
        let definition = context.terms[property]
        if let mapping = definition?.typeMapping, case .string(let s) = value {
            if mapping == "@id" { return .object(["@id": .string(try absolute(context.expandIRI(s, vocab: false) ?? s))]) }
            if mapping == "@vocab" { return .object(["@id": .string(try absolute(context.expandIRI(s, vocab: true) ?? s))]) }
        }
        var result: [String: JSONValue] = ["@value": value]
        if let mapping = definition?.typeMapping, !["@id", "@vocab", "@none"].contains(mapping) {
            result["@type"] = .string(mapping)
        } else if case .string = value {
            let language: String? = if let termLanguage = definition?.language { termLanguage } else { context.defaultLanguage }
            if let language { result["@language"] = .string(language) }
        }
        return .object(result)
    }
}
