/// Turns the bytes of a pack file into a `Pack`, or into every problem that stops it loading.
///
/// Authors fix packs in rounds, so one run reports everything: syntax errors stop the
/// parse (nothing after them is trustworthy), but every type, reference, consistency
/// and safety problem is collected, each with its line, column and JSON Pointer.
/// The rules are listed in `docs/pack-format.md`.
public struct PackDecoder: Sendable {
    public init() {}

    /// Decodes and validates a pack. `contentHash` (hex SHA-256 of `bytes`, computed by the caller)
    /// is stored in the pack.
    ///
    /// The questions are decoded while they are parsed (see `JSONElementStream`) when the pack
    /// lists its skills before them, as packs do; otherwise after the parse, from the tree.
    public func decode(bytes: [UInt8], file: String, contentHash: String = "") -> PackLoadResult {
        var decoding = PackDecoding(source: SourceText(bytes: bytes), file: file)
        var pack: Pack?
        do {
            pack = decoding.decodePack(try JSONParser.parse(bytes, streaming: decoding))
            if decoding.streamedTheWrongMembers {
                // Repeated `skills` or `questions` members: decode again from the whole tree.
                decoding = PackDecoding(source: SourceText(bytes: bytes), file: file)
                pack = decoding.decodePack(try JSONParser.parse(bytes))
            }
        } catch {
            let diagnostic = Diagnostic(
                severity: .error, file: file, path: "", line: error.line, column: error.column, message: error.message
            )
            return PackLoadResult(pack: nil, diagnostics: [diagnostic])
        }
        let diagnostics = decoding.finish()
        guard var pack, !diagnostics.contains(where: { $0.severity == .error }) else {
            return PackLoadResult(pack: nil, diagnostics: diagnostics)
        }
        pack.contentHash = contentHash
        return PackLoadResult(pack: pack, diagnostics: diagnostics)
    }
}

/// The fields an object of the pack format may have, built once per object kind.
struct FieldSet {
    let names: [String]
    /// The UTF-8 length of each name: comparing lengths first leaves one or two string
    /// comparisons per key instead of one per field.
    private let lengths: [Int]
    /// Indices into `names` of the fields that must be present.
    let required: [Int]

    init(_ names: [String], required: [String] = []) {
        self.names = names
        lengths = names.map(\.utf8.count)
        self.required = required.map { names.firstIndex(of: $0)! }
    }

    @inline(__always)
    func slot(of key: String) -> Int? {
        let length = key.utf8.count
        for slot in lengths.indices where lengths[slot] == length && names[slot] == key {
            return slot
        }
        return nil
    }
}

/// The members of one object slotted by a `FieldSet` (nil where absent); indices, not copies.
struct Fields: RandomAccessCollection {
    /// Member indices per slot: packed a byte each into three words for the usual small objects
    /// (no allocation per object), or an array for objects with many fields or members.
    struct Slots {
        private static let absent: UInt64 = 0xFF
        private static let capacity = 24
        private var words: (UInt64, UInt64, UInt64) = (.max, .max, .max)
        private var spill: [Int]?

        init(count: Int, memberCount: Int) {
            if count > Self.capacity || memberCount >= Int(Self.absent) {
                spill = [Int](repeating: -1, count: count)
            }
        }

        subscript(slot: Int) -> Int? {
            get {
                if let spill { return spill[slot] < 0 ? nil : spill[slot] }
                let shift = UInt64((slot & 7) << 3)
                let word = switch slot >> 3 {
                case 0: words.0
                case 1: words.1
                default: words.2
                }
                let value = (word >> shift) & Self.absent
                return value == Self.absent ? nil : Int(value)
            }
            set {
                if spill != nil {
                    spill![slot] = newValue ?? -1
                    return
                }
                let shift = UInt64((slot & 7) << 3)
                let mask = ~(Self.absent << shift)
                let bits = UInt64(newValue ?? Int(Self.absent)) << shift
                switch slot >> 3 {
                case 0: words.0 = words.0 & mask | bits
                case 1: words.1 = words.1 & mask | bits
                default: words.2 = words.2 & mask | bits
                }
            }
        }
    }

    let members: [JSONMember]
    let slots: Slots
    let count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// Whether the object has the field in `slot` (without copying the member, as `self[slot] != nil` would).
    func isPresent(_ slot: Int) -> Bool {
        slots[slot] != nil
    }

    subscript(position: Int) -> JSONMember? {
        slots[position].map { members[$0] }
    }
}

/// One step of a JSON Pointer.
enum PathComponent {
    case key(String)
    case index(Int)

    var escaped: String {
        switch self {
        case let .key(key):
            key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        case let .index(index):
            String(index)
        }
    }
}

