import Foundation

/// Checks of how a pack's questions are written and sealed, beyond what the decoder checks.
///
/// Test-wise learners answer from cues instead of knowledge: absolute words keyed false, a key
/// that is always the longest option, a stated or habitual number of keys, one question's
/// wording giving away another's answer. The sealing check is an error (a credential exam that
/// practice shows can be memorised); the item-writing checks are warnings that
/// `pack lint --strict` turns into errors. docs/pack-format.md lists every rule with examples.
public enum ItemWritingLint {
    /// One problem found, located by a JSON Pointer into the pack.
    public struct Finding: Sendable, Hashable {
        public var rule: Rule
        public var pointer: String
        public var message: String
        public var hint: String?
        /// Every other question the message names, each with its own pointer (a give-away pair's keyed question).
        public var notes: [Note] = []

        /// Errors stop a credential exam from being trusted; the rest are item-writing warnings.
        public var isError: Bool { rule == .examSealing }
    }

    /// Another place a finding names.
    public struct Note: Sendable, Hashable {
        public var pointer: String
        public var message: String

        public init(pointer: String, message: String) {
            self.pointer = pointer
            self.message = message
        }
    }

    /// The rules, named as `pack lint` prints them.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        case examSealing = "exam-sealing"
        case absoluteWord = "true-false-absolute-word"
        case keyCountPattern = "multiple-key-count"
        case statedCount = "multiple-stated-count"
        case longestOption = "longest-option-key"
        case giveAway = "give-away-pair"
        case missingDifficulty = "missing-difficulty"
        case distractorFeedback = "distractor-feedback"
        case sealedOutsideCredential = "sealed-outside-credential"
    }

    /// Words that make a statement absolute; learners guess such statements are false.
    public static let absoluteWords = [
        "always", "never", "all", "every", "none", "only", "guarantees", "guarantee", "guaranteed", "must",
        "cannot", "completely", "entirely", "impossible", "no one", "nothing", "everything",
    ]
    /// Number words a stem may use to state how many options are correct.
    static let numberWords = ["two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5]

    public static func findings(_ pack: Pack) -> [Finding] {
        var found: [Finding] = []
        let index = Dictionary(pack.questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func pointer(_ id: String) -> String { index[id].map { "/questions/\($0)" } ?? "" }
        found += sealing(pack, pointer: pointer)
        found += sealedOutsideCredentials(pack)
        found += absoluteWordCues(pack, pointer: pointer)
        found += keyCounts(pack, pointer: pointer)
        found += longestOptions(pack, pointer: pointer)
        found += giveAways(pack, pointer: pointer)
        for question in pack.questions {
            if !question.difficultyStated {
                found.append(Finding(
                    rule: .missingDifficulty, pointer: pointer(question.id),
                    message: "question `\(question.id)` has no `difficulty`",
                    hint: "state `easy`, `medium` or `hard`: difficulty weights the evidence"))
            }
            if case let .singleChoice(options) = question.kind { found += distractorFeedback(question, options, pointer(question.id)) }
            if case let .multipleChoice(options) = question.kind { found += distractorFeedback(question, options, pointer(question.id)) }
        }
        return found
    }

    /// A credential exam must not draw a question any practice route can show.
    static func sealing(_ pack: Pack, pointer: (String) -> String) -> [Finding] {
        ExamPoolReport(pack: pack).rows.filter { $0.countsForCredential && !$0.overlap.isEmpty }.map { row in
            let quizIndex = pack.quizzes.firstIndex { $0.id == row.quizID } ?? 0
            let shown = row.overlap.prefix(5).map { "`\($0)`" }.joined(separator: ", ") + (row.overlap.count > 5 ? ", ..." : "")
            return Finding(
                rule: .examSealing, pointer: "/quizzes/\(quizIndex)",
                message: "exam `\(row.quizID)` counts for a credential but can draw \(row.overlap.count) `\(row.skillID)` question(s) practice also shows: \(shown)",
                hint: "mark exam questions `\"pool\": \"exam\"` and practice ones `\"pool\": \"practice\"`",
                notes: notes(Array(row.overlap.prefix(5)), pointer: pointer) { "`\($0)` is in the exam's pool and practice shows it" })
        }
    }

    /// In a pack with credential exams, a quiz no credential names (a quick check, a warm-up) must not
    /// draw sealed questions: learners could sit it again and again to see the credential exam's pool.
    static func sealedOutsideCredentials(_ pack: Pack) -> [Finding] {
        let counted = Set(pack.credentials.flatMap(\.criteria.quizzes))
        guard !counted.isEmpty else { return [] }
        let byID = pack.questionsByID()
        return pack.quizzes.enumerated().compactMap { index, quiz in
            guard !counted.contains(quiz.id) else { return nil }
            let sealed = Array(Set(quiz.sections.flatMap { $0.poolQuestionIDs(in: pack, mode: quiz.mode) })
                .filter { byID[$0]?.pool.isSealed ?? false }).sorted()
            guard !sealed.isEmpty else { return nil }
            let shown = sealed.prefix(5).map { "`\($0)`" }.joined(separator: ", ") + (sealed.count > 5 ? ", ..." : "")
            return Finding(
                rule: .sealedOutsideCredential, pointer: "/quizzes/\(index)",
                message: "quiz `\(quiz.id)` counts for no credential but can draw \(sealed.count) sealed question(s): \(shown)",
                hint: "make it a practice quiz (it then draws practice questions only), or name it in a credential's `criteria.quizzes`")
        }
    }

    /// One note per question id named in a message, each at the question.
    static func notes(_ ids: [String], pointer: (String) -> String, _ message: (String) -> String) -> [Note] {
        ids.map { Note(pointer: pointer($0), message: message($0)) }
    }

    /// The words of `text`, lower-cased, letters and digits only.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "-" }.map(String.init)
    }

    static func absoluteWords(in text: String) -> [String] {
        let list = words(text)
        let joined = " " + list.joined(separator: " ") + " "
        return absoluteWords.filter { joined.contains(" \($0) ") }
    }

    /// Per absolute word, the true-false statements using it; when two or more do and more than
    /// 60 % of them are keyed false, each keyed-false one is flagged, naming the others.
    static func absoluteWordCues(_ pack: Pack, pointer: (String) -> String) -> [Finding] {
        var byWord: [String: [(id: String, answer: Bool)]] = [:]
        for question in pack.questions {
            guard case let .trueFalse(answer) = question.kind else { continue }
            for word in absoluteWords(in: question.prompt) { byWord[word, default: []].append((question.id, answer)) }
        }
        var found: [Finding] = []
        for word in absoluteWords {
            guard let uses = byWord[word], uses.count >= 2 else { continue }
            let keyedFalse = uses.filter { !$0.answer }
            guard Double(keyedFalse.count) / Double(uses.count) > 0.6 else { continue }
            for use in keyedFalse {
                let others = uses.filter { $0.id != use.id }
                found.append(Finding(
                    rule: .absoluteWord, pointer: pointer(use.id),
                    message: "true-false `\(use.id)` says “\(word)” and is keyed false, as are \(keyedFalse.count) of the \(uses.count) statements with “\(word)” (also \(others.map { "`\($0.id)`" }.joined(separator: ", ")))",
                    hint: "reword without the absolute word, or balance with true statements that use it",
                    notes: others.map { other in
                        Note(pointer: pointer(other.id), message: "`\(other.id)` also says “\(word)” and is keyed \(other.answer)")
                    }))
            }
        }
        return found
    }

    /// Multi-select questions whose stem states the number of keys, and a pack where most
    /// multi-select questions key the same number of options.
    static func keyCounts(_ pack: Pack, pointer: (String) -> String) -> [Finding] {
        var found: [Finding] = []
        var byCount: [Int: [String]] = [:]
        var total = 0
        for question in pack.questions {
            guard case let .multipleChoice(options) = question.kind else { continue }
            let keys = options.filter(\.correct).count
            byCount[keys, default: []].append(question.id)
            total += 1
            let list = words(question.prompt)
            for (position, word) in list.enumerated() {
                guard let number = numberWords[word], number == keys else { continue }
                let next = position + 1 < list.count ? list[position + 1] : ""
                let previous = position > 0 ? list[position - 1] : ""
                guard ["select", "choose", "pick", "identify", "name"].contains(previous)
                    || ["options", "answers", "statements", "correct", "true", "items", "that", "of"].contains(next)
                else { continue }
                found.append(Finding(
                    rule: .statedCount, pointer: pointer(question.id),
                    message: "multi-select `\(question.id)` states how many options are keyed (“\(previous) \(word) \(next)”)",
                    hint: "ask to select all that apply, without the count"))
                break
            }
        }
        if total >= 4, let (keys, ids) = byCount.max(by: { $0.value.count < $1.value.count || ($0.value.count == $1.value.count && $0.key > $1.key) }),
           Double(ids.count) / Double(total) > 0.6 {
            let shown = ids.prefix(6).map { "`\($0)`" }.joined(separator: ", ") + (ids.count > 6 ? ", ..." : "")
            found.append(Finding(
                rule: .keyCountPattern, pointer: pointer(ids[0]),
                message: "\(ids.count) of \(total) multi-select questions key exactly \(keys) options (\(shown)): learners can guess the count",
                hint: "vary the number of keyed options, from 1 to all",
                notes: notes(Array(ids.prefix(6).dropFirst()), pointer: pointer) { "`\($0)` also keys \(keys) options" }))
        }
        return found
    }

    /// The key is the strictly longest option in more than half of the pack's choice questions.
    static func longestOptions(_ pack: Pack, pointer: (String) -> String) -> [Finding] {
        var longest: [String] = []
        var total = 0
        for question in pack.questions {
            guard case let .singleChoice(options) = question.kind, options.count >= 3 else { continue }
            total += 1
            let lengths = options.map(\.text.count)
            let maximum = lengths.max()!
            guard lengths.filter({ $0 == maximum }).count == 1, let key = options.firstIndex(where: \.correct),
                  lengths[key] == maximum
            else { continue }
            longest.append(question.id)
        }
        guard total >= 4, Double(longest.count) / Double(total) > 0.5 else { return [] }
        let shown = longest.prefix(6).map { "`\($0)`" }.joined(separator: ", ") + (longest.count > 6 ? ", ..." : "")
        return [Finding(
            rule: .longestOption, pointer: pointer(longest[0]),
            message: "the key is the longest option in \(longest.count) of \(total) single-choice questions (\(shown))",
            hint: "make distractors as long and specific as the key, or the key shorter",
            notes: notes(Array(longest.prefix(6).dropFirst()), pointer: pointer) { "`\($0)`'s key is also its longest option" })]
    }

    /// Words too common to give an answer away.
    static let commonWords: Set<String> = [
        "about", "after", "again", "against", "because", "before", "being", "between", "could", "data", "during",
        "every", "first", "other", "their", "there", "these", "those", "through", "under", "using", "which",
        "while", "would", "should", "where", "value", "values", "number", "question", "answer", "project", "team",
        "people", "system", "systems", "information", "process", "following", "always", "never", "without",
    ]

    /// The keyed text of a question: its correct options, its accepted answers, or nil.
    static func keyTexts(_ question: Question) -> [String] {
        switch question.kind {
        case let .singleChoice(options), let .multipleChoice(options): options.filter(\.correct).map(\.text)
        case let .shortText(key): key.accept
        default: []
        }
    }

    /// Within each exam's pool: a question whose stem contains another's keyed answer (two or more
    /// words), or a distinctive term of it (a word of 8+ letters of the key found in neither its
    /// own stem nor its distractors, and in no other question of the pool but the two).
    static func giveAways(_ pack: Pack, pointer: (String) -> String) -> [Finding] {
        let byID = pack.questionsByID()
        var found: [Finding] = []
        var reported = Set<[String]>()
        for quiz in pack.quizzes where quiz.mode == .exam {
            let ids = Array(Set(quiz.sections.flatMap { $0.poolQuestionIDs(in: pack, mode: .exam) })).sorted()
            let pool = ids.compactMap { byID[$0] }
            let texts = pool.map { question -> Set<String> in
                var all = words(question.prompt)
                if case let .singleChoice(options) = question.kind { all += options.flatMap { words($0.text) } }
                if case let .multipleChoice(options) = question.kind { all += options.flatMap { words($0.text) } }
                return Set(all)
            }
            var documentFrequency: [String: Int] = [:]
            for set in texts { for word in set { documentFrequency[word, default: 0] += 1 } }
            for (a, question) in pool.enumerated() {
                let keys = keyTexts(question)
                guard !keys.isEmpty else { continue }
                var own = Set(words(question.prompt))
                if case let .singleChoice(options) = question.kind { own.formUnion(options.filter { !$0.correct }.flatMap { words($0.text) }) }
                if case let .multipleChoice(options) = question.kind { own.formUnion(options.filter { !$0.correct }.flatMap { words($0.text) }) }
                let terms = Set(keys.flatMap(words)).filter { word in
                    word.count >= 8 && !own.contains(word) && !commonWords.contains(word) && !word.allSatisfy(\.isNumber)
                        && (documentFrequency[word] ?? 0) <= 2
                }
                for (b, other) in pool.enumerated() where b != a {
                    let otherStem = " " + words(other.prompt).joined(separator: " ") + " "
                    let phrase = keys.first { key in
                        let keyWords = words(key)
                        return keyWords.count >= 2 && keyWords.joined().count >= 8 && otherStem.contains(" " + keyWords.joined(separator: " ") + " ")
                    }
                    let term = phrase == nil ? terms.sorted().first { otherStem.contains(" \($0) ") } : nil
                    guard let words = phrase ?? term, reported.insert([question.id, other.id]).inserted else { continue }
                    found.append(Finding(
                        rule: .giveAway, pointer: pointer(other.id),
                        message: "`\(other.id)` contains “\(words)”, \(phrase == nil ? "a distinctive term of " : "")the keyed answer of `\(question.id)`; both are in exam `\(quiz.id)`'s pool",
                        hint: "reword one of them, or put them in different exam pools",
                        notes: [Note(pointer: pointer(question.id), message: "`\(question.id)` keys “\(keys.joined(separator: "”, “"))”")]))
                }
            }
        }
        return found
    }

    static func distractorFeedback(_ question: Question, _ options: [Option], _ pointer: String) -> [Finding] {
        let missing = options.enumerated().filter { !$0.element.correct && ($0.element.feedback?.isEmpty ?? true) }
        guard !missing.isEmpty else { return [] }
        let shown = missing.map { "“\($0.element.text.count > 40 ? String($0.element.text.prefix(40)) + "…" : $0.element.text)”" }
            .joined(separator: ", ")
        return [Finding(
            rule: .distractorFeedback, pointer: pointer + "/options/\(missing[0].offset)",
            message: "`\(question.id)`: \(missing.count) wrong option(s) without `feedback`: \(shown)",
            hint: "say why each wrong option is wrong; learners see it in practice")]
    }
}
