import Foundation

/// Decoding of the fields that make exams mean something: question pools (sealing), sources,
/// item kinds, template variables, the pack's blueprint and an exam's decision rule.
extension PackDecoding {
    static let questionPools = FieldSet(QuestionPool.allCases.map(\.rawValue))
    static let itemKinds = FieldSet(ItemKind.allCases.map(\.rawValue))
    static let sourceFields = FieldSet(["reference", "section", "page"], required: ["reference"])
    static let variableFields = FieldSet(["min", "max", "step", "values"])
    static let blueprintDomainFields = FieldSet(["id", "name", "weight", "skills"], required: ["id", "name", "weight", "skills"])
    static let decisionFields = FieldSet(["lower", "upper", "alpha", "beta", "minItems", "maxItems"])

    func questionPool(_ member: JSONMember?) -> QuestionPool? {
        keyword(member, in: Self.questionPools, names: QuestionPool.allCases.map(\.rawValue)).map { QuestionPool.allCases[$0] }
    }

    func itemKind(_ member: JSONMember?) -> ItemKind? {
        keyword(member, in: Self.itemKinds, names: ItemKind.allCases.map(\.rawValue)).map { ItemKind.allCases[$0] }
    }

    /// The slot of a string that must be one of `names`.
    private func keyword(_ member: JSONMember?, in set: FieldSet, names: [String]) -> Int? {
        guard let member, let text = string(member) else { return nil }
        guard let slot = set.slot(of: text) else {
            error(
                "unknown \(member.key) `\(text)`", at: member.value.offset, .key(member.key),
                hint: Suggestion.hint(for: text, in: names) ?? "use one of \(names.map { "`\($0)`" }.joined(separator: ", "))"
            )
            return nil
        }
        return slot
    }

    func questionSource(_ field: JSONMember) -> QuestionSource? {
        guard let fields = fields(of: field.value, Self.sourceFields, what: "`source`") else { return nil }
        let reference = string(fields[0], nonEmpty: true)
        let section = string(fields[1], nonEmpty: true)
        let page = string(fields[2], nonEmpty: true)
        guard let reference else { return nil }
        if fields.isPresent(1), section == nil { return nil }
        if fields.isPresent(2), page == nil { return nil }
        return QuestionSource(reference: reference, section: section, page: page)
    }

    /// `{ "a": { "min": 1, "max": 9, "step": 1 }, "b": { "values": [2, 4] } }`, every domain non-empty and bounded.
    func templateVariables(_ field: JSONMember) -> [TemplateVariable]? {
        guard case let .object(object) = field.value.kind else {
            error("`variables` must be an object, found \(field.value.typeDescription)", at: field.value.offset)
            return nil
        }
        if object.members.isEmpty {
            error("`variables` must name at least one variable", at: field.value.offset)
            return nil
        }
        if object.members.count > TemplateVariable.variableLimit {
            error("at most \(TemplateVariable.variableLimit) variables, found \(object.members.count)", at: field.value.offset)
            return nil
        }
        var variables: [TemplateVariable] = []
        var valid = true
        for member in object.members {
            guard ExpressionParser.isName(member.key) else {
                error(
                    "variable name `\(member.key)` must be a letter followed by letters, digits or `_`",
                    at: member.keyOffset, .key(member.key))
                valid = false
                continue
            }
            if let variable = within(.key(member.key), { templateVariable(member) }) {
                variables.append(variable)
            } else {
                valid = false
            }
        }
        return valid ? variables : nil
    }