/// The state of one decode: where we are (a JSON Pointer stack) and what was found.
///
/// A class so the many small decode steps can share the diagnostic list and path
/// stack without threading them through every call.
final class PackDecoding {
    struct Pending {
        var severity: Diagnostic.Severity
        var offset: Int
        var path: String
        var message: String
        var hint: String?
        /// Control-character reports come first among diagnostics at the same offset.
        var isControlReport = false
    }

    /// What was decoded while the parser streamed the `questions` array.
    struct StreamedQuestions {
        /// Key offsets of the `skills` member decoded first and of the streamed `questions` member.
        var skillsKeyOffset: Int
        var questionsKeyOffset: Int
        var skills: [Skill]?
        var count = 0
    }

    @exclusivity(unchecked) var source: SourceText
    let file: String
    @exclusivity(unchecked) private(set) var pending: [Pending] = []
    @exclusivity(unchecked) private(set) var errorCount = 0
    /// The JSON Pointer of the value being decoded, as components.
    @exclusivity(unchecked) var path: [PathComponent] = []

    // Facts gathered while decoding, for cross-references.
    @exclusivity(unchecked) var packID: String?
    @exclusivity(unchecked) var levels = MasteryLevels.default
    /// Skill ids seen so far, with their slot: their position in `skillOrder`.
    @exclusivity(unchecked) var skillIDs: [String: Int] = [:]
    @exclusivity(unchecked) var skillOrder: [String] = []
    @exclusivity(unchecked) var recentSkills = RecentStringSlots()
    /// Per skill slot, the index in `skills` where the skill was defined.
    @exclusivity(unchecked) var skillItems: [Int] = []
    @exclusivity(unchecked) var questionFacts: [QuestionFacts] = []
    /// The tags of all questions in `questionFacts`, one after another (read in one sweep when indexed).
    @exclusivity(unchecked) var factTags: [String] = []
    /// Per skill slot, the indices in `questionFacts` of the questions evidencing it (filled while decoding).
    @exclusivity(unchecked) var questionsBySkill: [[Int]] = []
    /// Per tag, the indices in `questionFacts` of the questions carrying it (built on first use).
    @exclusivity(unchecked) var questionsByTag: [String: [Int]] = [:]
    @exclusivity(unchecked) var tagsIndexed = false
    /// Question ids, with their index in `questionFacts`.
    @exclusivity(unchecked) var questionIDs: [String: Int] = [:]
    @exclusivity(unchecked) var quizModes: [String: Quiz.Mode] = [:]
    @exclusivity(unchecked) var quizIDs: [String: Int] = [:]
    @exclusivity(unchecked) var streamed: StreamedQuestions?
    /// The questions decoded while streaming (kept apart from `streamed` so appending stays in place).
    @exclusivity(unchecked) var streamedQuestions: [Question] = []
    /// Set when the streamed members turned out not to be the ones the pack uses (repeated keys).
    @exclusivity(unchecked) var streamedTheWrongMembers = false

    init(source: SourceText, file: String) {
        self.source = source
        self.file = file
    }

    // MARK: Reporting

    func pointer(_ extra: [PathComponent] = []) -> String {
        var text = ""
        for component in path {
            text += "/" + component.escaped
        }
        for component in extra {
            text += "/" + component.escaped
        }
        return text
    }

    func error(_ message: String, at offset: Int, _ extra: PathComponent..., hint: String? = nil) {
        errorCount += 1
        pending.append(Pending(severity: .error, offset: offset, path: pointer(extra), message: message, hint: hint))
    }

    func warning(_ message: String, at offset: Int, _ extra: PathComponent..., hint: String? = nil) {
        pending.append(Pending(severity: .warning, offset: offset, path: pointer(extra), message: message, hint: hint))
    }

    /// Reports at an explicit pointer (for checks made after the walk).
    func error(_ message: String, at offset: Int, pointer: String, hint: String? = nil) {
        errorCount += 1
        pending.append(Pending(severity: .error, offset: offset, path: pointer, message: message, hint: hint))
    }

    func warning(_ message: String, at offset: Int, pointer: String) {
        pending.append(Pending(severity: .warning, offset: offset, path: pointer, message: message, hint: nil))
    }

    /// Reports a control character in a string (see `reportControlCharacters`).
    func controlError(_ message: String, at offset: Int, pointer: String) {
        errorCount += 1
        pending.append(Pending(severity: .error, offset: offset, path: pointer, message: message, isControlReport: true))
    }

    /// Drops every diagnostic but the control-character reports.
    func keepOnlyControlReports() {
        pending.removeAll { !$0.isControlReport }
        errorCount = pending.count
    }

