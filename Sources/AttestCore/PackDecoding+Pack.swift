extension PackDecoding {
    static let packFields = FieldSet(
        [
            "$schema", "format", "id", "version", "title", "description", "authors", "license", "language", "levels",
            "skills", "questions", "quizzes", "credentials", "blueprint",
        ],
        required: ["format", "id", "version", "title", "skills", "questions"]
    )
    static let levelFields = FieldSet(["developing", "proficient", "expert"])
    static let skillFields = FieldSet(["id", "name", "description"], required: ["id", "name"])

    /// Decodes the whole pack; nil when something required could not be decoded.
    ///
    /// Takes the document so the questions (nearly all of a large pack) can be released from
    /// the tree one by one as they become `Question`s, instead of holding both at the peak.
    func decodePack(_ document: consuming JSONDocument) -> Pack? {
        let controlCharacters = document.controlCharacters
        var root = document.root
        document = JSONDocument(root: JSONValue(.null, offset: 0))
        if !controlCharacters.isEmpty {
            reportControlCharacters(in: root, found: controlCharacters)
        }
        var questionItems = streamed == nil ? Self.takeQuestions(from: &root) : []
        // Nothing else can be judged against the rules of a format this build does not know.
        if let member = root.objectValue?.members.last(where: { $0.key == "format" }),
           case let .number(number) = member.value.kind, number == number.rounded(), abs(number) < 1e15,
           !Pack.supportedFormats.contains(Int(number)) {
            keepOnlyControlReports()
            let known = Pack.supportedFormats.map(String.init).joined(separator: ", ")
            error("format \(Int(number)) is not supported; this Attest reads format \(known)", at: member.value.offset, .key("format"))
            return nil
        }
        guard let fields = fields(
            of: root, Self.packFields, what: "a pack"
        ) else { return nil }
        let schemaField = fields[0], formatField = fields[1], idField = fields[2], versionField = fields[3]
        let titleField = fields[4], descriptionField = fields[5], authorsField = fields[6], licenseField = fields[7]
        let languageField = fields[8], levelsField = fields[9], skillsField = fields[10], questionsField = fields[11]
        let quizzesField = fields[12], credentialsField = fields[13], blueprintField = fields[14]
        if let streamed, streamed.skillsKeyOffset != skillsField?.keyOffset || streamed.questionsKeyOffset != questionsField?.keyOffset {
            streamedTheWrongMembers = true
            return nil
        }

        let format = integer(formatField, minimum: .min)
        _ = string(schemaField)
        packID = slug(idField)
        var version: SemanticVersion?
        if let versionField, let text = string(versionField) {
            version = SemanticVersion(text)
            if version == nil {
                error(
                    "`version` \"\(text)\" is not a semantic version", at: versionField.value.offset, .key("version"),
                    hint: "write MAJOR.MINOR.PATCH, optionally with -prerelease, e.g. 1.0.0"
                )
            }
        }
        let title = string(titleField, nonEmpty: true)
        let description = string(descriptionField) ?? ""
        let authors = strings(authorsField)?.map(\.text) ?? []
        let license = string(licenseField) ?? ""
        let language = string(languageField, nonEmpty: true) ?? "en"
        if let levelsField {
            within(.key("levels")) { decodeLevels(levelsField.value) }
        }

        let skills: [Skill]?
        let questions: [Question]?
        if let streamed, let questionsField {
            skills = streamed.skills
            questions = streamedQuestions
            if streamed.count == 0 {
                within(.key("questions")) { error("a pack needs at least one question", at: questionsField.value.offset) }
            }
        } else {
            skills = skillsField.flatMap { field in within(.key("skills")) { decodeSkills(field) } }
            questions = questionsField.flatMap { field in
                within(.key("questions")) { decodeQuestions(field, items: &questionItems) }
            }
        }
        let quizzes = quizzesField.flatMap { field in within(.key("quizzes")) { decodeQuizzes(field) } } ?? []
        let credentials = credentialsField.flatMap { field in within(.key("credentials")) { decodeCredentials(field) } } ?? []
        if let skills, let skillsField { warnAboutSkillCoverage(skills, in: skillsField) }
        let blueprint = blueprintField.flatMap { field in within(.key("blueprint")) { decodeBlueprint(field) } }

        if blueprintField != nil, blueprint == nil { return nil }
        guard errorCount == 0, let format, let packID, let version, let title, let skills, let questions else { return nil }
        return Pack(
            format: format, id: packID, version: version, title: title, description: description, authors: authors,
            license: license, language: language, levels: levels, skills: skills, questions: questions,
            quizzes: quizzes, credentials: credentials, blueprint: blueprint
        )
    }

    /// Moves the `questions` array out of the root object (leaving an empty array of the same
    /// offset in its place), so the caller owns it uniquely. Empty when there is no such array.
    static func takeQuestions(from root: inout JSONValue) -> [JSONValue] {
        guard case var .object(object) = root.kind,
              let slot = object.members.lastIndex(where: { $0.key == "questions" }),
              case let .array(items) = object.members[slot].value.kind
        else { return [] }
        root.kind = .null
        object.members[slot].value.kind = .array([])
        root.kind = .object(object)
        return items
    }

    private func decodeLevels(_ value: JSONValue) {
        guard let fields = fields(of: value, Self.levelFields, what: "`levels`") else { return }
        var values = [MasteryLevels.default.developing, MasteryLevels.default.proficient, MasteryLevels.default.expert]
        var valid = true
        for (slot, member) in fields.enumerated() {
            guard let member else { continue }
            if let number = fraction(member.value, named: member.key, component: .key(member.key)) {
                values[slot] = number
            } else {
                valid = false
            }
        }
        guard valid else { return }
        if !(values[0] < values[1] && values[1] < values[2]) {
            error(
                "levels must increase from developing to proficient to expert; found \(values.map(Self.format).joined(separator: ", "))",
                at: value.offset
            )
            return
        }
        levels = MasteryLevels(developing: values[0], proficient: values[1], expert: values[2])
    }

    func decodeSkills(_ field: JSONMember) -> [Skill]? {
        guard let items = array(field) else { return nil }
        if items.isEmpty {
            error("a pack needs at least one skill", at: field.value.offset)
        }
        var skills: [Skill] = []
        for (index, item) in items.enumerated() {
            within(.index(index)) {
                guard let fields = fields(of: item, Self.skillFields, what: "a skill")
                else { return }
                let id = slug(fields[0])
                let name = string(fields[1], nonEmpty: true)
                let description = string(fields[2]) ?? ""
                if let id, let idField = fields[0] {
                    if let first = skillIDs[id] {
                        error("duplicate skill id `\(id)` (first defined at /skills/\(skillItems[first]))", at: idField.value.offset, .key("id"))
                        return
                    }
                    skillIDs[id] = skillOrder.count
                    skillOrder.append(id)
                    skillItems.append(index)
                    questionsBySkill.append([])
                }
                if let id, let name {
                    skills.append(Skill(id: id, name: name, description: description))
                }
            }
        }
        return skills
    }

    /// Warnings for skills too thinly evidenced to estimate competency.
    private func warnAboutSkillCoverage(_ skills: [Skill], in field: JSONMember) {
        guard let items = field.value.arrayValue else { return }
        var offsets: [String: (offset: Int, index: Int)] = [:]
        for (index, item) in items.enumerated() {
            if let id = item.objectValue?["id"]?.stringValue, offsets[id] == nil { offsets[id] = (item.offset, index) }
        }
        for skill in skills {
            guard let place = offsets[skill.id] else { continue }
            let count = skillIDs[skill.id].map { questionsBySkill[$0].count } ?? 0
            let location = "/skills/\(place.index)"
            if count == 0 {
                warning("no question evidences skill `\(skill.id)`", at: place.offset, pointer: location)
            } else if count < PackStatistics.minimumQuestionsPerSkill {
                warning(
                    "skill `\(skill.id)` has only \(count) question\(count == 1 ? "" : "s"); at least \(PackStatistics.minimumQuestionsPerSkill) are needed to estimate competency",
                    at: place.offset, pointer: location
                )
            }
        }
    }
}
