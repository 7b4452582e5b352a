import Foundation

/// What quizzes need to know about a question, kept even when the question has other errors
/// (so one broken question does not cascade into "unknown question" errors elsewhere).
struct QuestionFacts {
    /// The question's index in the pack's `questions` array.
    var index: Int
    var id: String
    /// The question's tags, as a range of `PackDecoding.factTags`.
    var tags: Range<Int>
    /// The routes that may show the question.
    var pool: QuestionPool
}

extension PackDecoding {
    static let questionTypes = PackStatistics.questionTypes
    static let commonQuestionFields = [
        "id", "type", "prompt", "skill", "skills", "points", "difficulty", "timeLimit", "explanation", "tags",
        "pool", "source", "kind", "variables",
    ]
    /// The type-specific fields of each type, in `questionTypes` order.
    static let typeQuestionFields: [[String]] = [
        ["options"],
        ["options"],
        ["answer"],
        ["accept", "ignoreDiacritics", "pattern"],
        ["answer", "tolerance", "relativeTolerance", "range", "unit"],
        ["items"],
    ]
    static let specificQuestionFields = SpecificField.allCases.map(\.rawValue)
    /// The type-specific fields (named by their raw values), in the order of their slots after `commonQuestionFields`.
    enum SpecificField: String, CaseIterable {
        case options, answer, accept, ignoreDiacritics, pattern, tolerance, relativeTolerance, range, unit, items

        var slot: Int { PackDecoding.commonQuestionFields.count + Self.allCases.firstIndex(of: self)! }
    }
    /// `typeQuestionFields` as slots of `questionFields`.
    static let typeQuestionSlots = typeQuestionFields.map { names in names.map { questionFields.slot(of: $0)! } }
    /// The question types and difficulties, looked up like field names.
    static let questionTypeSet = FieldSet(questionTypes)
    static let difficulties = FieldSet(Difficulty.allCases.map(\.rawValue))
    static let longPrompt = 2_000
    static let questionFields = FieldSet(commonQuestionFields + specificQuestionFields, required: ["id", "type", "prompt"])
    static let optionFields = FieldSet(["text", "correct", "feedback"], required: ["text"])

    /// `items` are the questions taken out of the tree (`field` keeps only their place); each is
    /// dropped from `items` once decoded so its part of the tree is freed.
    func decodeQuestions(_ field: JSONMember, items: inout [JSONValue]) -> [Question]? {
        guard array(field) != nil else { return nil }
        if items.isEmpty {
            error("a pack needs at least one question", at: field.value.offset)
        }
        var questions: [Question] = []
        questions.reserveCapacity(items.count)
        questionFacts.reserveCapacity(items.count)
        questionIDs.reserveCapacity(items.count)
        for index in items.indices {
            let item = items[index]
            items[index].kind = .null
            within(.index(index)) { decodeQuestion(item, index: index, into: &questions) }
        }
        return questions
    }

