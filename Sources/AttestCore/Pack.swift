import Foundation

/// An assessment pack: the unit an instructor writes and a learner loads.
///
/// A pack is plain data, produced by `PackDecoder` from JSON and never mutated by
/// the engine. Everything that refers to a pack later (attempts, credentials)
/// records its `id`, `version` and `contentHash`, so editing a pack never
/// rewrites history.
public struct Pack: Sendable, Hashable, Codable {
    /// The pack format versions this build understands.
    public static let supportedFormats: [Int] = [1]

    public var format: Int
    public var id: String
    public var version: SemanticVersion
    public var title: String
    public var description: String
    public var authors: [String]
    public var license: String
    public var language: String
    /// Mastery thresholds on a 0...1 competency scale; the pack may override the defaults.
    public var levels: MasteryLevels
    public var skills: [Skill]
    public var questions: [Question]
    public var quizzes: [Quiz]
    public var credentials: [CredentialDefinition]
    /// The domains the pack covers, with their skills and weights (checked by `pack stats`).
    public var blueprint: Blueprint?
    /// Hex SHA-256 of the exact bytes the pack was loaded from ("" when built in code).
    public var contentHash: String

    public init(
        format: Int = 1, id: String, version: SemanticVersion, title: String, description: String = "",
        authors: [String] = [], license: String = "", language: String = "en",
        levels: MasteryLevels = .default, skills: [Skill], questions: [Question],
        quizzes: [Quiz] = [], credentials: [CredentialDefinition] = [], blueprint: Blueprint? = nil, contentHash: String = ""
    ) {
        self.format = format
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.authors = authors
        self.license = license
        self.language = language
        self.levels = levels
        self.skills = skills
        self.questions = questions
        self.quizzes = quizzes
        self.credentials = credentials
        self.blueprint = blueprint
        self.contentHash = contentHash
    }

    public func skill(_ id: String) -> Skill? { skills.first { $0.id == id } }
    /// One question by id: a linear search, fine for one lookup; loops over many ids use `questionsByID()`.
    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }
    /// Every question by id (the first of a duplicated id, as `question(_:)` finds), built in one pass.
    public func questionsByID() -> [String: Question] {
        Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
    public func quiz(_ id: String) -> Quiz? { quizzes.first { $0.id == id } }
    public func credential(_ id: String) -> CredentialDefinition? { credentials.first { $0.id == id } }
}

/// A skill a pack assesses; competency is estimated per skill.
public struct Skill: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var description: String

    public init(id: String, name: String, description: String = "") {
        self.id = id
        self.name = name
        self.description = description
    }
}

/// How hard a question is; harder questions carry more evidence (see `Scoring`).
public enum Difficulty: String, Sendable, Hashable, Codable, CaseIterable {
    case easy, medium, hard
}

/// The thresholds (0...1) at which an estimated competency reaches each mastery level.
///
/// Below `developing` a learner is a novice. Packs may set their own values.
public struct MasteryLevels: Sendable, Hashable, Codable {
    public var developing: Double
    public var proficient: Double
    public var expert: Double

    public static let `default` = MasteryLevels(developing: 0.4, proficient: 0.7, expert: 0.9)

    public init(developing: Double, proficient: Double, expert: Double) {
        self.developing = developing
        self.proficient = proficient
        self.expert = expert
    }

    /// The level reached by a competency value.
    public func level(for value: Double) -> MasteryLevel {
        if value >= expert { return .expert }
        if value >= proficient { return .proficient }
        if value >= developing { return .developing }
        return .novice
    }

    /// The lowest competency value that reaches `level`.
    public func threshold(for level: MasteryLevel) -> Double {
        switch level {
        case .novice: 0
        case .developing: developing
        case .proficient: proficient
        case .expert: expert
        }
    }
}

/// Named steps of competency, ordered from least to most.
public enum MasteryLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case novice, developing, proficient, expert

    public static func < (lhs: MasteryLevel, rhs: MasteryLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A `MAJOR.MINOR.PATCH[-prerelease]` version, ordered by semantic-versioning precedence.
public struct SemanticVersion: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    public var prerelease: String?

    public init(major: Int, minor: Int, patch: Int, prerelease: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
    }

    /// Parses `1.2.3` or `1.2.3-beta.1`; returns nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let numbers = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3 else { return nil }
        var values: [Int] = []
        for number in numbers {
            guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber),
                  number.count == 1 || number.first != "0", let value = Int(number)
            else { return nil }
            values.append(value)
        }
        var pre: String?
        if parts.count == 2 {
            let tail = String(parts[1])
            guard !tail.isEmpty,
                  tail.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
            else { return nil }
            pre = tail
        }
        self.init(major: values[0], minor: values[1], patch: values[2], prerelease: pre)
    }

    public var description: String {
        "\(major).\(minor).\(patch)" + (prerelease.map { "-\($0)" } ?? "")
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        switch (lhs.prerelease, rhs.prerelease) {
        case (nil, nil), (nil, _): return false
        case (_, nil): return true
        case let (l?, r?): return l.compare(r, options: .numeric) == .orderedAscending
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let version = SemanticVersion(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a semantic version: \(text)"))
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
