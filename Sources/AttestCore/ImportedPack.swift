import Foundation

/// The questions an importer recovered, and the pack JSON text made from them.
///
/// Importers only parse; this type owns everything they share: slug ids made unique,
/// skills from categories, text cleaning (control characters removed and reported), the
/// checks the pack loader would otherwise fail on, and writing JSON that reads like a
/// hand-written pack.
struct ImportedPack {

    /// One question ready to write.
    struct Item {
        enum Key {
            case single([Choice])
            case multiple([Choice])
            case truth(Bool)
            /// Accepted answers, and a regular expression (from Moodle `*` wildcards) an answer may match instead.
            case text([String], pattern: String?)
            case number(value: Double, tolerance: Double)
            case range(low: Double, high: Double)
            /// Items in their correct order.
            case ordering([String])
        }

        struct Choice {
            var text: String
            var correct: Bool
            var feedback: String?
        }

        var line: Int
        /// The id source: a title, or nil to use the prompt.
        var title: String?
        var prompt: String
        var key: Key
        var explanation: String?
        var skillName: String?
        /// The id the source bank gave the question (GIFT `// [id:…]`), preferred over the title for the pack id.
        var sourceID: String?
        var tags: [String] = []
        /// The credit the question is worth (Moodle's default grade); nil for the pack default of 1.
        var points: Double?
        /// A numeric answer's unit.
        var unit: String?
        /// The id the source gave the category (Moodle XML's category `idnumber`), preferred over a slug of its name.
        var skillID: String?
    }

    let id: String
    let title: String
    private(set) var issues: [ImportIssue] = []
    /// Each added question already written as pack JSON: a large bank is held as its output text only.
    private var questions: [String] = []

    /// How many questions have been added so far.
    var questionCount: Int { questions.count }
    private var skills: [(id: String, name: String)] = []
    private var usedIDs = Set<String>()
    /// The skill id each category (source id and name) was given, so a bank's questions do not slug it again.
    private var knownSkills: [String: String] = [:]

    init(id: String, title: String?) throws(PackImportError) {
        try NewPackError.check(id: id, title: title)
        self.id = id
        self.title = title.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? PackScaffold.title(for: id)
    }

