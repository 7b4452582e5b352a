extension PackDecoding {
    static let credentialFields = FieldSet(
        ["id", "name", "description", "achievementType", "criteria", "validForDays", "image"],
        required: ["id", "name", "description", "criteria"]
    )
    static let criteriaFields = FieldSet(["skills", "quizzes", "credentials"])

    /// A reference from one credential of this pack to another, checked once all ids are known.
    private struct CredentialReference {
        var from: String
        var to: String
        var offset: Int
        var pointer: String
    }

    func decodeCredentials(_ field: JSONMember) -> [CredentialDefinition]? {
        guard let items = array(field) else { return nil }
        var credentials: [CredentialDefinition] = []
        var ids: [String: Int] = [:]
        var order: [String] = []
        var references: [CredentialReference] = []
        for (index, item) in items.enumerated() {
            within(.index(index)) {
                guard let fields = fields(
                    of: item, Self.credentialFields, what: "a credential"
                ) else { return }
                let id = slug(fields[0])
                var isNew = false
                if let id, let idField = fields[0] {
                    if let first = ids[id] {
                        error("duplicate credential id `\(id)` (first defined at /credentials/\(first))", at: idField.value.offset, .key("id"))
                    } else {
                        ids[id] = index
                        order.append(id)
                        isNew = true
                    }
                }
                let name = string(fields[1], nonEmpty: true)
                let description = string(fields[2], nonEmpty: true)
                let achievementType = fields.isPresent(3) ? string(fields[3], nonEmpty: true) : "MicroCredential"
                var localReferences: [CredentialReference] = []
                let criteria = fields[4].flatMap { field in
                    within(.key("criteria")) { decodeCriteria(field, references: &localReferences) }
                }
                if let id, isNew { references += localReferences.map { CredentialReference(from: id, to: $0.to, offset: $0.offset, pointer: $0.pointer) } }
                let validForDays = integer(fields[5], minimum: 1, maximum: PackLimits.validForDays)
                let image = imagePath(fields[6])
                guard let id, let name, let description, let achievementType, let criteria else { return }
                if fields.isPresent(5), validForDays == nil { return }
                if fields.isPresent(6), image == nil { return }
                credentials.append(CredentialDefinition(
                    id: id, name: name, description: description, achievementType: achievementType,
                    criteria: criteria, validForDays: validForDays, image: image
                ))
            }
        }
        checkCredentialReferences(references, ids: ids, order: order)
        return credentials
    }

    private func decodeCriteria(_ field: JSONMember, references: inout [CredentialReference]) -> CredentialCriteria? {
        guard let fields = fields(of: field.value, Self.criteriaFields, what: "`criteria`") else {
            return nil
        }
        var valid = true
        var skills: [String: MasteryLevel] = [:]
        if let member = fields[0] {
            if let object = member.value.objectValue {
                within(.key("skills")) {
                    for duplicate in object.duplicateMembers {
                        error("skill `\(duplicate.key)` appears more than once", at: duplicate.keyOffset, .key(duplicate.key))
                        valid = false
                    }
                    for entry in object.members {
                        if skillIDs[entry.key] == nil {
                            unknown("skill", entry.key, at: entry.keyOffset, .key(entry.key), among: skillOrder)
                            valid = false
                        }
                        guard let text = string(entry) else { valid = false; continue }
                        guard let level = MasteryLevel(rawValue: text), level != .novice else {
                            let names = ["developing", "proficient", "expert"]
                            error(
                                "unknown mastery level `\(text)`", at: entry.value.offset, .key(entry.key),
                                hint: Suggestion.hint(for: text, in: names) ?? "use `developing`, `proficient` or `expert`"
                            )
                            valid = false
                            continue
                        }
                        skills[entry.key] = level
                    }
                }
            } else {
                error("`skills` must be an object of skill levels, found \(member.value.typeDescription)", at: member.value.offset, .key("skills"))
                valid = false
            }
        }
        var quizzes: [String] = []
        if let member = fields[1] {
            if let entries = strings(member), entries.count == member.value.arrayValue?.count {
                within(.key("quizzes")) {
                    for entry in entries {
                        guard let mode = quizModes[entry.text] else {
                            if quizIDs[entry.text] == nil {
                                unknown("quiz", entry.text, at: entry.offset, .index(entry.index), among: quizIDs.keys.sorted())
                                valid = false
                            }
                            continue
                        }
                        if mode != .exam {
                            error(
                                "quiz `\(entry.text)` is a practice quiz; credentials count only exam quizzes",
                                at: entry.offset, .index(entry.index)
                            )
                            valid = false
                        }
                        quizzes.append(entry.text)
                    }
                }
            } else {
                valid = false
            }
        }
        var credentials: [String] = []
        if let member = fields[2] {
            if let entries = strings(member), entries.count == member.value.arrayValue?.count {
                within(.key("credentials")) {
                    for entry in entries {
                        let parts = entry.text.split(separator: "/", omittingEmptySubsequences: false)
                        guard (parts.count == 1 || parts.count == 2), parts.allSatisfy(Self.isSlug) else {
                            error(
                                "credential reference `\(entry.text)` must be `credentialId` or `packId/credentialId`",
                                at: entry.offset, .index(entry.index)
                            )
                            valid = false
                            continue
                        }
                        credentials.append(entry.text)
                        if parts.count == 1 || String(parts[0]) == packID {
                            references.append(CredentialReference(
                                from: "", to: String(parts.last!), offset: entry.offset, pointer: pointer([.index(entry.index)])
                            ))
                        }
                    }
                }
            } else {
                valid = false
            }
        }
        if skills.isEmpty, quizzes.isEmpty, credentials.isEmpty, valid {
            error("`criteria` must require at least one of `skills`, `quizzes` or `credentials`", at: field.value.offset)
            return nil
        }
        return valid ? CredentialCriteria(skills: skills, quizzes: quizzes, credentials: credentials) : nil
    }

    private func imagePath(_ member: JSONMember?) -> String? {
        guard let member, let text = string(member, nonEmpty: true) else { return nil }
        let components = text.split(separator: "/", omittingEmptySubsequences: false)
        let lower = text.lowercased()
        if text.hasPrefix("/") || text.hasPrefix("~") || text.contains("\\") || text.contains(":") {
            error("`image` must be a path relative to the pack file", at: member.value.offset, .key("image"))
        } else if components.contains("..") {
            error("`image` must not contain `..`: images stay inside the pack's folder", at: member.value.offset, .key("image"))
        } else if !lower.hasSuffix(".png"), !lower.hasSuffix(".svg") {
            error("`image` must be a .png or .svg file", at: member.value.offset, .key("image"))
        } else {
            return text
        }
        return nil
    }

    /// Unknown local credentials (with did-you-mean) and cycles among this pack's credentials.
    private func checkCredentialReferences(_ references: [CredentialReference], ids: [String: Int], order: [String]) {
        var edges: [String: [CredentialReference]] = [:]
        for reference in references {
            guard ids[reference.to] != nil else {
                error("unknown credential `\(reference.to)`", at: reference.offset, pointer: reference.pointer,
                      hint: Suggestion.hint(for: reference.to, in: order))
                continue
            }
            edges[reference.from, default: []].append(reference)
        }
        // Depth-first search; a reference to a credential still on the stack closes a cycle.
        var state: [String: Int] = [:]  // 1: on the stack, 2: done
        var stack: [String] = []
        func visit(_ id: String) {
            state[id] = 1
            stack.append(id)
            for edge in edges[id] ?? [] {
                switch state[edge.to] {
                case 1:
                    let cycle = stack[stack.lastIndex(of: edge.to)!...] + [edge.to]
                    error(
                        "credentials require each other in a cycle: \(cycle.joined(separator: " → "))",
                        at: edge.offset, pointer: edge.pointer
                    )
                case nil:
                    visit(edge.to)
                default:
                    break
                }
            }
            stack.removeLast()
            state[id] = 2
        }
        for id in order where state[id] == nil {
            visit(id)
        }
    }
}
