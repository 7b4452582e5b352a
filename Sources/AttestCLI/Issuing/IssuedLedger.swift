import AttestCore
import AttestCredentials
import Foundation

/// What an organisation has already issued to one learner, read back from its keyring's audit log.
///
/// `creds issue` judges each submission in a scratch store; without this ledger every batch would start
/// from nothing, so a certificate stacked on credentials issued in earlier batches could never be earned,
/// and submitting the same attempts twice would issue the same credentials twice. The audit log is the
/// organisation's own record (hash-chained, append-only), so it is the source: an "issue" entry for the
/// learner's device DID is a credential they hold, until a "revoke" entry names it or it expires.
struct IssuedLedger {
    /// The credentials issued to the holder of `device` (named `learner` in the scratch store) and not revoked
    /// since; expired ones are included (they carry their expiry, so the awarder renews them).
    static func held(auditLog path: String, device: String, learner: String) -> [CredentialAward] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var awards: [String: CredentialAward] = [:]
        var order: [String] = []
        var revoked: Set<String> = []
        for line in text.split(separator: "\n") {
            guard let entry = try? CredentialJSON.parse(Data(line.utf8)),
                  let action = entry["action"]?.stringValue, let id = entry["credential"]?.stringValue,
                  let at = entry["at"]?.stringValue.flatMap(ISODate.parse) else { continue }
            switch action {
            case "issue":
                guard entry["subject"]?.stringValue == device,
                      let achievement = entry["achievement"]?.stringValue,
                      let slash = achievement.firstIndex(of: "/") else { continue }
                if awards[id] == nil { order.append(id) }
                awards[id] = CredentialAward(
                    id: id, learner: learner, packID: String(achievement[..<slash]),
                    packVersion: entry["packVersion"]?.stringValue ?? "", packHash: "",
                    credentialID: String(achievement[achievement.index(after: slash)...]),
                    name: entry["name"]?.stringValue ?? achievement, description: "", achievementType: "",
                    criteria: "", awardedAt: at, expiresAt: entry["expires"]?.stringValue.flatMap(ISODate.parse),
                    evidence: CredentialEvidence())
            case "revoke":
                revoked.insert(id)
            default:
                continue
            }
        }
        return order.filter { !revoked.contains($0) }.compactMap { awards[$0] }
    }

    /// The audit details of one issue: enough for `held(auditLog:device:learner:)` to rebuild it.
    static func auditDetails(
        _ award: CredentialAward, learner: String, device: String, submissionDigest: String
    ) -> [String: String] {
        var details = [
            "credential": award.id, "achievement": award.qualifiedID, "name": award.name,
            "packVersion": award.packVersion, "learner": learner, "subject": device,
            "submission": "sha256:" + submissionDigest,
        ]
        if let expiresAt = award.expiresAt { details["expires"] = ISODate.format(expiresAt) }
        if !award.evidence.prerequisites.isEmpty { details["prerequisites"] = award.evidence.prerequisites.joined(separator: " ") }
        return details
    }
}