    /// The characters the pack loader refuses in any string: C0 controls other than tab and newline, DEL, C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A) || (0x7F...0x9F).contains(scalar.value)
    }

    mutating func report(_ line: Int, _ what: String, _ why: String) {
        issues.append(ImportIssue(line: line, what: what, why: why))
    }

    /// Checks a question against the pack rules and adds it, or reports why it was skipped.
    mutating func add(_ raw: Item, label: String) {
        var item = raw
        item.prompt = clean(item.prompt, line: item.line, label: label, field: "prompt")
        item.explanation = item.explanation.map { clean($0, line: item.line, label: label, field: "explanation") }
            .flatMap { $0.isEmpty ? nil : $0 }
        guard !item.prompt.isEmpty else {
            return report(item.line, label, "skipped: the question text is empty")
        }
        switch item.key {
        case let .single(choices), let .multiple(choices):
            let cleaned = choices.map { choice in
                Item.Choice(
                    text: clean(choice.text, line: item.line, label: label, field: "option"), correct: choice.correct,
                    feedback: choice.feedback.map { clean($0, line: item.line, label: label, field: "feedback") }
                        .flatMap { $0.isEmpty ? nil : $0 })
            }
            if let problem = Self.choiceProblem(cleaned) {
                return report(item.line, label, "skipped: \(problem)")
            }
            if case .single = item.key {
                item.key = .single(cleaned)
            } else {
                item.key = .multiple(cleaned)
            }
        case let .text(accepted, pattern):
            let cleaned = accepted.map { clean($0, line: item.line, label: label, field: "answer") }.filter { !$0.isEmpty }
            guard !cleaned.isEmpty else { return report(item.line, label, "skipped: no accepted answer") }
            item.key = .text(cleaned, pattern: pattern.map { clean($0, line: item.line, label: label, field: "answer") })
        case let .ordering(list):
            let cleaned = list.map { clean($0, line: item.line, label: label, field: "item") }
            if cleaned.count < 2 { return report(item.line, label, "skipped: an ordering question needs at least 2 items, found \(cleaned.count)") }
            if cleaned.contains(where: \.isEmpty) { return report(item.line, label, "skipped: an item is empty") }
            for (index, text) in cleaned.enumerated() where cleaned[..<index].contains(where: { PackDecoding.equivalent($0, text) }) {
                return report(item.line, label, "skipped: two items read \"\(text)\"")
            }
            item.key = .ordering(cleaned)
        case .truth, .number, .range:
            break
        }
        if let points = item.points, !(points > 0 && points <= 1_000_000) {
            report(item.line, label, "points \(CorrectAnswer.format(points)) not carried over (packs take more than 0 and at most 1,000,000): worth 1")
            item.points = nil
        }
        item.unit = item.unit.map { clean($0, line: item.line, label: label, field: "unit") }.flatMap { $0.isEmpty ? nil : $0 }
        let skillName = item.skillName.map { clean($0, line: item.line, label: label, field: "category") }
        let skill = skillID(for: skillName, sourceID: item.skillID)
        item.tags = item.tags.map { clean($0, line: item.line, label: label, field: "tag") }.filter { !$0.isEmpty }
        let id = uniqueID(for: item)
        if let source = item.sourceID, source != id {
            report(item.line, label, "id \"\(source)\" becomes \"\(id)\" (pack ids are lowercase letters, digits and hyphens, unique in the pack)")
        }
        questions.append(questionJSON(id, skill: skill, item: item).joined(separator: "\n"))
    }

    static func choiceProblem(_ choices: [Item.Choice]) -> String? {
        if choices.count < 2 { return "a choice question needs at least 2 options, found \(choices.count)" }
        if choices.contains(where: { $0.text.isEmpty }) { return "an option is empty" }
        var seen: [String] = []
        for choice in choices {
            // The loader's rule: options may not be equal ignoring case and white space.
            if let first = seen.firstIndex(where: { PackDecoding.equivalent($0, choice.text) }) {
                return seen[first] == choice.text
                    ? "two options read \"\(choice.text)\""
                    : "options \"\(seen[first])\" and \"\(choice.text)\" are the same ignoring case and spacing"
            }
            seen.append(choice.text)
        }
        if !choices.contains(where: \.correct) { return "no option is marked right" }
        return nil
    }

    /// Text with control characters (other than newline and tab) removed, reported once per field.
    mutating func clean(_ text: String, line: Int, label: String, field: String) -> String {
        var removed = 0
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A: scalars.append(scalar)
            case 0x0D: continue
            case 0x00...0x1F, 0x7F...0x9F: removed += 1
            default: scalars.append(scalar)
            }
        }
        if removed > 0 {
            report(line, label, "removed \(removed) control character\(removed == 1 ? "" : "s") from the \(field)")
        }
        return String(scalars).trimmingEdges(in: .whitespacesAndNewlines)
    }

    /// A lowercase hyphenated slug of `text` (ASCII letters and digits; accents folded), at most `limit` bytes.
    static func slug(_ text: String, limit: Int = 40) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var result = ""
        for word in words {
            let next = result.isEmpty ? word.lowercased() : result + "-" + word.lowercased()
            if next.utf8.count > limit { break }
            result = next
        }
        if result.isEmpty, let first = words.first { result = String(first.lowercased().prefix(limit)) }
        return result
    }

    private mutating func uniqueID(for item: Item) -> String {
        var base = item.sourceID.map { Self.slug($0) } ?? ""
        if base.isEmpty { base = item.title.map { Self.slug($0) } ?? "" }
        if base.isEmpty {
            base = Self.slug(item.prompt.split(whereSeparator: \.isWhitespace).prefix(6).joined(separator: " "))
        }
        if base.isEmpty { base = "question" }
        var candidate = base
        var counter = 2
        while usedIDs.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        usedIDs.insert(candidate)
        return candidate
    }

    private mutating func skillID(for name: String?, sourceID: String? = nil) -> String {
        let key = "\(sourceID ?? "")\u{0}\(name ?? "")"
        if let known = knownSkills[key] { return known }
        let id = newSkillID(for: name, sourceID: sourceID)
        knownSkills[key] = id
        return id
    }

    private mutating func newSkillID(for name: String?, sourceID: String?) -> String {
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let slug = Self.slug(sourceID ?? "").isEmpty ? Self.slug(trimmed) : Self.slug(sourceID ?? "")
        let id = slug.isEmpty ? "general" : slug
        if !skills.contains(where: { $0.id == id }) {
            skills.append((id, trimmed.isEmpty ? (slug.isEmpty ? "General" : id) : trimmed))
        }
        return id
    }

    /// The result: pack JSON when at least one question was added.
    func result() -> PackImportResult {
        PackImportResult(
            json: questions.isEmpty ? nil : json(), questionCount: questions.count, skillCount: questions.isEmpty ? 0 : skills.count,
            issues: issues)
    }

    private func json() -> String {
        let q = JSONString.quoted
        var lines = [
            "{",
            "  \"format\": 1,",
            "  \"id\": \(q(id)),",
            "  \"version\": \"1.0.0\",",
            "  \"title\": \(q(title)),",
            "  \"skills\": [",
        ]
        lines += skills.enumerated().map { index, skill in
            "    { \"id\": \(q(skill.id)), \"name\": \(q(skill.name)) }" + (index < skills.count - 1 ? "," : "")
        }
        lines += ["  ],", "  \"questions\": ["]
        let skillList = skills.map { q($0.id) }.joined(separator: ", ")
        let tail = [
            "  ],",
            "  \"quizzes\": [",
            "    {",
            "      \"id\": \(q(NewPackError.derivedID(id, suffix: "-practice"))),",
            "      \"title\": \"Practice\",",
            "      \"mode\": \"practice\",",
            "      \"sections\": [ { \"title\": \"All questions\", \"from\": { \"skills\": [\(skillList)] } } ]",
            "    }",
            "  ]",
            "}",
            "",
        ]
        // Built in one string of the right size: a large bank's questions are not copied twice.
        let head = lines.joined(separator: "\n") + "\n"
        let end = "\n" + tail.joined(separator: "\n")
        var text = ""
        text.reserveCapacity(head.utf8.count + end.utf8.count + questions.reduce(0) { $0 + $1.utf8.count + 2 })
        text += head
        for (index, question) in questions.enumerated() {
            if index > 0 { text += ",\n" }
            text += question
        }
        text += end
        return text
    }

    private func questionJSON(_ id: String, skill: String, item: Item) -> [String] {
        let q = JSONString.quoted
        var fields = ["\"id\": \(q(id))"]
        func choices(_ list: [Item.Choice]) -> String {
            let rendered = list.map { choice in
                var parts = ["\"text\": \(q(choice.text))"]
                if choice.correct { parts.append("\"correct\": true") }
                if let feedback = choice.feedback { parts.append("\"feedback\": \(q(feedback))") }
                return "        { " + parts.joined(separator: ", ") + " }"
            }
            return "\"options\": [\n" + rendered.joined(separator: ",\n") + "\n      ]"
        }
        switch item.key {
        case let .single(list):
            fields += ["\"type\": \"single\"", "\"skill\": \(q(skill))", "\"prompt\": \(q(item.prompt))", choices(list)]
        case let .multiple(list):
            fields += ["\"type\": \"multiple\"", "\"skill\": \(q(skill))", "\"prompt\": \(q(item.prompt))", choices(list)]
        case let .truth(answer):
            fields += ["\"type\": \"true-false\"", "\"skill\": \(q(skill))", "\"prompt\": \(q(item.prompt))", "\"answer\": \(answer)"]
        case let .text(accepted, pattern):
            fields += ["\"type\": \"text\"", "\"skill\": \(q(skill))", "\"prompt\": \(q(item.prompt))",
                       "\"accept\": [" + accepted.map(q).joined(separator: ", ") + "]"]
            if let pattern { fields.append("\"pattern\": \(q(pattern))") }
        case let .number(value, tolerance):
            fields += ["\"type\": \"numeric\"", "\"skill\": \(q(skill))", "\"prompt\": \(q(item.prompt))",
                       "\"answer\": \(Self.number(value))", "\"tolerance\": \(Self.number(tolerance))"]
        case let .range(low, high):
            fields += ["\"type\": \"numeric\"", "\"skill\": \(q(skill))", "\"prompt\": \(q(item.prompt))",
                       "\"range\": [\(Self.number(low)), \(Self.number(high))]"]
        case let .ordering(list):
            fields += ["\"type\": \"ordering\"", "\"skill\": \(q(skill))", "\"prompt\": \(q(item.prompt))",
                       "\"items\": [" + list.map(q).joined(separator: ", ") + "]"]
        }
        if let unit = item.unit { fields.append("\"unit\": \(q(unit))") }
        if let points = item.points, points != 1 { fields.append("\"points\": \(Self.number(points))") }
        if let explanation = item.explanation { fields.append("\"explanation\": \(q(explanation))") }
        if !item.tags.isEmpty { fields.append("\"tags\": [" + item.tags.map(q).joined(separator: ", ") + "]") }
        return ["    {"] + fields.enumerated().map { index, field in
            "      " + field + (index < fields.count - 1 ? "," : "")
        } + ["    }"]
    }

    /// A JSON number: integers without a fraction, others in Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        CorrectAnswer.format(value)
    }
}
