import AttestCore
import Foundation

/// A pack of any size written as pack-format JSON, for tests that need a big bank on disk or
/// quizzes of every drawing shape (shuffled or in pool order, pools by skill, tag or listed ids,
/// whole-pool sections), all six question kinds included.
public enum GeneratedPack {
    /// The JSON text of pack `id` with `questionCount` questions (at least 60); `variant` changes
    /// one question's prompt without changing the text's length (for same-size edit tests, 0...9).
    public static func json(id: String = "generated", questionCount: Int, variant: Int = 0) -> String {
        var out = "{\n  \"format\": 1,\n  \"id\": \"\(id)\",\n  \"version\": \"1.0.0\",\n"
        out += "  \"title\": \"Generated \(id)\",\n  \"skills\": [\n"
        out += (0..<5).map { "    { \"id\": \"skill-\($0)\", \"name\": \"Skill \($0)\" }" }.joined(separator: ",\n")
        out += "\n  ],\n  \"questions\": [\n"
        out += (0..<questionCount).map { index in question(index, variant: variant) }.joined(separator: ",\n")
        out += "\n  ],\n  \"quizzes\": [\n"
        out += """
                { "id": "exam", "title": "Exam", "mode": "exam", "timeLimit": 1800, "sections": [
                  { "title": "By skill", "draw": 10, "from": { "skills": ["skill-1"] } },
                  { "title": "By tag", "draw": 5, "from": { "tags": ["tag-3"] } } ] },
                { "id": "in-order", "title": "In order", "mode": "practice", "shuffleQuestions": false,
                  "shuffleOptions": false, "sections": [
                  { "draw": 3, "from": { "questions": ["q-6", "q-5", "q-4", "q-12"] } },
                  { "draw": 4, "from": { "skills": ["skill-2"] } } ] },
                { "id": "listed", "title": "Listed", "mode": "practice", "sections": [
                  { "from": { "questions": ["q-1", "q-2", "q-3", "q-7"] } },
                  { "draw": 6, "from": { "tags": ["tag-1", "tag-2"] } } ] }
            """
        out += "\n  ]\n}\n"
        return out
    }

    /// The pack `json(id:questionCount:variant:)` describes, decoded.
    public static func make(id: String = "generated", questionCount: Int, variant: Int = 0) -> Pack? {
        let text = json(id: id, questionCount: questionCount, variant: variant)
        return PackDecoder().decode(bytes: Array(text.utf8), file: id + ".json").pack
    }

    private static func question(_ index: Int, variant: Int) -> String {
        let mark = index == 0 ? String(variant % 10) : "x"
        var fields = [
            "\"id\": \"q-\(index)\"", "\"skill\": \"skill-\(index % 5)\"",
            "\"prompt\": \"Question \(index) (\(mark)): what holds?\"",
            "\"difficulty\": \"\(["easy", "medium", "hard"][index % 3])\"",
            "\"tags\": [\"tag-\(index % 7)\"]",
        ]
        switch index % 6 {
        case 0, 1:
            let options = (0..<4).map { option in
                "{ \"text\": \"Option \(option) of \(index)\"" + (option == index % 4 || (index % 6 == 1 && option == (index + 1) % 4)
                    ? ", \"correct\": true" : "") + " }"
            }
            fields.insert("\"type\": \"\(index % 6 == 0 ? "single" : "multiple")\"", at: 1)
            fields.append("\"options\": [" + options.joined(separator: ", ") + "]")
        case 2:
            fields.insert("\"type\": \"true-false\"", at: 1)
            fields.append("\"answer\": \(index % 4 == 2)")
        case 3:
            fields.insert("\"type\": \"text\"", at: 1)
            fields.append("\"accept\": [\"answer \(index)\"]")
        case 4:
            fields.insert("\"type\": \"numeric\"", at: 1)
            fields.append("\"answer\": \(index), \"tolerance\": 0.5")
        default:
            fields.insert("\"type\": \"ordering\"", at: 1)
            fields.append("\"items\": [\"first \(index)\", \"second\", \"third\", \"fourth\"]")
        }
        return "    { " + fields.joined(separator: ", ") + " }"
    }
}