    private func templateVariable(_ member: JSONMember) -> TemplateVariable? {
        guard let fields = fields(of: member.value, Self.variableFields, what: "a variable") else { return nil }
        let limit = TemplateVariable.magnitudeLimit
        func bounded(_ slot: Int) -> Double? {
            guard let field = fields[slot], let number = number(field) else { return nil }
            guard abs(number) <= limit else {
                error("`\(field.key)` must be within ±\(Self.format(limit))", at: field.value.offset, .key(field.key))
                return nil
            }
            return number
        }
        if let valuesField = fields[3] {
            for slot in 0..<3 {
                if let extra = fields[slot] {
                    error("give either `values` or `min`/`max`/`step`, not both", at: extra.keyOffset, .key(extra.key))
                    return nil
                }
            }
            guard let items = array(valuesField) else { return nil }
            guard !items.isEmpty, items.count <= TemplateVariable.valueLimit else {
                error(
                    "`values` must hold 1 to \(TemplateVariable.valueLimit) numbers, found \(items.count)",
                    at: valuesField.value.offset, .key("values"))
                return nil
            }
            var values: [Double] = []
            for (index, item) in items.enumerated() {
                guard let number = item.numberValue, abs(number) <= limit else {
                    error(
                        "`values` entries must be numbers within ±\(Self.format(limit))", at: item.offset, .key("values"), .index(index))
                    return nil
                }
                values.append(number)
            }
            return TemplateVariable(name: member.key, domain: .set(values))
        }
        guard fields.isPresent(0), fields.isPresent(1) else {
            error("a variable needs `min` and `max` (and optionally `step`), or `values`", at: member.value.offset)
            return nil
        }
        guard let low = bounded(0), let high = bounded(1) else { return nil }
        let step = fields.isPresent(2) ? bounded(2) : 1
        guard let step else { return nil }
        guard step > 0 else {
            error("`step` must be greater than 0, found \(Self.format(step))", at: fields[2]!.value.offset, .key("step"))
            return nil
        }
        guard low <= high else {
            error(
                "empty range: `min` \(Self.format(low)) is greater than `max` \(Self.format(high))",
                at: member.value.offset)
            return nil
        }
        let variable = TemplateVariable(name: member.key, domain: .range(min: low, max: high, step: step))
        guard (high - low) / step < Double(TemplateVariable.valueLimit) else {
            error(
                "the range has more than \(TemplateVariable.valueLimit) values; use a larger `step`",
                at: member.value.offset)
            return nil
        }
        return variable
    }

    func decodeBlueprint(_ field: JSONMember) -> Blueprint? {
        guard let items = array(field) else { return nil }
        if items.isEmpty {
            error("`blueprint` must list at least one domain", at: field.value.offset)
            return nil
        }
        var domains: [BlueprintDomain] = []
        var seen: [String: Int] = [:]
        var valid = true
        for (index, item) in items.enumerated() {
            let domain = within(.index(index)) { () -> BlueprintDomain? in
                guard let fields = fields(of: item, Self.blueprintDomainFields, what: "a blueprint domain") else { return nil }
                let id = slug(fields[0])
                let name = string(fields[1], nonEmpty: true)
                let weight = positiveNumber(fields[2], atMost: 1_000_000)
                let skills = fields[3].flatMap { member in strings(member, nonEmpty: true) }
                if let skills, let member = fields[3] {
                    for entry in skills where skillIDs[entry.text] == nil {
                        within(.key("skills")) {
                            unknown("skill", entry.text, at: entry.offset, .index(entry.index), among: skillOrder)
                        }
                    }
                    if skills.isEmpty { error("a domain needs at least one skill", at: member.value.offset, .key("skills")) }
                }
                if let id, let member = fields[0] {
                    if let first = seen[id] {
                        error("duplicate domain id `\(id)` (first at /blueprint/\(first))", at: member.value.offset, .key("id"))
                    } else {
                        seen[id] = index
                    }
                }
                guard let id, let name, let weight, let skills, !skills.isEmpty else { return nil }
                return BlueprintDomain(id: id, name: name, weight: weight, skills: skills.map(\.text))
            }
            if let domain { domains.append(domain) } else { valid = false }
        }
        return valid ? Blueprint(domains: domains) : nil
    }

    func decodeDecision(_ field: JSONMember) -> DecisionRule? {
        guard let fields = fields(of: field.value, Self.decisionFields, what: "`decision`") else { return nil }
        var rule = DecisionRule.default
        var valid = true
        func open(_ slot: Int, _ apply: (Double) -> Void) {
            guard let member = fields[slot] else { return }
            guard case let .number(number) = member.value.kind, number > 0, number < 1 else {
                error("`\(member.key)` must be a number strictly between 0 and 1", at: member.value.offset, .key(member.key))
                valid = false
                return
            }
            apply(number)
        }
        open(0) { rule.lower = $0 }
        open(1) { rule.upper = $0 }
        open(2) { rule.alpha = $0 }
        open(3) { rule.beta = $0 }
        for slot in 4...5 {
            guard let member = fields[slot] else { continue }
            guard let count = integer(member, minimum: 1) else { valid = false; continue }
            guard count <= DecisionRule.itemLimit else {
                error("`\(member.key)` must be at most \(DecisionRule.itemLimit)", at: member.value.offset, .key(member.key))
                valid = false
                continue
            }
            if slot == 4 { rule.minItems = count } else { rule.maxItems = count }
        }
        guard valid else { return nil }
        if rule.lower >= rule.upper {
            error("`lower` must be below `upper`", at: field.value.offset)
            return nil
        }
        if rule.alpha + rule.beta >= 1 {
            error("`alpha` + `beta` must be below 1", at: field.value.offset)
            return nil
        }
        if rule.minItems > rule.maxItems {
            error("`minItems` must not exceed `maxItems`", at: field.value.offset)
            return nil
        }
        return rule
    }
}

