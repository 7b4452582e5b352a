import Foundation

/// The starting pack `attest pack new` writes: one example of every question type,
/// a practice quiz, an exam and a credential, valid as written.
///
/// New authors learn the format fastest by editing a working example; the scaffold
/// lints clean (no errors, no warnings) so every diagnostic they see afterwards is theirs.
public enum PackScaffold {
    /// Why a scaffold could not be made.
    public typealias Failure = NewPackError

    /// A title made from an id: `data-analytics` becomes `Data Analytics`.
    public static func title(for id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// The schema's own `$id`, for a `$schema` when the bundled schema file cannot be named by a path.
    public static let schemaID = "https://attest.example.org/schema/attest-pack-v1.schema.json"

    /// The pack JSON text for a new pack called `id`, naming `schema` (a path relative to the new file, or a URL) in `$schema`.
    public static func json(id: String, title: String? = nil, schema: String = schemaID) throws(Failure) -> String {
        try NewPackError.check(id: id, title: title)
        let name = title.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.title(for: id)
        return """
        {
          "$schema": \(JSONString.quoted(schema)),
          "format": 1,
          "id": \(JSONString.quoted(id)),
          "version": "0.1.0",
          "title": \(JSONString.quoted(name)),
          "description": "Describe what this pack assesses.",
          "authors": ["Your Name <you@example.org>"],
          "license": "CC-BY-4.0",
          "language": "en",
          "skills": [
            { "id": "basics", "name": "Basics", "description": "What the questions of this pack evidence." }
          ],
          "questions": [
            {
              "id": "single-example",
              "type": "single",
              "skill": "basics",
              "difficulty": "easy",
              "prompt": "Which option is the only correct one?",
              "options": [
                { "text": "This one", "correct": true },
                { "text": "Not this one", "feedback": "Feedback shows when a learner picks this option." },
                { "text": "Nor this one" }
              ],
              "explanation": "Exactly one option of a `single` question is correct."
            },
            {
              "id": "multiple-example",
              "type": "multiple",
              "skill": "basics",
              "prompt": "Select all the even numbers.",
              "options": [
                { "text": "2", "correct": true },
                { "text": "3" },
                { "text": "4", "correct": true }
              ],
              "explanation": "A `multiple` question needs every correct option and no wrong one."
            },
            {
              "id": "true-false-example",
              "type": "true-false",
              "skill": "basics",
              "difficulty": "easy",
              "prompt": "A true-false question has a boolean `answer`.",
              "answer": true,
              "explanation": "Set `answer` to true or false."
            },
            {
              "id": "text-example",
              "type": "text",
              "skills": { "basics": 1 },
              "prompt": "Name the format of this file.",
              "accept": ["JSON", "JavaScript Object Notation"],
              "explanation": "Accepted answers ignore case and extra spaces."
            },
            {
              "id": "numeric-example",
              "type": "numeric",
              "skill": "basics",
              "difficulty": "hard",
              "prompt": "What is 22 divided by 7, to two decimal places?",
              "answer": 3.14,
              "tolerance": 0.005,
              "explanation": "22 / 7 = 3.142857..., which rounds to 3.14."
            },
            {
              "id": "ordering-example",
              "type": "ordering",
              "skill": "basics",
              "prompt": "Put these steps in order.",
              "items": ["Write the pack", "Lint it", "Take a quiz"],
              "timeLimit": 90,
              "explanation": "Items are listed in the correct order; learners see them shuffled."
            }
          ],
          "quizzes": [
            {
              "id": \(JSONString.quoted(NewPackError.derivedID(id, suffix: "-practice"))),
              "title": "Practice",
              "mode": "practice",
              "sections": [ { "title": "Everything", "from": { "skills": ["basics"] } } ]
            },
            {
              "id": \(JSONString.quoted(NewPackError.derivedID(id, suffix: "-exam"))),
              "title": "Exam",
              "mode": "exam",
              "timeLimit": 600,
              "passThreshold": 0.7,
              "sections": [ { "draw": 5, "from": { "skills": ["basics"] } } ]
            }
          ],
          "credentials": [
            {
              "id": "basics-proficient",
              "name": \(JSONString.quoted(name + ": Basics")),
              "description": "Awarded for passing the exam at the proficient level.",
              "criteria": {
                "skills": { "basics": "proficient" },
                "quizzes": [\(JSONString.quoted(NewPackError.derivedID(id, suffix: "-exam")))]
              },
              "validForDays": 730
            }
          ]
        }

        """
    }
}
