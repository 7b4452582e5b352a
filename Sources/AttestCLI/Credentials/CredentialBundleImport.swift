import AttestCore
import AttestCredentials
import AttestStore
import Foundation

/// Adds the credentials of an organisation's bundle (`creds issue`'s file, or a registry's answer) to the
/// learner's log exactly as signed: each must verify and be issued to this store's device key. Importing
/// the same credential again changes nothing.
struct CredentialBundleImport {
    let context: AppContext
    let store: AttestDatabase

    /// What became of one credential, as a line for the learner.
    struct Result {
        var line: String
        var refused: Bool
    }

    /// The signed credentials of a bundle, or nil when `data` is not one.
    static func tokens(in data: Data) -> [String]? {
        guard let bundle = try? CredentialJSON.parse(data), bundle["format"]?.stringValue == CredentialBundle.format,
              let tokens = bundle["credentials"]?.arrayValue else { return nil }
        return tokens.compactMap(\.stringValue)
    }

    func add(_ tokens: [String]) throws -> [Result] {
        let device = try DeviceKey.load(store).did
        let trustList = try TrustList(store: store)
        let console = context.console
        var results: [Result] = []
        for token in tokens {
            let report = CredentialVerifier.verify(
                data: Data(token.utf8), revocationCheck: trustList.revocation, now: context.clock.now(), trust: trustList.trust)
            guard report.isValid, let summary = report.credential, let issuerDID = report.issuerDID,
                  let payload = try? CredentialJSON.parse(Base64URL.decode(token.split(separator: ".")[1]) ?? Data())
            else {
                results.append(Result(
                    line: "refused  " + console.safe(report.failure.map { "\($0.name) — \($0.detail)" } ?? "not a credential"),
                    refused: true))
                continue
            }
            let credential = OpenBadgeCredential(json: payload)
            guard credential.subjectID == device else {
                results.append(Result(
                    line: "refused  " + console.safe(UntrustedText.quoted(summary.name ?? "?")) + " — issued to another device, not this store's",
                    refused: true))
                continue
            }
            let issuerName = summary.issuerName ?? issuerDID
            let added = try store.importSignedCredential(
                Self.award(credential, learner: context.learner),
                signed: SignedCredentialRecord(id: summary.id ?? "", issuerDID: issuerDID, issuerName: issuerName, jws: token))
            let vouched = report.verdict == .trusted ? "a trusted issuer" : "not on your trust list"
            results.append(Result(
                line: (added ? "imported " : "already  ") + console.safe(UntrustedText.quoted(summary.name ?? "?"))
                    + " issued by " + console.safe(UntrustedText.quoted(issuerName)) + " (\(vouched))",
                refused: false))
        }
        return results
    }

    /// The log entry for an issued credential, from what it says.
    static func award(_ credential: OpenBadgeCredential, learner: String) -> CredentialAward {
        let achievement = credential.json["credentialSubject"]?["achievement"]
        let parts = (achievement?["id"]?.stringValue ?? "").split(separator: ":").map(String.init)
        return CredentialAward(
            id: credential.id ?? "", learner: learner, packID: parts.count == 5 ? parts[3] : "issued",
            packVersion: achievement?["version"]?.stringValue ?? "", packHash: "",
            credentialID: parts.count == 5 ? parts[4] : (credential.id ?? ""), name: credential.name ?? "",
            description: credential.json["description"]?.stringValue ?? "",
            achievementType: achievement?["achievementType"]?.stringValue ?? "MicroCredential",
            criteria: achievement?["criteria"]?["narrative"]?.stringValue ?? "",
            awardedAt: credential.validFrom ?? Date(timeIntervalSince1970: 0), expiresAt: credential.validUntil,
            evidence: CredentialEvidence())
    }
}