    @inline(__always)
    func within<T>(_ component: PathComponent, _ body: () -> T) -> T {
        path.append(component)
        defer { path.removeLast() }
        return body()
    }

    /// The diagnostics in file order, located.
    func finish() -> [Diagnostic] {
        let ordered = pending.enumerated().sorted { lhs, rhs in
            if lhs.element.offset != rhs.element.offset { return lhs.element.offset < rhs.element.offset }
            if lhs.element.isControlReport != rhs.element.isControlReport { return lhs.element.isControlReport }
            return lhs.offset < rhs.offset
        }
        return ordered.map { item in
            let found = item.element
            let location = source.location(of: found.offset)
            return Diagnostic(
                severity: found.severity, file: file, path: found.path, line: location.line, column: location.column,
                message: found.message, hint: found.hint
            )
        }
    }

    // MARK: Objects

    /// The members of an object, slotted by `set` (nil when absent). Reports a non-object,
    /// unknown fields (with did-you-mean), repeated keys and missing required fields.
    /// Returns nil when `value` is not an object.
    func fields(of value: JSONValue, _ set: FieldSet, what: String) -> Fields? {
        guard case let .object(object) = value.kind else {
            error("\(what) must be an object, found \(value.typeDescription)", at: value.offset)
            return nil
        }
        var slots = Fields.Slots(count: set.names.count, memberCount: object.members.count)
        for position in object.members.indices {
            if let slot = set.slot(of: object.members[position].key) {
                slots[slot] = position
            } else {
                let member = object.members[position]
                error(
                    "unknown field `\(member.key)`", at: member.keyOffset, .key(member.key),
                    hint: Suggestion.hint(for: member.key, in: set.names)
                )
            }
        }
        if object.hasDuplicateKeys {
            for member in object.duplicateMembers {
                error("field `\(member.key)` appears more than once", at: member.keyOffset, .key(member.key))
            }
        }
        for slot in set.required where slots[slot] == nil {
            error("missing required field `\(set.names[slot])`", at: value.offset)
        }
        return Fields(members: object.members, slots: slots, count: set.names.count)
    }

    // MARK: Scalars

    func string(_ member: JSONMember?, nonEmpty: Bool = false) -> String? {
        guard let member else { return nil }
        return string(member.value, named: member.key, component: .key(member.key), nonEmpty: nonEmpty)
    }