    /// Decodes one question, appending it to `questions` when it is valid (built in place: a
    /// returned `Question?` was copied, then released).
    func decodeQuestion(_ value: JSONValue, index: Int, into questions: inout [Question]) {
        guard let fields = fields(of: value, Self.questionFields, what: "a question") else {
            return
        }
        let idField = fields[0]
        let id = slug(idField)
        let typeIndex = questionType(fields[1])
        let prompt = string(fields[2], nonEmpty: true)
        var skillSlots: (first: Int, more: [Int]) = (-1, [])
        let skills = questionSkills(single: fields[3], weighted: fields[4], at: value.offset, slots: &skillSlots)
        let points = fields.isPresent(5) ? positiveNumber(fields[5], atMost: PackLimits.points) : 1
        let difficulty = self.difficulty(fields[6])
        let timeLimit = fields.isPresent(7)
            ? positiveNumber(fields[7], atMost: PackLimits.questionTimeLimit, unit: "seconds (one day)") : nil
        let explanation = string(fields[8])
        let tags = stringList(fields[9]) ?? []
        let pool = fields.isPresent(10) ? questionPool(fields[10]) : .shared
        let source = fields[11].flatMap { field in within(.key("source")) { questionSource(field) } }
        let itemKind = fields.isPresent(12) ? self.itemKind(fields[12]) : nil
        let variables = fields[13].flatMap { field in within(.key("variables")) { templateVariables(field) } }
        var answerExpression: String?

        if let id, let idField {
            let factsIndex = questionFacts.count
            // One hash lookup: the entry is claimed for this question unless an earlier one holds it.
            let first = { (entry: inout Int) -> Int? in
                if entry >= 0 { return entry }
                entry = factsIndex
                return nil
            }(&questionIDs[id, default: -1])
            if let first {
                error(
                    "duplicate question id `\(id)` (first defined at /questions/\(questionFacts[first].index))",
                    at: idField.value.offset, .key("id")
                )
            } else {
                let firstTag = factTags.count
                factTags.append(contentsOf: tags)
                questionFacts.append(QuestionFacts(index: index, id: id, tags: firstTag..<factTags.count, pool: pool ?? .shared))
                if skills != nil {
                    if skillSlots.first >= 0 { questionsBySkill[skillSlots.first].append(factsIndex) }
                    for slot in skillSlots.more { questionsBySkill[slot].append(factsIndex) }
                }
            }
        }
        if !fields.isPresent(8) {
            warning(
                "question `\(id ?? "?")` has no explanation", at: value.offset,
                hint: "add `explanation` so learners see why the answer is right"
            )
        }
        if let prompt, prompt.utf8.count > Self.longPrompt, prompt.unicodeScalars.count > Self.longPrompt, let field = fields[2] {
            warning(
                "`prompt` is \(prompt.unicodeScalars.count) characters long; keep prompts under \(Self.longPrompt)",
                at: field.value.offset, .key("prompt")
            )
        }

        guard let typeIndex else { return }
        let type = Self.questionTypes[typeIndex]
        let allowedSlots = Self.typeQuestionSlots[typeIndex]
        for slot in Self.commonQuestionFields.count..<fields.count {
            guard let member = fields[slot], !allowedSlots.contains(slot) else { continue }
            let allowed = Self.typeQuestionFields[typeIndex]
            error(
                "`\(member.key)` is not a field of `\(type)` questions", at: member.keyOffset, .key(member.key),
                hint: "`\(type)` questions use \(allowed.map { "`\($0)`" }.joined(separator: ", "))"
            )
        }
        func field(_ specific: SpecificField) -> JSONMember? {
            fields[specific.slot]
        }
        let kind: Question.Kind?
        switch typeIndex {
        case 0, 1:
            kind = choiceKind(field(.options), single: typeIndex == 0, at: value.offset)
        case 2:
            kind = requiredBool(field(.answer), at: value.offset).map { Question.Kind.trueFalse(answer: $0) }
        case 3:
            kind = textKind(accept: field(.accept), ignoreDiacritics: field(.ignoreDiacritics), pattern: field(.pattern), at: value.offset)
        case 4:
            kind = numericKind(
                answer: field(.answer), tolerance: field(.tolerance), relative: field(.relativeTolerance),
                range: field(.range), unit: field(.unit), at: value.offset,
                allowExpression: variables != nil, expression: &answerExpression
            )
        default:
            kind = orderingKind(field(.items), at: value.offset)
        }
        guard let id, let prompt, let skills, let points, let difficulty, let kind, let pool else { return }
        if fields.isPresent(7), timeLimit == nil { return }
        if fields.isPresent(11), source == nil { return }
        if fields.isPresent(12), itemKind == nil { return }
        if fields.isPresent(13), variables == nil { return }
        let template = variables.map { QuestionTemplate(variables: $0, answer: answerExpression) }
        if let template, let member = fields[13] {
            let options = field(.options)?.value.arrayValue
            checkTemplate(template, prompt: prompt, kind: kind, explanation: explanation, at: member.value.offset) { part in
                switch part {
                case .answer: field(.answer).map { ($0.value.offset, [.key("answer")]) }
                case .prompt: fields[2].map { ($0.value.offset, [.key("prompt")]) }
                case .explanation: fields[8].map { ($0.value.offset, [.key("explanation")]) }
                case let .option(index):
                    options.flatMap { $0.indices.contains(index) ? $0[index].objectValue?["text"] : nil }
                        .map { ($0.offset, [.key("options"), .index(index), .key("text")]) }
                }
            }
        }
        questions.append(Question(
            id: id, skills: skills, prompt: prompt, kind: kind, points: points, difficulty: difficulty,
            timeLimit: timeLimit, explanation: explanation, tags: tags, pool: pool,
            difficultyStated: fields.isPresent(6), source: source, itemKind: itemKind, template: template
        ))
    }

