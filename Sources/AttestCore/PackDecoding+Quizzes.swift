extension PackDecoding {
    static let quizFields = FieldSet(
        [
            "id", "title", "description", "mode", "sections", "timeLimit", "questionTimeLimit", "shuffleQuestions",
            "shuffleOptions", "allowBack", "passThreshold", "skillThresholds", "timeAccommodations", "decision",
        ],
        required: ["id", "title", "mode", "sections"]
    )
    static let sectionFields = FieldSet(["title", "draw", "from"], required: ["from"])
    static let poolFields = FieldSet(["skills", "tags", "questions"])

    func decodeQuizzes(_ field: JSONMember) -> [Quiz]? {
        guard let items = array(field) else { return nil }
        var quizzes: [Quiz] = []
        for (index, item) in items.enumerated() {
            if let quiz = within(.index(index), { decodeQuiz(item, index: index) }) {
                quizzes.append(quiz)
            }
        }
        return quizzes
    }

    private func decodeQuiz(_ value: JSONValue, index: Int) -> Quiz? {
        guard let fields = fields(
            of: value, Self.quizFields, what: "a quiz"
        ) else { return nil }
        let id = slug(fields[0])
        let title = string(fields[1], nonEmpty: true)
        let description = string(fields[2]) ?? ""
        let mode = quizMode(fields[3])
        if let id, let idField = fields[0] {
            if let first = quizIDs[id] {
                error("duplicate quiz id `\(id)` (first defined at /quizzes/\(first))", at: idField.value.offset, .key("id"))
            } else {
                quizIDs[id] = index
                if let mode { quizModes[id] = mode }
            }
        }
        let sections = fields[4].flatMap { field in within(.key("sections")) { decodeSections(field, mode: mode ?? .exam) } }
        let timeLimit = fields.isPresent(5)
            ? positiveNumber(fields[5], atMost: PackLimits.quizTimeLimit, unit: "seconds (one week)") : nil
        let questionTimeLimit = fields.isPresent(6)
            ? positiveNumber(fields[6], atMost: PackLimits.questionTimeLimit, unit: "seconds (one day)") : nil
        let shuffleQuestions = fields.isPresent(7) ? bool(fields[7]) : true
        let shuffleOptions = fields.isPresent(8) ? bool(fields[8]) : true
        let allowBack = fields.isPresent(9) ? bool(fields[9]) : false
        let passThreshold = fields[10].map { fraction($0.value, named: $0.key, component: .key($0.key)) } ?? 0.7
        let skillThresholds = fields[11].flatMap { field in within(.key("skillThresholds")) { decodeSkillThresholds(field) } }
        let timeAccommodations = fields[12].flatMap(decodeTimeAccommodations)
        let decision = fields[13].flatMap { field in within(.key("decision")) { decodeDecision(field) } }
        if let field = fields[13], mode == .practice {
            error("`decision` applies to exams only", at: field.keyOffset, .key("decision"))
        }

        guard let id, let title, let mode, let sections, let shuffleQuestions, let shuffleOptions, let allowBack,
              let passThreshold
        else { return nil }
        if fields.isPresent(5), timeLimit == nil { return nil }
        if fields.isPresent(6), questionTimeLimit == nil { return nil }
        if fields.isPresent(11), skillThresholds == nil { return nil }
        if fields.isPresent(12), timeAccommodations == nil { return nil }
        if let accommodations = fields[12], timeLimit == nil, questionTimeLimit == nil, mode == .practice {
            warning("`timeAccommodations` on an untimed practice quiz only applies when it is taken with --timed",
                    at: accommodations.value.offset, .key("timeAccommodations"))
        }
        if fields.isPresent(13), decision == nil || mode == .practice { return nil }
        return Quiz(
            id: id, title: title, description: description, mode: mode, sections: sections, timeLimit: timeLimit,
            questionTimeLimit: questionTimeLimit, shuffleQuestions: shuffleQuestions, shuffleOptions: shuffleOptions,
            allowBack: allowBack, passThreshold: passThreshold, skillThresholds: skillThresholds ?? [:],
            timeAccommodations: timeAccommodations ?? [], decision: decision
        )
    }

    /// Extended-time multipliers: numbers above 1 and at most `Accommodation.largestMultiplier`, each once.
    private func decodeTimeAccommodations(_ field: JSONMember) -> [Double]? {
        guard let items = array(field) else { return nil }
        var result: [Double] = []
        var valid = true
        for (index, item) in items.enumerated() {
            guard case let .number(number) = item.kind else {
                error("a time accommodation must be a number such as 1.5, found \(item.typeDescription)", at: item.offset, .key(field.key), .index(index))
                valid = false
                continue
            }
            guard number > 1, number <= Accommodation.largestMultiplier else {
                error(
                    "a time accommodation multiplies the time limits, so it must be above 1 and at most "
                        + "\(Self.format(Accommodation.largestMultiplier)), found \(Self.format(number))",
                    at: item.offset, .key(field.key), .index(index))
                valid = false
                continue
            }
            if result.contains(number) {
                error("time accommodation \(Self.format(number)) is listed twice", at: item.offset, .key(field.key), .index(index))
                valid = false
                continue
            }
            result.append(number)
        }
        return valid ? result.sorted() : nil
    }

    private func quizMode(_ member: JSONMember?) -> Quiz.Mode? {
        guard let member, let text = string(member) else { return nil }
        guard let mode = Quiz.Mode(rawValue: text) else {
            error(
                "unknown quiz mode `\(text)`", at: member.value.offset, .key("mode"),
                hint: Suggestion.hint(for: text, in: ["practice", "exam"]) ?? "use `practice` or `exam`"
            )
            return nil
        }
        return mode
    }

    private func decodeSkillThresholds(_ field: JSONMember) -> [String: Double]? {
        guard let object = field.value.objectValue else {
            error("`skillThresholds` must be an object, found \(field.value.typeDescription)", at: field.value.offset)
            return nil
        }
        var result: [String: Double] = [:]
        var valid = checkSkillKeys(object)
        for member in object.members {
            guard let threshold = fraction(member.value, named: member.key, component: .key(member.key)) else {
                valid = false
                continue
            }
            result[member.key] = threshold
        }
        return valid ? result : nil
    }

    /// The sections of a quiz of `mode`, their pools counted without the questions `mode` may not show.
    private func decodeSections(_ field: JSONMember, mode: Quiz.Mode) -> [QuizSection]? {
        guard let items = array(field) else { return nil }
        if items.isEmpty {
            error("a quiz needs at least one section", at: field.value.offset)
            return nil
        }
        var sections: [QuizSection] = []
        var valid = true
        // Pools of earlier sections with how many each takes (nil: all of it), to bound what is left.
        var earlier: [(pool: QuestionSet, draw: Int?)] = []
        for (index, item) in items.enumerated() {
            within(.index(index)) {
                guard let fields = fields(of: item, Self.sectionFields, what: "a section")
                else { valid = false; return }
                let title = string(fields[0])
                let draw = integer(fields[1], minimum: 1, maximum: PackLimits.draw)
                let pool = fields[2].flatMap { field in within(.key("from")) { decodePool(field, mode: mode) } }
                guard let pool, !fields.isPresent(0) || title != nil, !fields.isPresent(1) || draw != nil else {
                    valid = false
                    return
                }
                let section = QuizSection(title: title, pool: pool, count: draw)
                let ids = poolIndices(of: pool, mode: mode)
                if ids.isEmpty {
                    error("this section's pool is empty: no question matches its `from`", at: fields[2]!.value.offset, .key("from"))
                    valid = false
                    return
                }
                if let draw {
                    var taken = 0
                    var overlap = QuestionSet(capacity: questionFacts.count)
                    for previous in earlier {
                        let shared = previous.pool.intersection(ids)
                        taken += min(previous.draw ?? shared.count, shared.count)
                        overlap.formUnion(shared)
                    }
                    taken = min(taken, overlap.count)
                    if draw > ids.count - taken {
                        let message = taken == 0
                            ? "section draws \(draw) questions but its pool holds only \(ids.count)"
                            : "section draws \(draw) questions but only \(ids.count - taken) of its pool of \(ids.count) are left after earlier sections"
                        error(message, at: fields[1]!.value.offset, .key("draw"))
                        valid = false
                    }
                }
                earlier.append((ids, draw))
                sections.append(section)
            }
        }
        return valid ? sections : nil
    }

    /// Builds the per-tag index of the questions, once (only packs whose quizzes draw by tag need it).
    private func indexTags() {
        guard !tagsIndexed else { return }
        tagsIndexed = true
        var slots: [String: Int] = [:]
        var recent = RecentStringSlots()
        var lists: [[Int]] = []
        for index in questionFacts.indices {
            for tag in factTags[questionFacts[index].tags] {
                if let slot = recent.slot(of: tag, in: slots) {
                    lists[slot].append(index)
                } else {
                    slots[tag] = lists.count
                    lists.append([index])
                }
            }
        }
        for (tag, slot) in slots { questionsByTag[tag] = lists[slot] }
    }

    /// The facts indices of the questions in `pool` that a quiz of `mode` may show.
    private func poolIndices(of pool: QuizSection.Pool, mode: Quiz.Mode) -> QuestionSet {
        var result = QuestionSet(capacity: questionFacts.count)
        let admitted = { (index: Int) in self.questionFacts[index].pool.admits(mode) }
        switch pool {
        case let .skills(skills):
            for skill in skills {
                if let slot = skillIDs[skill] { result.insert(contentsOf: questionsBySkill[slot].filter(admitted)) }
            }
        case let .tags(tags):
            indexTags()
            for tag in tags { result.insert(contentsOf: (questionsByTag[tag] ?? []).filter(admitted)) }
        case let .questions(ids):
            for id in ids { if let index = questionIDs[id], admitted(index) { result.insert(index) } }
        }
        return result
    }

    private func decodePool(_ field: JSONMember, mode: Quiz.Mode) -> QuizSection.Pool? {
        guard let fields = fields(of: field.value, Self.poolFields, what: "`from`") else { return nil }
        let present = fields.compactMap { $0 }
        guard present.count == 1, let member = present.first else {
            error("`from` must hold exactly one of `skills`, `tags` or `questions`", at: field.value.offset)
            return nil
        }
        guard let entries = strings(member, nonEmpty: true), entries.count == member.value.arrayValue?.count else { return nil }
        if entries.isEmpty {
            error("`\(member.key)` must list at least one entry", at: member.value.offset, .key(member.key))
            return nil
        }
        var valid = true
        var seen = Set<String>()
        if member.key == "tags" { indexTags() }
        within(.key(member.key)) {
            for entry in entries {
                if !seen.insert(entry.text).inserted {
                    error("`\(entry.text)` is listed more than once", at: entry.offset, .index(entry.index))
                    valid = false
                    continue
                }
                switch member.key {
                case "skills" where skillIDs[entry.text] == nil:
                    unknown("skill", entry.text, at: entry.offset, .index(entry.index), among: skillOrder)
                    valid = false
                case "tags" where questionsByTag[entry.text] == nil:
                    error("no question has tag `\(entry.text)`", at: entry.offset, .index(entry.index),
                          hint: Suggestion.hint(for: entry.text, in: questionsByTag.keys.sorted()))
                    valid = false
                case "questions" where questionIDs[entry.text] == nil:
                    unknown("question", entry.text, at: entry.offset, .index(entry.index), among: questionFacts.map(\.id))
                    valid = false
                case "questions" where !questionFacts[questionIDs[entry.text]!].pool.admits(mode):
                    let pool = questionFacts[questionIDs[entry.text]!].pool
                    error(
                        "question `\(entry.text)` is \(pool == .exam ? "exam-only (sealed)" : "practice-only"); a \(mode.rawValue) quiz cannot show it",
                        at: entry.offset, .index(entry.index))
                    valid = false
                default:
                    break
                }
            }
        }
        guard valid else { return nil }
        let texts = entries.map(\.text)
        switch member.key {
        case "skills": return .skills(texts)
        case "tags": return .tags(texts)
        default: return .questions(texts)
        }
    }
}
