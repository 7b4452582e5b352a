import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Every shipped pack exported and imported back: pack → GIFT → pack and pack → Moodle XML → pack
/// keep each question the format can express equal (id, prompt, key, weights, tolerances,
/// feedback, explanation, tags; for Moodle XML also points and skill), and every loss is noted.
@Suite("PackRoundTrip")
struct PackRoundTripTests {
    static let formats: [(PackExportFormat, PackImportFormat)] = [(.gift, .gift), (.moodleXML, .moodleXML)]

    @Test(arguments: ShippedPacks.paths, [0, 1])
    func shippedPackComesBack(path: String, formatIndex: Int) throws {
        let (exportFormat, importFormat) = Self.formats[formatIndex]
        let data = try #require(FileManager.default.contents(atPath: path))
        let original = try #require(PackDecoder().decode(bytes: [UInt8](data), file: path).pack)
        // Parameterised questions travel as the instance the exporter writes (and say so).
        let pack = original.instantiated(seed: 1, questionIDs: original.questions.map(\.id))
        let export = exportFormat.export(original)
        let result = try importFormat.importPack(export.text, id: original.id)
        let back = try GIFTImporterTests.load(result)
        #expect(result.issues.isEmpty, "\(result.issues.prefix(5))")
        let skipped = Set(export.notes.filter(\.skipped).compactMap(\.questionID))
        #expect(back.questions.count + skipped.count == pack.questions.count)
        for question in pack.questions where !skipped.contains(question.id) {
            let copy = try #require(back.question(question.id), "\(question.id) is missing")
            #expect(copy.prompt == question.prompt, "\(question.id)")
            #expect(copy.explanation == question.explanation, "\(question.id)")
            #expect(copy.tags == question.tags, "\(question.id)")
            #expect(Self.sameKey(copy.kind, question.kind, units: exportFormat == .moodleXML), "\(question.id): \(copy.kind) vs \(question.kind)")
            if exportFormat == .moodleXML {
                #expect(copy.points == question.points, "\(question.id)")
                #expect(copy.skills.first?.skill == question.skills.first?.skill, "\(question.id)")
            }
        }
        for question in pack.questions where question.kind.typeName == "ordering" {
            #expect(skipped.contains(question.id) == (exportFormat == .gift))
        }
    }

    /// Keys equal as scoring sees them: the same options (text, key, feedback), the same accepted
    /// numbers (a range and its midpoint ± half-width agree; units only where the format has them),
    /// the same accepted texts in any order.
    static func sameKey(_ a: Question.Kind, _ b: Question.Kind, units: Bool) -> Bool {
        switch (a, b) {
        case let (.numeric(x), .numeric(y)):
            let (xl, xh) = interval(x.target)
            let (yl, yh) = interval(y.target)
            let scale = max(1, abs(xl), abs(xh))
            return abs(xl - yl) <= 1e-9 * scale && abs(xh - yh) <= 1e-9 * scale && (!units || x.unit == y.unit)
        case let (.shortText(x), .shortText(y)):
            // Patterns that are not `*` wildcards cannot travel (the exporter notes them).
            return Set(x.accept) == Set(y.accept) && (x.pattern == y.pattern || x.pattern == nil || y.pattern == nil)
        default:
            return a == b
        }
    }

    static func interval(_ target: NumericKey.Target) -> (Double, Double) {
        switch target {
        case let .absolute(value, tolerance): (value - tolerance, value + tolerance)
        case let .relative(value, tolerance): (value - abs(value) * tolerance, value + abs(value) * tolerance)
        case let .range(low, high): (low, high)
        }
    }
}