    /// The index of the question's type in `questionTypes`.
    private func questionType(_ member: JSONMember?) -> Int? {
        guard let member, let text = string(member) else { return nil }
        guard let index = Self.questionTypeSet.slot(of: text) else {
            error(
                "unknown question type `\(text)`", at: member.value.offset, .key("type"),
                hint: Suggestion.hint(for: text, in: Self.questionTypes)
                    ?? "use one of \(Self.questionTypes.map { "`\($0)`" }.joined(separator: ", "))"
            )
            return nil
        }
        return index
    }

    private func difficulty(_ member: JSONMember?) -> Difficulty? {
        guard let member else { return .medium }
        guard let text = string(member) else { return nil }
        guard let slot = Self.difficulties.slot(of: text) else {
            let names = Difficulty.allCases.map(\.rawValue)
            error(
                "unknown difficulty `\(text)`", at: member.value.offset, .key("difficulty"),
                hint: Suggestion.hint(for: text, in: names) ?? "use `easy`, `medium` or `hard`"
            )
            return nil
        }
        return Difficulty.allCases[slot]
    }

    /// The question's skills; `slots` gets their skill slots (the first apart, so the usual
    /// single skill needs no array).
    private func questionSkills(
        single: JSONMember?, weighted: JSONMember?, at offset: Int, slots: inout (first: Int, more: [Int])
    ) -> [SkillWeight]? {
        switch (single, weighted) {
        case (nil, nil):
            error("a question needs `skill` or `skills`", at: offset)
            return nil
        case let (single?, weighted?):
            error("give either `skill` or `skills`, not both", at: weighted.keyOffset, .key("skills"))
            _ = single
            return nil
        case let (single?, nil):
            guard let id = string(single) else { return nil }
            guard let slot = recentSkills.slot(of: id, in: skillIDs) else {
                unknown("skill", id, at: single.value.offset, .key("skill"), among: skillOrder)
                return nil
            }
            slots.first = slot
            return [SkillWeight(skill: id, weight: 1)]
        case let (nil, weighted?):
            guard let object = weighted.value.objectValue else {
                error("`skills` must be an object of skill weights, found \(weighted.value.typeDescription)", at: weighted.value.offset, .key("skills"))
                return nil
            }
            if object.members.isEmpty {
                error("`skills` must name at least one skill", at: weighted.value.offset, .key("skills"))
                return nil
            }
            var result: [SkillWeight] = []
            var valid = true
            within(.key("skills")) {
                valid = checkSkillKeys(object)
                for member in object.members {
                    guard let weight = positiveNumber(member, atMost: PackLimits.skillWeight) else { valid = false; continue }
                    result.append(SkillWeight(skill: member.key, weight: weight))
                }
            }
            guard valid else { return nil }
            slots.more = result.compactMap { skillIDs[$0.skill] }
            return result
        }
    }

    private func requiredBool(_ member: JSONMember?, at offset: Int) -> Bool? {
        guard let member else {
            error("missing required field `answer`", at: offset)
            return nil
        }
        return bool(member)
    }

    // MARK: Kinds

