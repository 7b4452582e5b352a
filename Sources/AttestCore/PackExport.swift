import Foundation

/// The question-bank formats `pack export` writes, so a bank authored or fixed in Attest can go
/// to an LMS: Moodle's GIFT and XML, Aiken, and QTI 1.2 (Canvas and other LMSes).
///
/// Each writer is pure (a pack in, text out) and lists everything the format cannot carry,
/// per question, one line each, so nothing is lost silently.
public enum PackExportFormat: String, Sendable, Hashable, CaseIterable {
    case gift
    case aiken
    case moodleXML = "moodle-xml"
    case qti12

    /// The file name extension a written bank gets.
    public var fileExtension: String {
        switch self {
        case .gift: "gift"
        case .aiken: "txt"
        case .moodleXML: "xml"
        case .qti12: "qti.xml"
        }
    }

    /// The bank text for `pack` and what it leaves behind.
    public func export(_ pack: Pack) -> PackExport {
        let fixed = ExportSource(pack)
        switch self {
        case .gift: return GIFTWriter.write(fixed)
        case .aiken: return AikenWriter.write(fixed)
        case .moodleXML: return MoodleXMLWriter.write(fixed)
        case .qti12:
            var export = QTIWriter.write(fixed)
            let path = "\(pack.id)/\(pack.id).xml"
            export.manifest = QTIWriter.manifest(packID: pack.id, assessmentPath: path)
            export.packagePath = path
            return export
        }
    }
}

/// A written bank: its text, how many questions it holds and what it could not carry.
public struct PackExport: Sendable, Hashable {
    public var text: String
    /// For QTI, the content-package manifest that goes with `text` (at `packagePath`) in a zip; nil otherwise.
    public var manifest: String?
    /// Where `text` goes inside such a package.
    public var packagePath: String?
    public var questionCount: Int
    /// One note per question (or for the pack as a whole) that lost something, in pack order.
    public var notes: [ExportNote]
}

/// What one question (or the pack itself, when `questionID` is nil) lost in an export.
public struct ExportNote: Sendable, Hashable, CustomStringConvertible {
    public var questionID: String?
    /// Whether the question was left out altogether (`lost` then says why).
    public var skipped: Bool
    /// What was not carried (or, when skipped, why), in the order found.
    public var lost: [String]

    public init(questionID: String?, skipped: Bool = false, lost: [String]) {
        self.questionID = questionID
        self.skipped = skipped
        self.lost = lost
    }

    public var description: String {
        let subject = questionID.map { "question \($0)" } ?? "pack"
        return subject + (skipped ? ": skipped: " : ": not carried: ") + lost.joined(separator: "; ")
    }
}

/// The pack as the writers see it: parameterised questions replaced by one fixed instance
/// (their variables cannot travel), remembered so the notes can say so.
struct ExportSource {
    let pack: Pack
    let parameterised: Set<String>

    init(_ pack: Pack) {
        let templated = pack.questions.filter { $0.template != nil }.map(\.id)
        self.pack = templated.isEmpty ? pack : pack.instantiated(seed: ExportSource.instanceSeed, questionIDs: templated)
        parameterised = Set(templated)
    }

    /// The seed whose instance of a parameterised question is written.
    static let instanceSeed: UInt64 = 1

    /// The skill a question is filed under: its first (the formats hold one category per question).
    func primarySkill(of question: Question) -> Skill? {
        question.skills.first.flatMap { pack.skill($0.skill) }
    }
}

/// Collects, for one question, what a format cannot carry: the shared fields every writer
/// checks (difficulty, pool, source, time limit, ...) plus the format's own losses.
struct ExportGaps {
    private(set) var lost: [String] = []

    /// What the formats can hold beyond question text, options and keys.
    struct Capabilities {
        var points = false
        var explanation = true
        var optionFeedback = true
        var tags = true
        var numericUnit = false
    }

