extension PackDecoding: JSONElementStream {
    /// Streams the root's `questions` array once the pack's `skills` (which questions refer
    /// to) have been parsed: they are decoded here, before the first question.
    func shouldStream(key: String, keyOffset: Int, precedingMembers: ArraySlice<JSONMember>) -> Bool {
        guard key == "questions", let skillsField = precedingMembers.last(where: { $0.key == "skills" }) else { return false }
        let skills = within(.key("skills")) { decodeSkills(skillsField) }
        streamed = StreamedQuestions(skillsKeyOffset: skillsField.keyOffset, questionsKeyOffset: keyOffset, skills: skills)
        // Questions take several hundred bytes each: room for that many ids saves rehashing them as the table grows.
        questionIDs.reserveCapacity(source.bytes.count / 512)
        return true
    }

    /// Decodes one question as soon as it is parsed; its tree is freed when this returns.
    func element(_ value: JSONValue, index: Int, controlCharacters: [Int: Unicode.Scalar]?) {
        streamed!.count += 1
        if let controlCharacters {
            reportControlCharacters(
                in: value, found: controlCharacters, components: [.key("questions"), .index(index)], name: "questions"
            )
        }
        path.append(.key("questions"))
        path.append(.index(index))
        let question = decodeQuestion(value, index: index)
        path.removeAll(keepingCapacity: true)
        if let question {
            streamedQuestions.append(question)
        }
    }
}