    /// `name` and `component` are only worked out when there is something to report.
    func string(
        _ value: JSONValue, named name: @autoclosure () -> String, component: @autoclosure () -> PathComponent, nonEmpty: Bool = false
    ) -> String? {
        guard case let .string(text) = value.kind else {
            error("`\(name())` must be a string, found \(value.typeDescription)", at: value.offset, component())
            return nil
        }
        if nonEmpty, Self.isBlank(text) {
            error("`\(name())` must not be empty", at: value.offset, component())
            return nil
        }
        return text
    }

    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x80 { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    func number(_ member: JSONMember?) -> Double? {
        guard let member else { return nil }
        guard case let .number(number) = member.value.kind else {
            error("`\(member.key)` must be a number, found \(member.value.typeDescription)", at: member.value.offset, .key(member.key))
            return nil
        }
        return number
    }

    /// A number that must be greater than zero and at most `maximum` (points, time limits, weights);
    /// `unit` names what the maximum counts ("seconds (one day)") in the message.
    func positiveNumber(_ member: JSONMember?, atMost maximum: Double, unit: String = "") -> Double? {
        guard let member, let number = number(member) else { return nil }
        guard number > 0 else {
            error("`\(member.key)` must be greater than 0, found \(Self.format(number))", at: member.value.offset, .key(member.key))
            return nil
        }
        guard number <= maximum else {
            let limit = Self.format(maximum) + (unit.isEmpty ? "" : " " + unit)
            error("`\(member.key)` must be at most \(limit), found \(Self.format(number))", at: member.value.offset, .key(member.key))
            return nil
        }
        return number
    }

    /// A number in 0...1 (thresholds).
    func fraction(_ value: JSONValue, named name: String, component: PathComponent) -> Double? {
        guard case let .number(number) = value.kind else {
            error("`\(name)` must be a number, found \(value.typeDescription)", at: value.offset, component)
            return nil
        }
        guard (0...1).contains(number) else {
            error("`\(name)` must be between 0 and 1, found \(Self.format(number))", at: value.offset, component)
            return nil
        }
        return number
    }

    func integer(_ member: JSONMember?, minimum: Int, maximum: Int = Int(1e15)) -> Int? {
        guard let member else { return nil }
        guard case let .number(number) = member.value.kind, number == number.rounded(), abs(number) < 1e15 else {
            error(
                "`\(member.key)` must be a whole number, found \(Self.describe(member.value))",
                at: member.value.offset, .key(member.key)
            )
            return nil
        }
        guard Int(number) >= minimum else {
            error("`\(member.key)` must be at least \(minimum), found \(Int(number))", at: member.value.offset, .key(member.key))
            return nil
        }
        guard Int(number) <= maximum else {
            error("`\(member.key)` must be at most \(maximum), found \(Int(number))", at: member.value.offset, .key(member.key))
            return nil
        }
        return Int(number)
    }

    func bool(_ member: JSONMember?) -> Bool? {
        guard let member else { return nil }
        guard case let .bool(flag) = member.value.kind else {
            error("`\(member.key)` must be true or false, found \(member.value.typeDescription)", at: member.value.offset, .key(member.key))
            return nil
        }
        return flag
    }

    func array(_ member: JSONMember?) -> [JSONValue]? {
        guard let member else { return nil }
        guard case let .array(items) = member.value.kind else {
            error("`\(member.key)` must be an array, found \(member.value.typeDescription)", at: member.value.offset, .key(member.key))
            return nil
        }
        return items
    }

    /// An array of strings; wrong entries are reported and skipped.
    func strings(_ member: JSONMember?, nonEmpty: Bool = false) -> [(text: String, offset: Int, index: Int)]? {
        guard let member, let items = array(member) else { return nil }
        var result: [(text: String, offset: Int, index: Int)] = []
        result.reserveCapacity(items.count)
        within(.key(member.key)) {
            for (index, item) in items.enumerated() {
                guard case let .string(text) = item.kind else {
                    error("each entry of `\(member.key)` must be a string, found \(item.typeDescription)", at: item.offset, .index(index))
                    continue
                }
                if nonEmpty, Self.isBlank(text) {
                    error("entries of `\(member.key)` must not be empty", at: item.offset, .index(index))
                    continue
                }
                result.append((text, item.offset, index))
            }
        }
        return result
    }

    /// An array of non-empty strings as plain texts: the common, valid case without per-entry
    /// bookkeeping; falls back to `strings` (which reports each bad entry) otherwise.
    func stringList(_ member: JSONMember?) -> [String]? {
        guard let member else { return nil }
        if case let .array(items) = member.value.kind {
            var texts: [String] = []
            texts.reserveCapacity(items.count)
            for item in items {
                guard case let .string(text) = item.kind, !Self.isBlank(text) else {
                    return strings(member, nonEmpty: true).map { $0.map(\.text) }
                }
                texts.append(text)
            }
            return texts
        }
        return strings(member, nonEmpty: true).map { $0.map(\.text) }
    }

    /// A slug id (`^[a-z0-9]+(-[a-z0-9]+)*$`, at most 64 characters).
    func slug(_ member: JSONMember?) -> String? {
        guard let member, let text = string(member) else { return nil }
        guard Self.isSlug(text) else {
            error(
                "`\(member.key)` \"\(text)\" is not a slug", at: member.value.offset, .key(member.key),
                hint: "use lowercase letters and digits in hyphen-separated words, at most 64 characters"
            )
            return nil
        }
        return text
    }

    static func isSlug<S: StringProtocol>(_ text: S) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isSlug) ?? isSlug(Array(text.utf8))
    }

    private static func isSlug(_ bytes: some Collection<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        var previousHyphen = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousHyphen = false
            case UInt8(ascii: "-"):
                if previousHyphen { return false }
                previousHyphen = true
            default:
                return false
            }
        }
        return !previousHyphen
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    static func describe(_ value: JSONValue) -> String {
        if case let .number(number) = value.kind { return format(number) }
        return value.typeDescription
    }

    /// "did you mean" among `candidates`, for an unknown reference.
    /// Unknown skills are not reported while the pack has no valid skill at all (that error says it all).
    func unknown(_ what: String, _ name: String, at offset: Int, _ component: PathComponent, among candidates: some Sequence<String>) {
        if what == "skill", skillOrder.isEmpty { return }
        error("unknown \(what) `\(name)`", at: offset, component, hint: Suggestion.hint(for: name, in: candidates))
    }

    /// Reports repeated and unknown skill ids among the keys of a `{ "skillId": value }` object
    /// (question weights, quiz thresholds); false when any key is wrong.
    func checkSkillKeys(_ object: JSONObject) -> Bool {
        var valid = true
        for member in object.duplicateMembers {
            error("skill `\(member.key)` appears more than once", at: member.keyOffset, .key(member.key))
            valid = false
        }
        for member in object.members where skillIDs[member.key] == nil {
            unknown("skill", member.key, at: member.keyOffset, .key(member.key), among: skillOrder)
            valid = false
        }
        return valid
    }
}
