import AttestCore

/// A small pack with every question type and the awkward cases of each: two-letter labels, a unit,
/// a range, a relative tolerance, a pattern, diacritics and a long ordering.
let answerPackJSON = #"""
{
  "format": 1, "id": "fuzz-answers", "version": "1.0.0", "title": "Answer fuzzing",
  "skills": [{ "id": "s", "name": "Skill" }],
  "questions": [
    { "id": "single", "type": "single", "skill": "s", "prompt": "p", "explanation": "e",
      "options": [{ "text": "a", "correct": true }, { "text": "b" }, { "text": "c" }] },
    { "id": "single-wide", "type": "single", "skill": "s", "prompt": "p", "explanation": "e",
      "options": [OPTIONS] },
    { "id": "multiple", "type": "multiple", "skill": "s", "prompt": "p", "explanation": "e",
      "options": [{ "text": "a", "correct": true }, { "text": "b", "correct": true }, { "text": "c" }, { "text": "d" }] },
    { "id": "multiple-all", "type": "multiple", "skill": "s", "prompt": "p", "explanation": "e",
      "options": [{ "text": "a", "correct": true }, { "text": "b", "correct": true }] },
    { "id": "truth", "type": "true-false", "skill": "s", "prompt": "p", "explanation": "e", "answer": true },
    { "id": "text", "type": "text", "skill": "s", "prompt": "p", "explanation": "e", "accept": ["median", "the  Médian"] },
    { "id": "text-pattern", "type": "text", "skill": "s", "prompt": "p", "explanation": "e", "accept": ["café"],
      "ignoreDiacritics": true, "pattern": "box[- ]?(and[- ]whiskers?[- ])?plot|\\d+" },
    { "id": "number", "type": "numeric", "skill": "s", "prompt": "p", "explanation": "e", "answer": 7, "tolerance": 0, "unit": "rows" },
    { "id": "number-relative", "type": "numeric", "skill": "s", "prompt": "p", "explanation": "e", "answer": -1000, "relativeTolerance": 0.01 },
    { "id": "number-range", "type": "numeric", "skill": "s", "prompt": "p", "explanation": "e", "range": [67.5, 68.5], "unit": "%" },
    { "id": "number-tiny", "type": "numeric", "skill": "s", "prompt": "p", "explanation": "e", "answer": 1e-300, "tolerance": 1e-300, "unit": "m/s²" },
    { "id": "order", "type": "ordering", "skill": "s", "prompt": "p", "explanation": "e", "items": ["1", "2", "3", "4", "5", "6"] },
    { "id": "order-two", "type": "ordering", "skill": "s", "prompt": "p", "explanation": "e", "items": ["1", "2"] }
  ]
}
"""#.replacingOccurrences(
    of: "OPTIONS",
    with: (0..<30).map { #"{ "text": "o\#($0)", "correct": \#($0 == 28) }"# }.joined(separator: ", "))

/// Every question of the pack as presented in three orders: pack order, reversed, and rotated by one.
let presentedQuestions: [PresentedQuestion] = {
    let result = PackDecoder().decode(bytes: Array(answerPackJSON.utf8), file: "answers.json")
    guard let pack = result.pack else { fatalError("the built-in pack does not load: \(result.diagnostics)") }
    return pack.questions.flatMap { question -> [PresentedQuestion] in
        let count: Int
        switch question.kind {
        case let .singleChoice(options), let .multipleChoice(options): count = options.count
        case let .ordering(items): count = items.count
        case .trueFalse, .shortText, .numeric: count = 0
        }
        let identity = Array(0..<count)
        let rotated = count == 0 ? [] : Array(identity.dropFirst()) + [0]
        return [identity, identity.reversed(), rotated].map { PresentedQuestion(question: question, order: $0) }
    }
}()

/// libFuzzer entry point for answer reading: the input (as typed text) is parsed against every presented
/// question; a hint must hold no control character, an accepted answer must name only existing options
/// and score within 0...1.
@_cdecl("LLVMFuzzerTestOneInput")
public func answerParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for presented in presentedQuestions {
        switch AnswerParser.parse(raw, for: presented) {
        case let .invalid(hint):
            fuzzCheck(!hint.isEmpty, "an empty hint for \(presented.question.id)")
            // Hints reach the terminal: they must never carry a control character from the input.
            fuzzCheck(
                hint.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) },
                "a hint with a control character for \(presented.question.id): \(hint.debugDescription)")
        case let .answer(answer):
            if let selection = answer.selection {
                fuzzCheck(selection.allSatisfy(presented.order.contains), "\(answer) names an option \(presented.question.id) does not have")
            }
            let score = Scoring.score(answer, for: presented.question)
            fuzzCheck(score >= 0 && score <= 1, "score \(score) outside 0...1 for \(answer) on \(presented.question.id)")
        }
    }
    return 0
}
