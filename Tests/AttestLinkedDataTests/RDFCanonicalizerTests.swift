import Foundation
import Testing
@testable import AttestLinkedData

/// RDFC-1.0 against the W3C rdf-canon test suite (Fixtures/rdf-canon): every SHA-256 evaluation test
/// reproduces its expected canonical N-Quads byte for byte, and the poison clique is refused.
@Suite struct RDFCanonicalizerTests {
    struct Entry: Sendable, CustomStringConvertible {
        let id: String
        let name: String
        let action: String
        let result: String?
        let negative: Bool
        var description: String { "\(id) \(name)" }
    }

    static let entries: [Entry] = {
        guard let manifest = try? Fixtures.json("rdf-canon/manifest.jsonld") else { return [] }
        return (manifest["entries"]?.arrayValue ?? []).compactMap { entry in
            guard let type = entry["type"]?.stringValue, let id = entry["id"]?.stringValue,
                  let action = entry["action"]?.stringValue,
                  entry["hashAlgorithm"] == nil || entry["hashAlgorithm"] == .string("SHA256") else { return nil }
            guard type == "rdfc:RDFC10EvalTest" || type == "rdfc:RDFC10NegativeEvalTest" else { return nil }
            return Entry(
                id: id, name: entry["name"]?.stringValue ?? "", action: action, result: entry["result"]?.stringValue,
                negative: type == "rdfc:RDFC10NegativeEvalTest"
            )
        }
    }()

    @Test func theManifestIsVendored() {
        #expect(Self.entries.count >= 60)
    }

    @Test(arguments: entries.filter { !$0.negative })
    func reproducesTheExpectedCanonicalForm(_ entry: Entry) throws {
        let input = try NQuads.parse(Fixtures.text("rdf-canon/" + entry.action))
        let expected = try Fixtures.text("rdf-canon/" + entry.result!)
        #expect(try RDFCanonicalizer().canonicalNQuads(input) == expected)
    }

    @Test(arguments: entries.filter(\.negative))
    func refusesPoisonDatasets(_ entry: Entry) throws {
        let input = try NQuads.parse(Fixtures.text("rdf-canon/" + entry.action))
        #expect(throws: RDFCanonicalizer.TooComplex.self) { try RDFCanonicalizer().canonicalNQuads(input) }
    }

    @Test func relabellingAndReorderingDoNotChangeTheCanonicalForm() throws {
        let a = try NQuads.parse("_:x <http://e/p> _:y .\n_:y <http://e/q> \"v\" .\n_:x <http://e/r> <http://e/o> .\n")
        let b = try NQuads.parse("_:q <http://e/r> <http://e/o> .\n_:other <http://e/q> \"v\" .\n_:q <http://e/p> _:other .\n")
        #expect(try RDFCanonicalizer().canonicalNQuads(a) == RDFCanonicalizer().canonicalNQuads(b))
        let c = try NQuads.parse("_:q <http://e/r> <http://e/o> .\n_:other <http://e/q> \"w\" .\n_:q <http://e/p> _:other .\n")
        #expect(try RDFCanonicalizer().canonicalNQuads(a) != RDFCanonicalizer().canonicalNQuads(c))
    }
}
