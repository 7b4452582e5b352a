import Foundation
import Testing
@testable import AttestLinkedData

/// JSON-LD expansion and toRDF with the bundled contexts: the published canonical forms of the W3C
/// and 1EdTech vectors, each supported feature, and a clear refusal of what is not held or supported.
@Suite struct JSONLDToRDFTests {
    func canonical(_ json: String) throws -> String {
        try JSONLDToRDF.canonicalNQuads(of: JSONValue.parse(json))
    }

    @Test func theVCDIEdDSAUnsignedCredentialCanonicalisesAsPublished() throws {
        let document = try Fixtures.json("eddsa-rdfc-2022/unsigned.json")
        #expect(try JSONLDToRDF.canonicalNQuads(of: document) == Fixtures.text("eddsa-rdfc-2022/canonDocDataInt.txt"))
    }

    @Test func theEmploymentCredentialCanonicalisesAsPublished() throws {
        let document = try Fixtures.json("eddsa-rdfc-2022/employmentAuth.json")
        #expect(try JSONLDToRDF.canonicalNQuads(of: document) == Fixtures.text("eddsa-rdfc-2022/employ/canonDocDataInt.txt"))
    }

    @Test func theOpenBadgesExampleCanonicalisesAsPublished() throws {
        guard case .object(var document) = try Fixtures.json("ob-3.0.3/signed.json") else { Issue.record("not an object"); return }
        document["proof"] = nil
        #expect(try JSONLDToRDF.canonicalNQuads(of: .object(document)) == Fixtures.text("ob-3.0.3/document-canon.txt"))
    }

    @Test func aContextNotHeldIsRefusedByName() throws {
        let json = #"{"@context": ["https://www.w3.org/ns/credentials/v2", "https://example.com/unknown/v1"], "type": "VerifiableCredential"}"#
        #expect(throws: JSONLDError.contextNotHeld("https://example.com/unknown/v1")) { try canonical(json) }
        let message = JSONLDError.contextNotHeld("https://example.com/unknown/v1").description
        #expect(message.contains("https://example.com/unknown/v1") && message.contains("never fetches"))
    }

    @Test func aProtectedTermCannotBeRedefined() throws {
        let json = #"{"@context": ["https://www.w3.org/ns/credentials/v2", {"name": "https://evil.example/name"}], "name": "x"}"#
        #expect(throws: JSONLDError.invalid("protected term redefinition of name")) { try canonical(json) }
    }

    @Test func unsupportedFeaturesAreRefusedNotGuessed() throws {
        #expect(throws: JSONLDError.unsupported("@reverse in a document")) {
            try canonical(#"{"@context": {"p": "http://e/p"}, "@id": "http://e/s", "@reverse": {"p": {"@id": "http://e/o"}}}"#)
        }
        #expect(throws: JSONLDError.unsupported("@container @language on term p")) {
            try canonical(#"{"@context": {"p": {"@id": "http://e/p", "@container": "@language"}}, "p": {"en": "x"}}"#)
        }
        #expect(throws: JSONLDError.unsupported("@import in a context")) {
            try canonical(#"{"@context": {"@import": "https://www.w3.org/ns/credentials/v2"}, "http://e/p": "x"}"#)
        }
    }

    @Test func valuesBecomeTypedLanguageAndJSONLiterals() throws {
        let json = #"""
        {"@context": {"@vocab": "http://e/", "ex": "http://e/ns#", "j": {"@id": "http://e/j", "@type": "@json"},
                      "d": {"@id": "http://e/d", "@type": "http://www.w3.org/2001/XMLSchema#date"},
                      "l": {"@id": "http://e/l", "@container": "@list"}, "r": {"@id": "http://e/r", "@type": "@id"}},
         "@id": "http://e/s", "ex:name": {"@value": "chat", "@language": "fr"}, "count": 5, "ratio": 0.25, "ok": true,
         "j": {"b": [1, 2.5, "x"], "a": null}, "d": "2024-01-02", "l": ["a", "b"], "r": "http://e/o", "ignored:": null}
        """#
        let expected = """
        <http://e/s> <http://e/count> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
        <http://e/s> <http://e/d> "2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date> .
        <http://e/s> <http://e/j> "{\\"a\\":null,\\"b\\":[1,2.5,\\"x\\"]}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .
        <http://e/s> <http://e/l> _:c14n0 .
        <http://e/s> <http://e/ns#name> "chat"@fr .
        <http://e/s> <http://e/ok> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
        <http://e/s> <http://e/r> <http://e/o> .
        <http://e/s> <http://e/ratio> "2.5E-1"^^<http://www.w3.org/2001/XMLSchema#double> .
        _:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "a" .
        _:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:c14n1 .
        _:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "b" .
        _:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .

        """
        #expect(try canonical(json) == expected)
    }

    @Test func aProofIsPutInItsOwnNamedGraph() throws {
        let document = try Fixtures.json("eddsa-rdfc-2022/signedDataInt.json")
        let canonical = try JSONLDToRDF.canonicalNQuads(of: document)
        #expect(canonical.contains("<https://w3id.org/security#proof> _:c14n"))
        #expect(canonical.contains("<https://w3id.org/security#cryptosuite> \"eddsa-rdfc-2022\"^^<https://w3id.org/security#cryptosuiteString> _:c14n"))
    }

    @Test func whatAProofWouldNotCoverIsRefusedNotDropped() throws {
        #expect(throws: JSONLDError.relativeIRI("relative")) {
            try canonical(#"{"@context": {"@vocab": "http://e/"}, "@id": "relative", "p": "x"}"#)
        }
        #expect(throws: JSONLDError.relativeIRI("page.html")) {
            try canonical(#"{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "VerifiableCredential", "issuer": "page.html"}"#)
        }
        #expect(throws: JSONLDError.undefinedTerm("grade")) {
            try canonical(#"{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "VerifiableCredential", "grade": "A"}"#)
        }
        #expect(throws: JSONLDError.undefinedTerm("GoldCredential")) {
            try canonical(#"{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential", "GoldCredential"]}"#)
        }
        #expect(try canonical(#"{"@context": {"p": "http://e/p", "hidden": null}, "@id": "urn:x", "p": "x", "hidden": "y"}"#)
            == "<urn:x> <http://e/p> \"x\" .\n")
        #expect(try canonical(#"{"@context": {"p": {"@id": "http://e/p", "@type": "@id"}}, "@id": "_:a", "p": "_:a"}"#)
            == "_:c14n0 <http://e/p> _:c14n0 .\n")
    }
}
