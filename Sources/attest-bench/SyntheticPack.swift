import AttestCore

/// A large, realistic, valid pack generated for load benchmarks.
///
/// Shipped packs are far too small to measure the loader; this builds one with the
/// size and text mix of a real pack (prompts with code, options with feedback,
/// explanations, every question type) so MB/s figures mean something.
enum SyntheticPack {
    /// A deterministic generator so every run measures the same bytes.
    struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    private static let words = """
        query table index join select column row aggregate median variance sample cohort metric dashboard \
        latency throughput cache partition replica schema migration transaction isolation deadlock cursor \
        window function histogram outlier regression baseline forecast pipeline dataset feature label \
        threshold accuracy precision recall estimate confidence interval distribution quartile percentile
        """.split(separator: " ").map(String.init)

    private static func sentence(_ generator: inout Generator, words count: Int) -> String {
        var parts: [String] = []
        for index in 0..<count {
            let word = words[generator.next(words.count)]
            parts.append(index == 0 ? word.prefix(1).uppercased() + word.dropFirst() : word)
        }
        return parts.joined(separator: " ") + "."
    }

    /// The JSON text of a pack with `questionCount` questions over 20 skills.
    static func json(questionCount: Int) -> String {
        var generator = Generator(state: 0x5EED)
        let skillCount = 20
        var out = "{\n  \"format\": 1,\n  \"id\": \"bench-pack\",\n  \"version\": \"1.0.0\",\n"
        out += "  \"title\": \"Benchmark Pack\",\n  \"description\": \"Generated for attest-bench.\",\n  \"skills\": [\n"
        out += (0..<skillCount).map { "    { \"id\": \"skill-\($0)\", \"name\": \"Skill \($0)\", \"description\": \(JSONString.quoted(sentence(&generator, words: 12))) }" }
            .joined(separator: ",\n")
        out += "\n  ],\n  \"questions\": [\n"
        for index in 0..<questionCount {
            let skill = "skill-\(index % skillCount)"
            let prompt = sentence(&generator, words: 12) + " Consider `SELECT \(index) FROM t` and answer: " + sentence(&generator, words: 10)
            var fields = [
                "\"id\": \"q-\(index)\"",
                "\"skill\": \"\(skill)\"",
                "\"prompt\": \(JSONString.quoted(prompt))",
                "\"difficulty\": \"\(["easy", "medium", "hard"][index % 3])\"",
                "\"explanation\": \(JSONString.quoted(sentence(&generator, words: 16)))",
                "\"tags\": [\"tag-\(index % 7)\", \"unit-\(index % 11)\"]",
            ]
            switch index % 6 {
            case 0, 1:
                let correct = generator.next(4)
                let options = (0..<4).map { option in
                    var text = "{ \"text\": \(JSONString.quoted("Option \(option): " + sentence(&generator, words: 6)))"
                    if option == correct || (index % 6 == 1 && option == (correct + 1) % 4) { text += ", \"correct\": true" }
                    if option % 2 == 1 { text += ", \"feedback\": \(JSONString.quoted(sentence(&generator, words: 9)))" }
                    return text + " }"
                }
                fields.insert("\"type\": \"\(index % 6 == 0 ? "single" : "multiple")\"", at: 1)
                fields.append("\"options\": [\n        " + options.joined(separator: ",\n        ") + "\n      ]")
            case 2:
                fields.insert("\"type\": \"true-false\"", at: 1)
                fields.append("\"answer\": \(index % 4 == 2)")
            case 3:
                fields.insert("\"type\": \"text\"", at: 1)
                fields.append("\"accept\": [\"answer \(index)\", \"the answer \(index)\"]")
            case 4:
                fields.insert("\"type\": \"numeric\"", at: 1)
                fields.append("\"answer\": \(Double(index) / 8), \"tolerance\": 0.05, \"unit\": \"ms\"")
            default:
                fields.insert("\"type\": \"ordering\"", at: 1)
                let items = (0..<4).map { JSONString.quoted("Step \($0): " + sentence(&generator, words: 4)) }
                fields.append("\"items\": [" + items.joined(separator: ", ") + "]")
            }
            out += "    {\n      " + fields.joined(separator: ",\n      ") + "\n    }"
            out += index == questionCount - 1 ? "\n" : ",\n"
        }
        out += "  ],\n  \"quizzes\": [\n"
        out += (0..<skillCount).map { skill in
            """
                { "id": "exam-\(skill)", "title": "Exam \(skill)", "mode": "exam", "timeLimit": 1800, \
            "sections": [ { "draw": 10, "from": { "skills": ["skill-\(skill)"] } }, { "draw": 5, "from": { "tags": ["tag-\(skill % 7)"] } } ] }
            """
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"credentials\": [\n"
        out += (0..<skillCount).map { skill in
            """
                { "id": "cred-\(skill)", "name": "Credential \(skill)", "description": "Passed exam \(skill).", \
            "criteria": { "skills": { "skill-\(skill)": "proficient" }, "quizzes": ["exam-\(skill)"]\
            \(skill > 0 ? ", \"credentials\": [\"cred-\(skill - 1)\"]" : "") } }
            """
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }
}