    init(_ question: Question, in source: ExportSource, can: Capabilities) {
        if source.parameterised.contains(question.id) {
            lost.append("variables (written as the instance seed \(ExportSource.instanceSeed) draws)")
        }
        // The first skill travels as the question's category (or, where there are none, is noted for the pack).
        let extra = question.skills.dropFirst()
        if !extra.isEmpty { lost.append("skill " + extra.map(\.skill).joined(separator: ", ")) }
        if question.skills.count > 1 || question.skills.contains(where: { $0.weight != 1 }) {
            lost.append("skill weights")
        }
        if question.difficultyStated || question.difficulty != .medium { lost.append("difficulty \(question.difficulty.rawValue)") }
        if question.pool != .shared { lost.append("pool \(question.pool.rawValue)") }
        if let seconds = question.timeLimit { lost.append("time limit \(CorrectAnswer.format(seconds)) s") }
        if !can.points, question.points != 1 { lost.append("points \(CorrectAnswer.format(question.points))") }
        if let source = question.source { lost.append("source (\(source.reference))") }
        if let kind = question.itemKind { lost.append("item kind \(kind.rawValue)") }
        if !can.explanation, question.explanation != nil { lost.append("explanation") }
        if !can.tags, !question.tags.isEmpty { lost.append("tags") }
        switch question.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            if !can.optionFeedback, options.contains(where: { $0.feedback != nil }) { lost.append("option feedback") }
        case let .numeric(key):
            if !can.numericUnit, let unit = key.unit { lost.append("unit \(unit)") }
        case .trueFalse, .shortText, .ordering:
            break
        }
    }

    /// Gaps for a question left out altogether: only the reason.
    static func skipped(_ reason: String) -> ExportGaps {
        var gaps = ExportGaps()
        gaps.add(reason)
        return gaps
    }

    private init() {}

    mutating func add(_ what: String) { lost.append(what) }

    func note(for question: Question) -> ExportNote? {
        lost.isEmpty ? nil : ExportNote(questionID: question.id, lost: lost)
    }
}

/// Pack-level notes every writer shares: quizzes (with their time limits), credentials, blueprint.
enum PackLevelGaps {
    static func note(_ pack: Pack, also: [String] = []) -> ExportNote? {
        var lost: [String] = []
        if !pack.quizzes.isEmpty {
            let timed = pack.quizzes.filter { $0.timeLimit != nil || $0.questionTimeLimit != nil }.count
            lost.append("\(pack.quizzes.count) quiz\(pack.quizzes.count == 1 ? "" : "zes")"
                + (timed > 0 ? " (\(timed) with time limits)" : ""))
        }
        if !pack.credentials.isEmpty { lost.append("\(pack.credentials.count) credential\(pack.credentials.count == 1 ? "" : "s")") }
        if pack.blueprint != nil { lost.append("blueprint") }
        lost += also
        return lost.isEmpty ? nil : ExportNote(questionID: nil, lost: lost)
    }
}

/// Moodle's list of answer grades, which its XML import insists on (a fraction not on the list is refused).
enum MoodleGrades {
    static let allowed: [Double] = [
        100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0,
    ]

    /// `fraction` (1 = full credit) as Moodle writes a percentage: at most 5 decimals, no trailing zeros.
    static func percent(_ fraction: Double) -> String {
        CorrectAnswer.format((fraction * 100 * 1e5).rounded() / 1e5)
    }

    /// Whether Moodle accepts `fraction` (positive or negative) as an answer grade.
    static func accepts(_ fraction: Double) -> Bool {
        allowed.contains { abs($0 - abs(fraction) * 100) < 0.0001 }
    }

    /// The weights that make Moodle score a select-all-that-apply question the way Attest does:
    /// each correct option +1/k, each wrong option −1/w (clamped to 0…1 by both).
    static func multipleWeights(_ options: [Option]) -> [Double] {
        let correct = options.filter(\.correct).count
        let wrong = options.count - correct
        return options.map { $0.correct ? 1 / Double(max(correct, 1)) : -1 / Double(max(wrong, 1)) }
    }
}
