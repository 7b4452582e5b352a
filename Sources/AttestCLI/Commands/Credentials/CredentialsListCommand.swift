import ArgumentParser
import AttestCore
import AttestStore
import Foundation

/// `creds list`: name, pack, earned, expires, status and issuer of every credential in the log.
struct CredentialsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List your credentials: name, pack, earned, expires, status, and who vouches (self-assessed or the issuer)."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON (the whole log, evidence included).")
    var json = false

    @Flag(help: "Print CSV.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("Choose one of --json and --csv.") }
    }

    func run() throws {
        let context = global.context()
        let now = context.clock.now()
        let console = context.console
        if json {
            let store = try context.store()
            let issuers = try CredentialIssuers(store: store, learner: context.learner)
            console.line(try CredentialLog.json(try store.credentials(learner: context.learner), issuers: issuers, now: now))
            return
        }
        if csv {
            // CSV needs no evidence: read only its columns (fast with 100,000 credentials).
            let store = try context.store()
            let issuers = try CredentialIssuers(store: store, learner: context.learner)
            console.write(CredentialLog.csv(try store.credentialLog(learner: context.learner), issuers: issuers, now: now))
            return
        }
        let table = CredentialTable(console: console, now: now)
        if try !table.write(from: context.store(), learner: context.learner) {
            console.line("No credentials yet for \(TerminalText.quoted(context.learner)). Pass an exam ('attest packs' "
                + "lists them) to earn one.")
        }
    }
}

/// The credential log as JSON or CSV, for `creds list` and `creds export --all`.
enum CredentialLog {
    static func json(_ awards: [CredentialAward], issuers: CredentialIssuers, now: Date) throws -> String {
        /// The award's own fields with its status and issuer beside them, in one flat object.
        struct Entry: Encodable {
            var award: CredentialAward
            var status: CredentialStatus
            var issuer: CredentialIssuers.Issuer

            enum Keys: String, CodingKey { case status, issuer }
            enum IssuerKeys: String, CodingKey { case trust, did, name, trustListName }

            func encode(to encoder: any Encoder) throws {
                try award.encode(to: encoder)
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(status, forKey: .status)
                var nested = container.nestedContainer(keyedBy: IssuerKeys.self, forKey: .issuer)
                try nested.encode(CredentialIssuers.describe(issuer).kind, forKey: .trust)
                try nested.encodeIfPresent(issuer.did, forKey: .did)
                try nested.encode(issuer.claimedName, forKey: .name)
                if case let .trusted(name) = issuer.trust { try nested.encode(name, forKey: .trustListName) }
            }
        }
        return try JSONOutput.string(encoding: awards.map {
            Entry(award: $0, status: $0.status(at: now), issuer: issuers.issuer(of: $0.id))
        })
    }

    /// The same entries as `json`, as objects to place inside a larger JSON document (`progress --json`).
    static func objects(_ awards: [CredentialAward], issuers: CredentialIssuers, now: Date) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try json(awards, issuers: issuers, now: now).utf8))
    }

    static let csvHeader = [
        "id", "name", "packId", "packVersion", "credentialId", "learner", "achievementType", "awardedAt", "expiresAt",
        "status", "revokedAt", "revocationReason", "issuerTrust", "issuerDID", "issuerName",
    ]

    static func csv(_ awards: [CredentialAward], issuers: CredentialIssuers, now: Date) -> String {
        csv(awards.map {
            CredentialLogEntry(
                id: $0.id, learner: $0.learner, packID: $0.packID, packVersion: $0.packVersion,
                credentialID: $0.credentialID, name: $0.name, achievementType: $0.achievementType,
                awardedAt: $0.awardedAt, expiresAt: $0.expiresAt, revokedAt: $0.revokedAt,
                revocationReason: $0.revocationReason)
        }, issuers: issuers, now: now)
    }

    static func csv(_ awards: [CredentialLogEntry], issuers: CredentialIssuers, now: Date) -> String {
        let formatter = ISO8601DateFormatter()
        let rows = awards.map { award in
            [
                award.id, award.name, award.packID, award.packVersion, award.credentialID, award.learner,
                award.achievementType, formatter.string(from: award.awardedAt),
                award.expiresAt.map(formatter.string(from:)) ?? "", award.status(at: now).rawValue,
                award.revokedAt.map(formatter.string(from:)) ?? "", award.revocationReason ?? "",
            ] + {
                let issuer = issuers.issuer(of: award.id)
                return [CredentialIssuers.describe(issuer).kind, issuer.did ?? "", issuer.claimedName]
            }()
        }
        return ([csvHeader] + rows).map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// RFC 4180 CSV fields, defused against spreadsheet formula injection and, since CSV is often
/// printed straight to the terminal, against escape sequences (valid packs never contain any).
enum CSV {
    static func field(_ value: String) -> String {
        var text = TerminalText.sanitize(value)
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
