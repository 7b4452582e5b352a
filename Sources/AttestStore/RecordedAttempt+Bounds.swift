import AttestCore
import Foundation

extension RecordedAttempt {
    /// The latest date an attempt file may hold: 9999-12-31T23:59:59Z, in seconds since 1970.
    public static let latestDate: Double = 253_402_300_799

    /// What in this attempt is outside the range Attest records (dates before 1970 or after 9999, a
    /// score outside 0…1, points outside 0…the question's, an option index or position out of range, an
    /// instance of a question the attempt did not draw or with values no template allows),
    /// one message per value; empty when it may be imported.
    ///
    /// A file exchanged between stores is untrusted: an `endedAt` of 1e19 once imported cleanly and
    /// crashed a later `creds export`, so such values are refused at the door.
    public var outOfRange: [String] {
        var problems: [String] = []
        func date(_ date: Date?, _ name: String) {
            guard let date else { return }
            let seconds = date.timeIntervalSince1970
            if !(0...Self.latestDate).contains(seconds) {
                problems.append("`\(name)` \(Self.format(seconds)) is not a date between 1970 and 9999 (seconds since 1970)")
            }
        }
        date(attempt.startedAt, "startedAt")
        date(attempt.endedAt, "endedAt")
        for (index, response) in responses.enumerated() {
            let prefix = "responses[\(index)]."
            date(response.shownAt, prefix + "shownAt")
            date(response.answeredAt, prefix + "answeredAt")
            if !(0...1).contains(response.score) {
                problems.append("`\(prefix)score` \(Self.format(response.score)) is not between 0 and 1")
            }
            if !(0...PackLimits.points).contains(response.maxPoints) {
                problems.append("`\(prefix)maxPoints` \(Self.format(response.maxPoints)) is not between 0 and \(Self.format(PackLimits.points))")
            } else if !(0...response.maxPoints).contains(response.points) {
                problems.append("`\(prefix)points` \(Self.format(response.points)) is not between 0 and its maxPoints")
            }
            if !(0..<PackLimits.draw).contains(response.position) {
                problems.append("`\(prefix)position` \(response.position) is not between 0 and \(PackLimits.draw - 1)")
            }
            if let bad = response.selection?.first(where: { !(0..<PackLimits.options).contains($0) }) {
                problems.append("`\(prefix)selection` holds \(bad), not an option index between 0 and \(PackLimits.options - 1)")
            }
            if let bad = response.skills.first(where: { !($0.weight > 0 && $0.weight <= PackLimits.skillWeight) }) {
                problems.append("`\(prefix)skills` weight \(Self.format(bad.weight)) is not between 0 and \(Self.format(PackLimits.skillWeight))")
            }
        }
        var instanced = Set<String>()
        let drawn = Set(attempt.questionIDs)
        for (index, instance) in (instances ?? []).enumerated() {
            let prefix = "instances[\(index)]."
            if !drawn.contains(instance.questionID) {
                problems.append("`\(prefix)questionID` names a question the attempt did not draw")
            } else if !instanced.insert(instance.questionID).inserted {
                problems.append("`\(prefix)questionID` repeats an earlier instance's question")
            }
            if instance.values.count > TemplateVariable.variableLimit {
                problems.append("`\(prefix)values` holds \(instance.values.count) variables, more than \(TemplateVariable.variableLimit)")
            }
            if let bad = instance.values.first(where: { !(abs($0.value) <= TemplateVariable.magnitudeLimit) }) {
                problems.append("`\(prefix)values` gives `\(bad.key)` \(Self.format(bad.value)), beyond ±\(Self.format(TemplateVariable.magnitudeLimit))")
            }
            if let options = instance.options, options.count > PackLimits.options {
                problems.append("`\(prefix)options` holds \(options.count) options, more than \(PackLimits.options)")
            }
        }
        return problems
    }

    private static func format(_ value: Double) -> String { CorrectAnswer.format(value) }
}
