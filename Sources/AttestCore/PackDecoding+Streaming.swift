extension PackDecoding: JSONElementStream {
    /// Streams the root's `questions` array once the pack's `skills` (which questions refer
    /// to) have been parsed: they are decoded here, before the first question.
    func shouldStream(key: String, keyOffset: Int, precedingMembers: ArraySlice<JSONMember>) -> Bool {
        guard key == "questions", let skillsField = precedingMembers.last(where: { $0.key == "skills" }) else { return false }
        let skills = within(.key("skills")) { decodeSkills(skillsField) }
        streamed = StreamedQuestions(skillsKeyOffset: skillsField.keyOffset, questionsKeyOffset: keyOffset, skills: skills)
        // Questions take a few hundred bytes each. Room for the questions (and ids) such a file can hold
        // saves copying the growing arrays (and rehashing the table) again and again; arrays fill from
        // the front, so capacity never used is never touched (never resident). A hash table is
        // touched all over, so it gets a closer guess.
        let estimate = source.bytes.count / 256
        streamedQuestions.reserveCapacity(estimate)
        questionFacts.reserveCapacity(estimate)
        factTags.reserveCapacity(estimate * 2)
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
        decodeQuestion(value, index: index, into: &streamedQuestions)
        path.removeLast()
        path.removeLast()
    }
}
