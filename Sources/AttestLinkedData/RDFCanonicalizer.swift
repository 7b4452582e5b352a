import Crypto
import Foundation

/// The W3C RDF Dataset Canonicalization algorithm (RDFC-1.0) with SHA-256: gives every blank node a
/// label that depends only on the dataset's shape, so two equal datasets serialise to the same bytes
/// and a signature over the canonical N-Quads survives any relabelling or reordering.
public struct RDFCanonicalizer: Sendable {
    /// The canonicalisation gave up: the dataset needs more N-degree hashing than the bound allows
    /// (a "poison" dataset built to exhaust a verifier).
    public struct TooComplex: Error, Equatable, CustomStringConvertible {
        public let limit: Int
        public var description: String {
            "the dataset's blank nodes need more than \(limit) N-degree hash steps to canonicalise; refused as too complex"
        }
    }

    /// The most Hash N-Degree Quads calls one canonicalisation may make.
    public var maximumNDegreeCalls: Int

    public init(maximumNDegreeCalls: Int = 4_096) {
        self.maximumNDegreeCalls = maximumNDegreeCalls
    }

    /// The canonical N-Quads of `quads`.
    public func canonicalNQuads(_ quads: [RDFQuad]) throws -> String {
        NQuads.serialise(try canonicalize(quads))
    }

    /// The dataset with canonical blank node labels (`c14n0`, `c14n1`, ...).
    public func canonicalize(_ quads: [RDFQuad]) throws -> [RDFQuad] {
        var state = State(quads: Array(Set(quads)), limit: maximumNDegreeCalls)
        try state.run()
        return state.relabelled()
    }

    /// Issues identifiers with a prefix in order, remembering which existing label got which.
    struct IdentifierIssuer {
        let prefix: String
        var counter = 0
        var issued: [String: String] = [:]
        var order: [String] = []

        mutating func issue(_ label: String) -> String {
            if let id = issued[label] { return id }
            let id = prefix + String(counter)
            counter += 1
            issued[label] = id
            order.append(label)
            return id
        }
    }

    private struct State {
        let quads: [RDFQuad]
        let limit: Int
        var calls = 0
        var blankQuads: [String: [RDFQuad]] = [:]
        var canonical = IdentifierIssuer(prefix: "c14n")
        var firstDegreeCache: [String: String] = [:]

        init(quads: [RDFQuad], limit: Int) {
            self.quads = quads
            self.limit = limit
            for quad in quads {
                for (_, term) in quad.blankCandidates {
                    if let label = term?.blankLabel, blankQuads[label]?.last != quad {
                        blankQuads[label, default: []].append(quad)
                    }
                }
            }
        }

        static func sha256Hex(_ text: String) -> String {
            SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        }

        static func codePointLess(_ a: String, _ b: String) -> Bool {
            Array(a.unicodeScalars.map(\.value)).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
        }

        mutating func run() throws {
            var hashToBlanks: [String: [String]] = [:]
            for label in blankQuads.keys {
                hashToBlanks[hashFirstDegree(label), default: []].append(label)
            }
            var remaining: [(String, [String])] = []
            for hash in hashToBlanks.keys.sorted(by: Self.codePointLess) {
                let labels = hashToBlanks[hash]!
                if labels.count == 1 {
                    _ = canonical.issue(labels[0])
                } else {
                    remaining.append((hash, labels))
                }
            }
            for (_, labels) in remaining {
                var results: [(hash: String, issuer: IdentifierIssuer)] = []
                for label in labels where canonical.issued[label] == nil {
                    var temporary = IdentifierIssuer(prefix: "b")
                    _ = temporary.issue(label)
                    results.append(try hashNDegree(label, issuer: temporary))
                }
                results.sort { Self.codePointLess($0.hash, $1.hash) }
                for result in results {
                    for label in result.issuer.order { _ = canonical.issue(label) }
                }
            }
        }