    private func choiceKind(_ member: JSONMember?, single: Bool, at offset: Int) -> Question.Kind? {
        guard let member else {
            error("missing required field `options`", at: offset)
            return nil
        }
        guard let items = array(member) else { return nil }
        var options: [Option] = []
        options.reserveCapacity(items.count)
        var valid = true
        var correctCount = 0
        var texts = DistinctTexts()
        within(.key("options")) {
            if items.count < 2 {
                error("a choice question needs at least 2 options, found \(items.count)", at: member.value.offset)
                valid = false
            }
            if items.count > PackLimits.options {
                error("a choice question has at most \(PackLimits.options) options, found \(items.count)", at: member.value.offset)
                valid = false
            }
            for (index, item) in items.enumerated() {
                within(.index(index)) {
                    guard let fields = fields(of: item, Self.optionFields, what: "an option")
                    else { valid = false; return }
                    let correct = fields.isPresent(1) ? bool(fields[1]) : false
                    let feedback = string(fields[2])
                    guard let textField = fields[0], let text = string(textField, nonEmpty: true), let correct else {
                        valid = false
                        return
                    }
                    if correct { correctCount += 1 }
                    switch texts.insert(text, index: options.count) {
                    case .distinct: break
                    case let .duplicate(first):
                        error("duplicate option text (same as option \(first))", at: textField.value.offset, .key("text"))
                        valid = false
                    case let .lookAlike(first):
                        error("option text looks the same as option \(first) (it differs only in invisible or look-alike characters)",
                              at: textField.value.offset, .key("text"))
                        valid = false
                    }
                    options.append(Option(text: text, correct: correct, feedback: feedback))
                }
            }
        }
        guard valid else { return nil }
        if single, correctCount != 1 {
            let found = correctCount == 0 ? "none is marked correct" : "\(correctCount) are marked correct"
            error("a `single` question needs exactly one correct option; \(found)", at: member.value.offset, .key("options"),
                  hint: correctCount == 0 ? "add \"correct\": true to the right option" : "use type `multiple` for select-all-that-apply")
            return nil
        }
        if !single, correctCount == 0 {
            error("a `multiple` question needs at least one correct option; none is marked correct", at: member.value.offset, .key("options"))
            return nil
        }
        return single ? .singleChoice(options) : .multipleChoice(options)
    }

