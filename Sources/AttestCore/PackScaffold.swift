import Foundation

/// The starting pack `attest pack new` writes: one example of every question type, a
/// parameterised question, exam-only and practice-only pools, a source, an item kind, a
/// blueprint, a practice quiz, an exam with a decision rule and a credential, valid as written.
///
/// New authors learn the format fastest by editing a working example; the scaffold
/// passes `pack lint --strict` (no errors, no warnings, no item-writing cue) so every diagnostic
/// they see afterwards is theirs.
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
          "blueprint": [
            { "id": "foundations", "name": "Foundations", "weight": 1, "skills": ["basics"] }
          ],
          "questions": [
            {
              "id": "single-example",
              "type": "single",
              "skill": "basics",
              "pool": "exam",
              "kind": "recall",
              "difficulty": "easy",
              "source": { "reference": "Attest pack format", "section": "Question" },
              "prompt": "Which option is the only correct one?",
              "options": [
                { "text": "This one", "correct": true },
                { "text": "Not this one", "feedback": "Feedback shows when a learner picks this option." },
                { "text": "Nor this one", "feedback": "Give every wrong option its own feedback." }
              ],
              "explanation": "Exactly one option of a `single` question is correct."
            },
            {
              "id": "multiple-example",
              "type": "multiple",
              "skill": "basics",
              "pool": "practice",
              "difficulty": "easy",
              "prompt": "Select all the even numbers.",
              "options": [
                { "text": "2", "correct": true },
                { "text": "3", "feedback": "3 is odd." },
                { "text": "4", "correct": true },
                { "text": "5", "feedback": "5 is odd." }
              ],
              "explanation": "A `multiple` question needs every correct option and no wrong one."
            },
            {
              "id": "true-false-example",
              "type": "true-false",
              "skill": "basics",
              "pool": "exam",
              "difficulty": "easy",
              "prompt": "A true-false question has a boolean `answer`.",
              "answer": true,
              "explanation": "Set `answer` to true or false."
            },
            {
              "id": "text-example",
              "type": "text",
              "skills": { "basics": 1 },
              "pool": "practice",
              "difficulty": "medium",
              "prompt": "Name the format of this file.",
              "accept": ["JSON", "JavaScript Object Notation"],
              "explanation": "Accepted answers ignore case and extra spaces."
            },
            {
              "id": "numeric-example",
              "type": "numeric",
              "skill": "basics",
              "pool": "practice",
              "difficulty": "hard",
              "prompt": "What is 22 divided by 7, to two decimal places?",
              "answer": 3.14,
              "tolerance": 0.005,
              "explanation": "22 / 7 = 3.142857..., which rounds to 3.14."
            },
            {
              "id": "parameterised-example",
              "type": "numeric",
              "skill": "basics",
              "pool": "exam",
              "kind": "scenario",
              "difficulty": "medium",
              "variables": { "items": { "min": 10, "max": 40, "step": 5 }, "minutes": { "values": [2, 4, 5] } },
              "prompt": "A learner answers {items} questions in {minutes} minutes. How many questions per minute is that?",
              "answer": "items / minutes",
              "tolerance": 0.01,
              "explanation": "{items} / {minutes} = {=items / minutes:2} questions per minute."
            },
            {
              "id": "ordering-example",
              "type": "ordering",
              "skill": "basics",
              "pool": "exam",
              "difficulty": "medium",
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
              "decision": { "lower": 0.6, "upper": 0.85, "alpha": 0.03, "beta": 0.1, "minItems": 3, "maxItems": 4 },
              "sections": [ { "draw": 4, "from": { "skills": ["basics"] } } ]
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
