import Crypto
import Foundation

/// The `eddsa-rdfc-2022` Data Integrity cryptosuite: Ed25519 over SHA-256(canonical proof options) ||
/// SHA-256(canonical document), both canonicalised with RDFC-1.0. This is the proof the Digital
/// Credentials Consortium verifier and Learner Credential Wallet accept.
public struct EddsaRdfc2022: Sendable {
    public static let cryptosuite = "eddsa-rdfc-2022"

    /// The intermediate values of one proof, for checking against published test vectors.
    public struct HashData: Sendable, Equatable {
        public let canonicalDocument: String
        public let canonicalProofOptions: String
        public let documentHash: [UInt8]
        public let proofOptionsHash: [UInt8]
        /// What is signed: proof options hash then document hash.
        public var combined: [UInt8] { proofOptionsHash + documentHash }
    }

    /// Why a proof does not verify.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case noProof
        case notThisSuite(String)
        case malformed(String)
        case unknownVerificationMethod(String)
        case badSignature
        case linkedData(JSONLDError)

        public var description: String {
            switch self {
            case .noProof: return "the credential has no Data Integrity proof"
            case .notThisSuite(let what): return "the proof is not DataIntegrityProof/eddsa-rdfc-2022 (\(what))"
            case .malformed(let why): return "the proof is malformed: \(why)"
            case .unknownVerificationMethod(let id): return "no key is known for the verification method \(id)"
            case .badSignature: return "the Ed25519 signature does not match the credential (it was changed after signing, or signed by another key)"
            case .linkedData(let error): return error.description
            }
        }
    }

    public var canonicalizer: RDFCanonicalizer

    public init(canonicalizer: RDFCanonicalizer = RDFCanonicalizer()) {
        self.canonicalizer = canonicalizer
    }

    /// Canonicalises and hashes an unsecured document and proof options (the proof without `proofValue`).
    public func hashData(document: JSONValue, proofOptions: JSONValue) throws -> HashData {
        guard case .object(var documentMap) = document, case .object(var options) = proofOptions else {
            throw Failure.malformed("the document and proof options must be JSON objects")
        }
        documentMap["proof"] = nil
        options["proofValue"] = nil
        if let context = documentMap["@context"] {
            if let own = options["@context"] {
                guard context.asArray.starts(with: own.asArray) else {
                    throw Failure.malformed("the proof's @context is not a prefix of the document's @context")
                }
            }
            options["@context"] = context
        }
        do {
            let canonicalDocument = try canonicalizer.canonicalNQuads(JSONLDToRDF.quads(of: .object(documentMap)))
            let canonicalOptions = try canonicalizer.canonicalNQuads(JSONLDToRDF.quads(of: .object(options)))
            return HashData(
                canonicalDocument: canonicalDocument, canonicalProofOptions: canonicalOptions,
                documentHash: Array(SHA256.hash(data: Data(canonicalDocument.utf8))),
                proofOptionsHash: Array(SHA256.hash(data: Data(canonicalOptions.utf8)))
            )
        } catch let error as JSONLDError {
            throw Failure.linkedData(error)
        }
    }

    /// The document with an embedded `DataIntegrityProof` signed by `key`.
    public func sign(
        _ document: JSONValue, key: Curve25519.Signing.PrivateKey, verificationMethod: String, created: Date,
        proofPurpose: String = "assertionMethod"
    ) throws -> JSONValue {
        guard case .object(var map) = document else { throw Failure.malformed("the document must be a JSON object") }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var proof: [String: JSONValue] = [
            "type": .string("DataIntegrityProof"),
            "cryptosuite": .string(Self.cryptosuite),
            "created": .string(formatter.string(from: created)),
            "verificationMethod": .string(verificationMethod),
            "proofPurpose": .string(proofPurpose),
        ]
        let data = try hashData(document: document, proofOptions: .object(proof))
        let signature = try key.signature(for: data.combined)
        proof["proofValue"] = .string(Multibase.base58btc(signature))
        map["proof"] = .object(proof)
        return .object(map)
    }

    /// Verifies the document's single `eddsa-rdfc-2022` proof; `resolve` gives the public key of a
    /// non-did:key verification method (a did:web or https controller document the caller holds).
    /// Returns the verification method that signed.
    @discardableResult
    public func verify(
        _ document: JSONValue, resolve: (String) -> Curve25519.Signing.PublicKey? = { _ in nil }
    ) throws -> String {
        guard let proofValue = document["proof"] else { throw Failure.noProof }
        guard case .object(let proof) = proofValue else {
            throw Failure.malformed("expected one proof object (proof sets are not supported)")
        }
        guard proof["type"] == .string("DataIntegrityProof") else {
            throw Failure.notThisSuite("type \(proof["type"]?.stringValue ?? "missing")")
        }
        guard proof["cryptosuite"] == .string(Self.cryptosuite) else {
            throw Failure.notThisSuite("cryptosuite \(proof["cryptosuite"]?.stringValue ?? "missing")")
        }
        guard let method = proof["verificationMethod"]?.stringValue else { throw Failure.malformed("no verificationMethod") }
        guard let encoded = proof["proofValue"]?.stringValue, let signature = Multibase.decodeBase58btc(encoded),
              signature.count == 64 else { throw Failure.malformed("proofValue is not a base58btc Ed25519 signature") }
        let key: Curve25519.Signing.PublicKey
        if let didKey = DIDKey(did: method), let k = try? didKey.signingKey {
            key = k
        } else if let k = resolve(method) {
            key = k
        } else {
            throw Failure.unknownVerificationMethod(method)
        }
        let data = try hashData(document: document, proofOptions: proofValue)
        guard key.isValidSignature(signature, for: data.combined) else { throw Failure.badSignature }
        return method
    }
}