    /// Whether two texts are equal ignoring case and surrounding or repeated white space
    /// (for a pair; a whole list is checked with `DistinctTexts`, in linear time).
    static func equivalent(_ a: String, _ b: String) -> Bool {
        let compared: Bool?? = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in foldedEqual(left, right) } ?? nil
        }
        // Outside ASCII (or for texts without contiguous UTF-8), fall back to full Unicode case folding.
        guard let compared, let equal = compared else { return LookAlike.folded(a) == LookAlike.folded(b) }
        return equal
    }

    /// Compares byte by byte, lower-casing ASCII letters and collapsing white space; nil when the
    /// first difference involves a non-ASCII byte (then only Unicode case folding can tell).
    private static func foldedEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        var left = (position: 0, started: false)
        var right = (position: 0, started: false)
        while true {
            let x = nextFolded(a, from: &left)
            let y = nextFolded(b, from: &right)
            if x != y {
                if (x ?? 0) & 0xFF >= 0x80 || (y ?? 0) & 0xFF >= 0x80 { return nil }
                return false
            }
            if x == nil { return true }
        }
    }

    /// The next byte of a lower-cased reading of the text, with 0x100 added when white space
    /// precedes it (so runs of white space compare as one, and leading or trailing ones not at all).
    @inline(__always)
    private static func nextFolded(_ bytes: UnsafeBufferPointer<UInt8>, from state: inout (position: Int, started: Bool)) -> UInt16? {
        var spaced: UInt16 = 0
        while state.position < bytes.count {
            let byte = bytes[state.position]
            state.position += 1
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                if state.started { spaced = 0x100 }
                continue
            }
            state.started = true
            let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            return UInt16(folded) | spaced
        }
        return nil
    }

    private func textKind(accept: JSONMember?, ignoreDiacritics: JSONMember?, pattern: JSONMember?, at offset: Int) -> Question.Kind? {
        guard let accept else {
            error("missing required field `accept`", at: offset)
            return nil
        }
        let answers = strings(accept, nonEmpty: true)
        if let answers, answers.isEmpty, accept.value.arrayValue?.isEmpty == true {
            error("`accept` must list at least one answer", at: accept.value.offset, .key("accept"))
        }
        let diacritics = ignoreDiacritics == nil ? false : bool(ignoreDiacritics)
        var regex: String?
        var patternValid = true
        if let pattern, let text = string(pattern, nonEmpty: true) {
            if (try? NSRegularExpression(pattern: text, options: [.caseInsensitive])) == nil {
                error("`pattern` is not a valid regular expression", at: pattern.value.offset, .key("pattern"))
                patternValid = false
            }
            regex = text
        } else if pattern != nil {
            patternValid = false
        }
        guard let answers, !answers.isEmpty, answers.count == accept.value.arrayValue?.count, let diacritics, patternValid
        else { return nil }
        return .shortText(ShortTextKey(accept: answers.map(\.text), ignoreDiacritics: diacritics, pattern: regex))
    }

    private func numericKind(
        answer: JSONMember?, tolerance: JSONMember?, relative: JSONMember?, range: JSONMember?, unit: JSONMember?, at offset: Int,
        allowExpression: Bool, expression: inout String?
    ) -> Question.Kind? {
        let unitText = string(unit)
        if unit != nil, unitText == nil { return nil }
        if let range {
            if let answer {
                error("give either `answer` or `range`, not both", at: answer.keyOffset, .key("answer"))
                return nil
            }
            for extra in [tolerance, relative].compactMap({ $0 }) {
                error("`\(extra.key)` only applies to `answer`, not to `range`", at: extra.keyOffset, .key(extra.key))
            }
            guard let bounds = range.value.arrayValue, bounds.count == 2,
                  let low = bounds[0].numberValue, let high = bounds[1].numberValue
            else {
                error("`range` must be [low, high]: two numbers", at: range.value.offset, .key("range"))
                return nil
            }
            guard low <= high else {
                error("`range` low \(Self.format(low)) is greater than high \(Self.format(high))", at: range.value.offset, .key("range"))
                return nil
            }
            guard tolerance == nil, relative == nil else { return nil }
            return .numeric(NumericKey(target: .range(low: low, high: high), unit: unitText))
        }
        guard let answer else {
            error("a `numeric` question needs `answer` or `range`", at: offset)
            return nil
        }
        var value = 0.0
        if allowExpression, case let .string(text) = answer.value.kind {
            guard !Self.isBlank(text) else {
                error("`answer` must not be empty", at: answer.value.offset, .key("answer"))
                return nil
            }
            expression = text
        } else if case let .number(number) = answer.value.kind {
            value = number
        } else {
            error("`answer` must be a number\(allowExpression ? " or an expression over the variables" : ""), found \(answer.value.typeDescription)", at: answer.value.offset, .key("answer"))
            return nil
        }
        if let tolerance, let relative {
            error("give either `tolerance` or `relativeTolerance`, not both", at: relative.keyOffset, .key("relativeTolerance"))
            _ = tolerance
            return nil
        }
        if let relative {
            guard let amount = nonNegative(relative) else { return nil }
            return .numeric(NumericKey(target: .relative(value: value, tolerance: amount), unit: unitText))
        }
        let amount = tolerance == nil ? 0 : nonNegative(tolerance)
        guard let amount else { return nil }
        return .numeric(NumericKey(target: .absolute(value: value, tolerance: amount), unit: unitText))
    }

    private func nonNegative(_ member: JSONMember?) -> Double? {
        guard let member, let number = number(member) else { return nil }
        guard number >= 0 else {
            error("`\(member.key)` must be at least 0, found \(Self.format(number))", at: member.value.offset, .key(member.key))
            return nil
        }
        return number
    }

    private func orderingKind(_ member: JSONMember?, at offset: Int) -> Question.Kind? {
        guard let member else {
            error("missing required field `items`", at: offset)
            return nil
        }
        guard let items = strings(member, nonEmpty: true), let raw = member.value.arrayValue else { return nil }
        var valid = items.count == raw.count
        if raw.count < 2 {
            error("an `ordering` question needs at least 2 items, found \(raw.count)", at: member.value.offset, .key("items"))
            valid = false
        }
        if raw.count > PackLimits.options {
            error("an `ordering` question has at most \(PackLimits.options) items, found \(raw.count)", at: member.value.offset, .key("items"))
            valid = false
        }
        var texts = DistinctTexts()
        for (position, item) in items.enumerated() {
            switch texts.insert(item.text, index: position) {
            case .distinct: break
            case let .duplicate(first):
                error("duplicate item (same as item \(items[first].index))", at: item.offset, .key("items"), .index(item.index))
                valid = false
            case let .lookAlike(first):
                error("item looks the same as item \(items[first].index) (it differs only in invisible or look-alike characters)",
                      at: item.offset, .key("items"), .index(item.index))
                valid = false
            }
        }
        return valid ? .ordering(items.map(\.text)) : nil
    }
}
