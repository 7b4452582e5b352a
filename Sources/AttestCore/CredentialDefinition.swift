import Foundation

/// A micro-credential a pack offers, and the rules for earning it.
public struct CredentialDefinition: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var description: String
    /// An Open Badges 3.0 achievement type: `Badge`, `Certificate`, `MicroCredential`, ...
    public var achievementType: String
    public var criteria: CredentialCriteria
    /// Days a credential stays valid after it is awarded; nil never expires.
    public var validForDays: Int?
    /// A PNG or SVG file inside the pack's folder, relative to the pack file.
    public var image: String?

    public init(
        id: String, name: String, description: String, achievementType: String = "MicroCredential",
        criteria: CredentialCriteria, validForDays: Int? = nil, image: String? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.achievementType = achievementType
        self.criteria = criteria
        self.validForDays = validForDays
        self.image = image
    }
}

/// What a learner must show to earn a credential. All parts must hold.
public struct CredentialCriteria: Sendable, Hashable, Codable {
    /// The minimum mastery level per skill of this pack, judged on the lower bound of the estimate.
    public var skills: [String: MasteryLevel]
    /// Exam quizzes of this pack that must have been passed.
    public var quizzes: [String]
    /// Credentials that must be held first: `credentialId` in this pack or `packId/credentialId`.
    public var credentials: [String]

    public init(skills: [String: MasteryLevel] = [:], quizzes: [String] = [], credentials: [String] = []) {
        self.skills = skills
        self.quizzes = quizzes
        self.credentials = credentials
    }
}
