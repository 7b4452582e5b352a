import Crypto
import Foundation
import Testing
@testable import AttestLinkedData

/// eddsa-rdfc-2022 against the W3C vc-di-eddsa vectors (canonical forms, hashes and the signature with
/// the specification's key, byte for byte) and the 1EdTech Open Badges 3.0.3 example, plus tampering.
@Suite struct EddsaRdfc2022Tests {
    static let created = Date(timeIntervalSince1970: 1_677_281_798)  // 2023-02-24T23:36:38Z, as in the vectors

    func reproduce(folder: String, unsigned: String) throws {
        let key = try Fixtures.specKey()
        let document = try Fixtures.json(unsigned)
        let options = try Fixtures.json(folder + "/proofConfigDataInt.json")
        let data = try EddsaRdfc2022().hashData(document: document, proofOptions: options)
        #expect(data.canonicalDocument == (try Fixtures.text(folder + "/canonDocDataInt.txt")))
        #expect(data.canonicalProofOptions == (try Fixtures.text(folder + "/proofCanonDataInt.txt")))
        #expect(Fixtures.hex(data.documentHash) == (try Fixtures.text(folder + "/docHashDataInt.txt")).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(Fixtures.hex(data.proofOptionsHash) == (try Fixtures.text(folder + "/proofHashDataInt.txt")).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(Fixtures.hex(data.combined) == (try Fixtures.text(folder + "/combinedHashDataInt.txt")).trimmingCharacters(in: .whitespacesAndNewlines))
        let signature = try key.signature(for: data.combined)
        #expect(Fixtures.hex(signature) == (try Fixtures.text(folder + "/sigHexDataInt.txt")).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(Multibase.base58btc(signature) == (try Fixtures.text(folder + "/sigBTC58DataInt.txt")).trimmingCharacters(in: .whitespacesAndNewlines))
        let method = try #require(options["verificationMethod"]?.stringValue)
        let signed = try EddsaRdfc2022().sign(document, key: key, verificationMethod: method, created: Self.created)
        #expect(signed == (try Fixtures.json(folder + "/signedDataInt.json")))
    }

    @Test func theAlumniVectorReproducesByteForByte() throws {
        try reproduce(folder: "eddsa-rdfc-2022", unsigned: "eddsa-rdfc-2022/unsigned.json")
    }

    @Test func theEmploymentVectorReproducesByteForByte() throws {
        try reproduce(folder: "eddsa-rdfc-2022/employ", unsigned: "eddsa-rdfc-2022/employmentAuth.json")
    }

    @Test func theSpecKeyIsTheDIDKeyOfTheVectors() throws {
        let key = try Fixtures.specKey()
        let pair = try Fixtures.json("eddsa-rdfc-2022/keyPair.json")
        #expect(DIDKey(publicKey: key.publicKey).multibase == pair["publicKeyMultibase"]?.stringValue)
    }

    @Test func thePublishedSignedVectorsVerify() throws {
        #expect(try EddsaRdfc2022().verify(Fixtures.json("eddsa-rdfc-2022/signedDataInt.json")).hasPrefix("did:key:z6Mkr"))
        try EddsaRdfc2022().verify(Fixtures.json("eddsa-rdfc-2022/employ/signedDataInt.json"))
    }

    @Test func theOpenBadgesExampleVerifiesWithItsControllerDocument() throws {
        let signed = try Fixtures.json("ob-3.0.3/signed.json")
        let keys = DIDWeb.verificationKeys(in: try Fixtures.json("ob-3.0.3/controller.json"))
        let data = try EddsaRdfc2022().hashData(document: signed, proofOptions: signed["proof"]!)
        #expect(data.canonicalProofOptions == (try Fixtures.text("ob-3.0.3/proof-canon.txt")))
        let values = try Fixtures.json("ob-3.0.3/values.json")
        #expect(Fixtures.hex(data.combined) == values["dataToSignHex"]?.stringValue)
        let method = try EddsaRdfc2022().verify(signed) { id in keys[id].flatMap { try? $0.signingKey } }
        #expect(method.hasPrefix("https://example.edu/issuers/565049#"))
        #expect(throws: EddsaRdfc2022.Failure.unknownVerificationMethod(method)) { try EddsaRdfc2022().verify(signed) }
    }

    @Test func anyChangeAfterSigningFailsVerification() throws {
        let key = Curve25519.Signing.PrivateKey()
        let didKey = DIDKey(publicKey: key.publicKey)
        let signed = try EddsaRdfc2022().sign(
            Fixtures.json("eddsa-rdfc-2022/unsigned.json"), key: key, verificationMethod: didKey.verificationMethod, created: Self.created
        )
        #expect(try EddsaRdfc2022().verify(signed) == didKey.verificationMethod)
        guard case .object(var changed) = signed, case .object(var subject) = changed["credentialSubject"]! else { return }
        subject["alumniOf"] = .string("Another School")
        changed["credentialSubject"] = .object(subject)
        #expect(throws: EddsaRdfc2022.Failure.badSignature) { try EddsaRdfc2022().verify(.object(changed)) }
        guard case .object(var proofChanged) = signed, case .object(var proof) = signed["proof"]! else { return }
        proof["created"] = .string("2030-01-01T00:00:00Z")
        proofChanged["proof"] = .object(proof)
        #expect(throws: EddsaRdfc2022.Failure.badSignature) { try EddsaRdfc2022().verify(.object(proofChanged)) }
    }

    @Test func otherProofsAreNamedNotMisread() throws {
        let signed = try Fixtures.json("eddsa-rdfc-2022/unsigned.json")
        #expect(throws: EddsaRdfc2022.Failure.noProof) { try EddsaRdfc2022().verify(signed) }
        guard case .object(var map) = signed else { return }
        map["proof"] = .object(["type": .string("DataIntegrityProof"), "cryptosuite": .string("ecdsa-rdfc-2019")])
        #expect(throws: EddsaRdfc2022.Failure.notThisSuite("cryptosuite ecdsa-rdfc-2019")) { try EddsaRdfc2022().verify(.object(map)) }
    }
}