/// The parts of a parameterised question that hold an expression or a text template.
enum TemplatePart: Hashable {
    case answer, prompt, explanation
    case option(Int)

    /// How messages name the part.
    var label: String {
        switch self {
        case .answer: "`answer`"
        case .prompt: "`prompt`"
        case .explanation: "`explanation`"
        case let .option(index): "`options/\(index)`"
        }
    }
}

extension PackDecoding {
    /// Proves a parameterised question can be instantiated: its expressions parse and name only
    /// its variables, and every combination of values evaluates (no division by zero, finite).
    /// Each problem is located at the field holding the expression (`locate`), else at `variables` (`offset`).
    func checkTemplate(
        _ template: QuestionTemplate, prompt: String, kind: Question.Kind, explanation: String?, at offset: Int,
        locate: (TemplatePart) -> (offset: Int, path: [PathComponent])?
    ) {
        var texts: [(String, TemplatePart)] = [(prompt, .prompt), (explanation ?? "", .explanation)]
        switch kind {
        case let .singleChoice(options), let .multipleChoice(options):
            texts += options.enumerated().map { ($0.element.text, .option($0.offset)) }
        case .numeric:
            if template.answer == nil {
                error("a parameterised `numeric` question needs `answer` as an expression over its variables", at: offset)
                return
            }
        default:
            break
        }
        func report(_ message: String, _ part: TemplatePart, hint: String? = nil) {
            if let (at, path) = locate(part) {
                error(message, at: at, pointer: pointer(path), hint: hint)
            } else {
                error(message, at: offset, hint: hint)
            }
        }
        let names = Set(template.variables.map(\.name))
        var expressions: [(ArithmeticExpression, String, TemplatePart)] = []
        var valid = true
        func parse(_ text: String, in part: TemplatePart, where place: String) {
            do {
                let expression = try ExpressionParser.parse(text)
                for name in expression.variables.sorted() where !names.contains(name) {
                    report(
                        "\(place) uses `\(name)`, which is not one of the variables", part,
                        hint: Suggestion.hint(for: name, in: names.sorted()))
                    valid = false
                }
                expressions.append((expression, "\(place) `\(text)`", part))
            } catch {
                report("\(place): \(error)", part)
                valid = false
            }
        }
        if let answer = template.answer { parse(answer, in: .answer, where: "`answer`") }
        for (text, part) in texts {
            do {
                for placeholder in try TemplateText.placeholders(text) {
                    parse(placeholder.expression, in: part, where: "a placeholder in \(part.label)")
                }
            } catch {
                report("\(part.label): \(error)", part)
                valid = false
            }
        }
        guard valid else { return }
        guard let instances = QuestionInstance.all(template) else {
            error(
                "the variables have more than \(QuestionInstance.combinationLimit) combinations, too many to check each",
                at: offset, hint: "use fewer values (a larger `step` or shorter `values`)")
            return
        }
        let work = instances.count * expressions.reduce(0) { $0 + $1.0.size }
        guard work <= QuestionInstance.evaluationBudget else {
            error(
                "checking every instance means evaluating \(work) expression parts (\(instances.count) combinations), "
                    + "more than the \(QuestionInstance.evaluationBudget) allowed",
                at: offset, hint: "use fewer values, or fewer or shorter placeholders")
            return
        }
        for instance in instances {
            for (expression, place, part) in expressions {
                if case let .failure(failure) = expression.evaluate(instance.values) {
                    let values = instance.values.sorted { $0.key < $1.key }
                        .map { "\($0.key) = \(TemplateText.format($0.value, decimals: nil))" }.joined(separator: ", ")
                    report("\(place) fails with \(values): \(failure)", part)
                    return
                }
            }
        }
    }
}
