import Foundation

/// One parameterised question as one attempt showed it: the values drawn for its variables and the
/// prompt, options, explanation and numeric key they rendered.
///
/// It is journaled with the attempt before the first question is shown, and resuming, reviewing,
/// exporting and re-scoring read it back instead of drawing again, so the learner's numbers stay the
/// learner's even if a later Attest drew or rendered instances differently.
public struct InstanceRecord: Sendable, Hashable, Codable {
    public var questionID: String
    /// Variable name → value.
    public var values: [String: Double]
    public var prompt: String
    /// The rendered option texts of a choice question, in pack order.
    public var options: [String]?
    /// The rendered option feedback, in pack order (nil where an option has none).
    public var feedback: [String?]?
    public var explanation: String?
    /// The key a numeric question's `answer` expression computed.
    public var answer: Double?

    public init(
        questionID: String, values: [String: Double], prompt: String, options: [String]? = nil,
        feedback: [String?]? = nil, explanation: String? = nil, answer: Double? = nil
    ) {
        self.questionID = questionID
        self.values = values
        self.prompt = prompt
        self.options = options
        self.feedback = feedback
        self.explanation = explanation
        self.answer = answer
    }

    /// The record of `instance` of `question`: its texts rendered and its key computed; nil when the
    /// question is fixed or the instance cannot be rendered (validation proves every instance can).
    public init?(question: Question, instance: QuestionInstance) {
        guard question.template != nil, let rendered = try? instance.apply(to: question) else { return nil }
        self.init(questionID: question.id, values: instance.values, prompt: rendered.prompt, explanation: rendered.explanation)
        switch rendered.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            self.options = options.map(\.text)
            feedback = options.map(\.feedback)
        case let .numeric(key):
            switch key.target {
            case let .absolute(value, _), let .relative(value, _): answer = value
            case .range: break
            }
        default:
            break
        }
    }

    /// `question` as this record shows it; nil when the record does not fit the question (another
    /// question, or another number of options).
    public func applied(to question: Question) -> Question? {
        guard question.id == questionID else { return nil }
        var result = question
        result.prompt = prompt
        result.explanation = explanation
        switch question.kind {
        case let .singleChoice(original), let .multipleChoice(original):
            guard let options, options.count == original.count, feedback.map({ $0.count == original.count }) ?? true else {
                return nil
            }
            let rendered = original.enumerated().map { index, option in
                Option(text: options[index], correct: option.correct, feedback: feedback?[index] ?? nil)
            }
            if case .singleChoice = question.kind { result.kind = .singleChoice(rendered) } else { result.kind = .multipleChoice(rendered) }
        case let .numeric(key):
            guard let answer else { return result }
            result.kind = .numeric(key.centred(on: answer))
        default:
            break
        }
        return result
    }
}

extension Pack {
    /// The instances an attempt with `seed` draws for the parameterised questions among `questionIDs`,
    /// in that order; `journaled` instances (from the attempt's journal) are kept as they are.
    public func instances(seed: UInt64, questionIDs: [String], journaled: [InstanceRecord] = []) -> [InstanceRecord] {
        let kept = Dictionary(journaled.map { ($0.questionID, $0) }) { first, _ in first }
        let wanted = Set(questionIDs)
        var templates: [String: Question] = [:]
        for question in questions where question.template != nil && wanted.contains(question.id) && templates[question.id] == nil {
            templates[question.id] = question
        }
        guard !templates.isEmpty else { return [] }
        var seen = Set<String>()
        var result: [InstanceRecord] = []
        for id in questionIDs where seen.insert(id).inserted {
            guard let question = templates[id] else { continue }
            if let record = kept[id] {
                result.append(record)
            } else if let instance = QuestionInstance.instance(of: question, seed: seed),
                      let record = InstanceRecord(question: question, instance: instance) {
                result.append(record)
            }
        }
        return result
    }

    /// The pack with each question named by `instances` shown as its record says.
    public func applying(_ instances: [InstanceRecord]) -> Pack {
        guard !instances.isEmpty else { return self }
        let byID = Dictionary(instances.map { ($0.questionID, $0) }) { first, _ in first }
        var result = self
        for index in questions.indices {
            guard let record = byID[questions[index].id], let applied = record.applied(to: questions[index]) else { continue }
            result.questions[index] = applied
        }
        return result
    }
}

extension NumericKey {
    /// The key with its expected value replaced by `value` (a parameterised question's computed key), tolerance kept.
    func centred(on value: Double) -> NumericKey {
        var computed = self
        switch target {
        case let .absolute(_, tolerance): computed.target = .absolute(value: value, tolerance: tolerance)
        case let .relative(_, tolerance): computed.target = .relative(value: value, tolerance: tolerance)
        case .range: break
        }
        return computed
    }
}
