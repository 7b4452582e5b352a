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
    /// since, from the audit log's entries (`KeyringFile.auditEntries()`, whose hash chain is checked); expired
    /// ones are included (they carry their expiry, so the awarder renews them).
    static func held(_ entries: [[String: String]], device: String, learner: String) -> [CredentialAward] {
        let revoked = Set(entries.filter { $0["action"] == "revoke" }.compactMap { $0["credential"] })
        return entries.compactMap { entry in
            guard entry["action"] == "issue", entry["subject"] == device,
                  let id = entry["credential"], !revoked.contains(id),
                  let at = entry["at"].flatMap(ISODate.parse),
                  let achievement = entry["achievement"], let slash = achievement.firstIndex(of: "/") else { return nil }
            return CredentialAward(
                id: id, learner: learner, packID: String(achievement[..<slash]), packVersion: entry["packVersion"] ?? "",
                packHash: "", credentialID: String(achievement[achievement.index(after: slash)...]),
                name: entry["name"] ?? achievement, description: "", achievementType: "", criteria: "", awardedAt: at,
                expiresAt: entry["expires"].flatMap(ISODate.parse), evidence: CredentialEvidence())
        }
    }

    /// The "issue" entries that fall when `revoked` (an "issue" entry) is revoked, in the order they fall: every
    /// credential issued to the same subject, on or after its part, that names a fallen credential's achievement
    /// among its prerequisites — a stack built on a stack at any depth — with the achievement it was stacked on.
    /// A stack revoked earlier is not revoked again, but what stands on it still falls; each entry is walked once,
    /// so prerequisites that name each other in a cycle end the walk instead of looping.
    static func stackedOn(_ revoked: [String: String], in entries: [[String: String]]) -> [(entry: [String: String], part: String)] {
        let revokedBefore = Set(entries.filter { $0["action"] == "revoke" }.compactMap { $0["credential"] })
        var walked: Set = [revoked["credential"] ?? ""]
        var fallen: [(entry: [String: String], part: String)] = []
        var parts = [revoked]
        while !parts.isEmpty {
            let part = parts.removeFirst(), achievement = part["achievement"] ?? ""
            for stacked in entries where stacked["action"] == "issue" && stacked["subject"] == part["subject"]
                && (stacked["at"] ?? "") >= (part["at"] ?? "")
                && (stacked["prerequisites"] ?? "").split(separator: " ").contains(Substring(achievement)) {
                guard let credential = stacked["credential"], walked.insert(credential).inserted else { continue }
                if !revokedBefore.contains(credential) { fallen.append((stacked, achievement)) }
                parts.append(stacked)
            }
        }
        return fallen
    }

    /// The audit details of one issue: enough for `held(_:device:learner:)` to rebuild it.
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
