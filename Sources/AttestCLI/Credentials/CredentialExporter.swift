import AttestCore
import AttestCredentials
import AttestStore
import Foundation

/// Turns an awarded credential into the signed forms people share: a VC-JWT, a JSON file
/// holding it, a baked PNG or SVG badge.
struct CredentialExporter {
    let context: AppContext

    enum Format: String, CaseIterable {
        case jwt, json, png, svg
    }

    /// The signed Open Badges 3.0 credential for `award`, as a compact JWS, and its payload: exactly as it was
    /// signed when awarded (or issued), never re-signed with today's issuer name or learner identity. An award
    /// from before credentials were sealed is sealed now, once.
    func sign(_ award: CredentialAward) throws -> (jws: String, credential: OpenBadgeCredential) {
        let store = try context.store()
        if try store.signedCredential(award.id) == nil, try store.linkedDataCredential(award.id) != nil {
            throw ExportError.linkedDataOnly(award.id)
        }
        let signed = try store.signedCredential(award.id) ?? seal(award)
        guard let payload = signed.jws.split(separator: ".").dropFirst().first.flatMap({ Base64URL.decode($0) }) else {
            throw ExportError.unreadableSignedCredential(award.id)
        }
        return (signed.jws, VCJWT.credential(fromPayload: try CredentialJSON.parse(payload)))
    }

    /// Signs one of this store's own awards as self-assessed, with the learner's identity as it is now, and keeps it.
    @discardableResult
    func seal(_ award: CredentialAward) throws -> SignedCredentialRecord {
        let (jws, _) = try makeSigned(award)
        let issuer = try Issuer.load(context)
        return try context.store().sealCredential(
            SignedCredentialRecord(id: award.id, issuerDID: issuer.key.did, issuerName: issuer.name, jws: jws))
    }

    private func makeSigned(_ award: CredentialAward) throws -> (jws: String, credential: OpenBadgeCredential) {
        let issuer = try Issuer.load(context)
        let learner = try context.store().learner(award.learner)
        let identity = LearnerIdentity(name: award.learner, email: learner?.email, did: learner?.did)
        let credential = try OpenBadgeCredential(
            award: award, learner: identity, issuer: issuer.profile, salt: OpenBadgeCredential.makeSalt())
        return (try VCJWT.sign(credential, with: issuer.key), credential)
    }

    /// The bytes of `award` exported in `format`.
    func export(_ award: CredentialAward, as format: Format) throws -> Data {
        let (jws, credential) = try sign(award)
        let face = BadgeFace(
            name: credential.name ?? award.name, kind: credential.issuerKind,
            issuerName: credential.json["issuer"]?["name"]?.stringValue,
            validFrom: credential.validFrom ?? award.awardedAt)
        switch format {
        case .jwt:
            return Data((jws + "\n").utf8)
        case .json:
            let payload = try JSONSerialization.jsonObject(with: credential.json.data)
            let wrapper: [String: Any] = ["jwt": jws, "credential": payload]
            return try JSONSerialization.data(withJSONObject: wrapper, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        case .png:
            return try BadgeBaker.bakePNG(try packImage(for: award, ofType: "png"), jws: jws, face: face, seed: award.qualifiedID)
        case .svg:
            let image = try packImage(for: award, ofType: "svg").map { String(decoding: $0, as: UTF8.self) }
            return Data(try BadgeBaker.bakeSVG(image, jws: jws, face: face, name: award.name, seed: award.qualifiedID).utf8)
        }
    }

    /// The pack's own image for the credential when it has one of this type, read safely:
    /// the path must stay inside the pack's folder, symbolic links included.
    private func packImage(for award: CredentialAward, ofType type: String) throws -> Data? {
        guard let pack = context.library.pack(award.packID),
              let image = pack.credential(award.credentialID)?.image, image.lowercased().hasSuffix("." + type),
              let packPath = context.library.path(of: pack)
        else { return nil }
        let folder = URL(fileURLWithPath: packPath).deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL
        let file = folder.appendingPathComponent(image).resolvingSymlinksInPath().standardizedFileURL
        guard file.path.hasPrefix(folder.path + "/") else { throw ExportError.imageOutsidePack(image) }
        guard let data = FileManager.default.contents(atPath: file.path) else { throw ExportError.imageUnreadable(image) }
        return data
    }
}

/// Why a credential could not be exported.
enum ExportError: LocalizedError {
    case imageOutsidePack(String)
    case imageUnreadable(String)
    case unreadableSignedCredential(String)
    case linkedDataOnly(String)

    var errorDescription: String? {
        switch self {
        case let .imageOutsidePack(path):
            "The pack's badge image '\(TerminalText.quoted(path))' points outside the pack's folder; it was not read."
        case let .unreadableSignedCredential(id):
            "The signed form of \(id) in the store cannot be read; the store may be damaged ('attest store check')."
        case let .linkedDataOnly(id):
            "\(id) was issued with a Data Integrity proof only; export it with --format ldp."
        case let .imageUnreadable(path):
            "The pack's badge image '\(TerminalText.quoted(path))' cannot be read."
        }
    }
}