        func relabelled() -> [RDFQuad] {
            func map(_ term: RDFTerm?) -> RDFTerm? {
                guard let label = term?.blankLabel else { return term }
                return .blank(canonical.issued[label]!)
            }
            return quads.map { quad in
                RDFQuad(subject: map(quad.subject)!, predicate: quad.predicate, object: map(quad.object)!, graph: map(quad.graph))
            }
        }

        mutating func hashFirstDegree(_ label: String) -> String {
            if let cached = firstDegreeCache[label] { return cached }
            func replace(_ term: RDFTerm?) -> RDFTerm? {
                guard let other = term?.blankLabel else { return term }
                return .blank(other == label ? "a" : "z")
            }
            let lines = (blankQuads[label] ?? []).map { quad in
                RDFQuad(subject: replace(quad.subject)!, predicate: quad.predicate, object: replace(quad.object)!, graph: replace(quad.graph)).nQuadsLine
            }
            let hash = Self.sha256Hex(lines.sorted(by: Self.codePointLess).joined())
            firstDegreeCache[label] = hash
            return hash
        }

        mutating func hashRelated(_ related: String, quad: RDFQuad, issuer: IdentifierIssuer, position: String) -> String {
            let identifier: String
            if let id = canonical.issued[related] {
                identifier = "_:" + id
            } else if let id = issuer.issued[related] {
                identifier = "_:" + id
            } else {
                identifier = hashFirstDegree(related)
            }
            var input = position
            if position != "g" { input += quad.predicate.nQuads }
            return Self.sha256Hex(input + identifier)
        }

        mutating func hashNDegree(_ label: String, issuer: IdentifierIssuer) throws -> (hash: String, issuer: IdentifierIssuer) {
            calls += 1
            guard calls <= limit else { throw TooComplex(limit: limit) }
            var issuer = issuer
            var related: [String: [String]] = [:]
            for quad in blankQuads[label] ?? [] {
                for (position, term) in quad.blankCandidates {
                    guard let other = term?.blankLabel, other != label else { continue }
                    let hash = hashRelated(other, quad: quad, issuer: issuer, position: position)
                    related[hash, default: []].append(other)
                }
            }
            var data = ""
            for hash in related.keys.sorted(by: Self.codePointLess) {
                data += hash
                var chosenPath = ""
                var chosenIssuer: IdentifierIssuer?
                let group = related[hash]!
                guard group.count <= Self.maximumPermutedGroup else { throw TooComplex(limit: limit) }
                for permutation in Self.permutations(group) {
                    var issuerCopy = issuer
                    var path = ""
                    var recursion: [String] = []
                    var skip = false
                    for node in permutation {
                        if let id = canonical.issued[node] {
                            path += "_:" + id
                        } else {
                            if issuerCopy.issued[node] == nil { recursion.append(node) }
                            path += "_:" + issuerCopy.issue(node)
                        }
                        if !chosenPath.isEmpty, path.count >= chosenPath.count, Self.codePointLess(chosenPath, path) {
                            skip = true
                            break
                        }
                    }
                    if skip { continue }
                    for node in recursion {
                        let result = try hashNDegree(node, issuer: issuerCopy)
                        path += "_:" + issuerCopy.issue(node)
                        path += "<" + result.hash + ">"
                        issuerCopy = result.issuer
                        if !chosenPath.isEmpty, path.count >= chosenPath.count, Self.codePointLess(chosenPath, path) {
                            skip = true
                            break
                        }
                    }
                    if skip { continue }
                    if chosenPath.isEmpty || Self.codePointLess(path, chosenPath) {
                        chosenPath = path
                        chosenIssuer = issuerCopy
                    }
                }
                data += chosenPath
                if let chosenIssuer { issuer = chosenIssuer }
            }
            return (Self.sha256Hex(data), issuer)
        }

        /// The largest set of equally-hashed related blank nodes whose orders are tried (8! = 40,320).
        static let maximumPermutedGroup = 8

        static func permutations(_ items: [String]) -> [[String]] {
            if items.count <= 1 { return [items] }
            var out: [[String]] = []
            for (i, item) in items.enumerated() {
                var rest = items
                rest.remove(at: i)
                for tail in permutations(rest) { out.append([item] + tail) }
            }
            return out
        }
    }
}
