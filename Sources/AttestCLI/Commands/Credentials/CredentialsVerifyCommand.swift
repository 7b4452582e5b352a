import ArgumentParser
import AttestCore
import AttestCredentials
import AttestLinkedData
import Foundation

/// `creds verify FILE`: checks a credential someone shows you, in any exported form, and says who vouches for it.
struct CredentialsVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a credential file (JWT, JSON, Data Integrity JSON, PNG or SVG): signature, structure, dates, revocation, who vouches.",
        discussion: """
            Exit status 0 when it is valid and its issuer is this store's own key or on your trust list \
            ('issuer trust add'); 3 when it is valid but nobody you trust vouches for its issuer; 1 when a check fails \
            — a revoked credential included. Revocation of an issued credential is checked against the issuer's \
            signed status list: a file or URL given with --status-list, or, with --fetch-status, the list at the URL \
            the credential names (its statusListCredential); without either it is reported as not checked. Fetching \
            is never done unless asked: it tells the issuer someone is checking.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The credential file, or - for standard input.", valueName: "file"),
              completion: .file())
    var file: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: ArgumentHelp(
        "The issuer's signed status list (a BitstringStatusListCredential) to check revocation against: a file, or an http(s) URL to fetch it from.",
        valueName: "file-or-url"), completion: .file())
    var statusList: String?

    @Flag(name: .customLong("fetch-status"), help: "Fetch the status list from the URL the credential names and check revocation against it.")
    var fetchStatus = false

    func validate() throws {
        if fetchStatus && statusList != nil { throw ValidationError("Give one of --status-list and --fetch-status.") }
    }

    func run() throws {
        let context = global.context()
        let data: Data
        let limit = CredentialVerifier.maximumInputSize
        let tooLarge = "is larger than \(limit / 1_048_576) MB, the most a credential file may be; it is not a credential Attest made."
        if file == "-" {
            data = FileHandle.standardInput.readData(ofLength: limit + 1)
            if data.count > limit { throw ValidationError("Standard input " + tooLarge) }
        } else {
            let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int ?? 0
            if size > limit { throw ValidationError("'\(TerminalText.quoted(file))' " + tooLarge) }
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw CommandFailure("Cannot read \(CommandFailure.quote(file)): no such file, or not readable.")
            }
            data = contents
        }
        // Revocation and trust are looked up in the store when there is one; verifying never creates one.
        let trustList = try TrustList(store: context.existingStore())
        let statusList = try readStatusList(credential: data, context: context)
        let now = context.clock.now()
        if let linkedData = LinkedDataCredentialCheck(
            data: data, revocationCheck: trustList.revocation, trust: trustList.trust(issuer:key:),
            statusList: statusList, now: now)
        {
            try linkedData.print(to: context.console, json: json)
            if linkedData.exitCode != 0 { throw ExitCode(linkedData.exitCode) }
            return
        }
        let report = CredentialVerifier.verify(
            data: data, revocationCheck: trustList.revocation, now: now, trust: trustList.trust,
            statusListCheck: statusList.map { list in
                { payload in
                    let document = (try? AttestLinkedData.JSONValue.parse(payload.data)) ?? .null
                    let check = LinkedDataCredentialCheck.statusCheck(document, statusList: list, now: now)
                    return (check.passed, check.detail)
                }
            })
        // The picture around a baked credential is not signed: its words are checked apart (see BadgePictureCheck).
        let picture = BadgePictureCheck.check(data, format: report.format, credential: report.credential)
        if json {
            context.console.line(try JSONOutput.string(jsonObject(report, picture: picture)))
        } else {
            print(report, picture: picture, console: context.console)
        }
        let status = picture?.passed == false ? 1 : report.verdict.exitCode
        if status != 0 { throw ExitCode(status) }
    }

    /// The status list to check against (`--status-list`, or the one `credential` names with `--fetch-status`), or nil.
    private func readStatusList(credential: Data, context: AppContext) throws -> AttestLinkedData.JSONValue? {
        if fetchStatus {
            guard let url = StatusListSource.publishedURL(in: credential) else {
                throw CommandFailure("This credential names no status list (it has no credentialStatus): there is nothing to fetch.")
            }
            guard StatusListSource.isURL(url) else {
                throw CommandFailure("The status list this credential names, \(CommandFailure.quote(url)), is not an http(s) URL.")
            }
            return try StatusListSource.read(url, context: context)
        }
        return try statusList.map { try StatusListSource.read($0, context: context) }
    }

    private func jsonObject(_ report: VerificationReport, picture: BadgePictureCheck.Result?) -> [String: Any] {
        var object: [String: Any] = [
            "valid": report.isValid && picture?.passed != false, "trusted": report.verdict == .trusted, "format": report.format?.rawValue ?? "unknown",
            "checks": report.checks.map {
                ["name": $0.name, "passed": $0.passed, "outcome": $0.outcome.rawValue, "detail": $0.detail]
            },
        ]
        if let did = report.issuerDID { object["issuerDid"] = did }
        if let key = report.key { object["keyFingerprint"] = key.fingerprint }
        switch report.trust {
        case .ownKey: object["vouchedBy"] = "this store's self-assessment key"
        case let .trusted(name): object["vouchedBy"] = name
        case .unknown, nil: object["vouchedBy"] = NSNull()
        }
        if let summary = report.credential {
            object["credential"] = [
                "id": summary.id as Any, "name": summary.name as Any, "issuer": summary.issuerName as Any,
                "issuerId": summary.issuerID as Any, "issuerKind": summary.issuerKind.rawValue, "subject": summary.subject as Any,
                "validFrom": summary.validFrom.map { ISODate.format($0) } as Any,
                "validUntil": summary.validUntil.map { ISODate.format($0) } as Any,
            ]
        }
        if let picture { object["picture"] = ["passed": picture.passed, "detail": picture.detail] }
        return object
    }

    /// Every check, then one conclusion naming who vouches. Every value from the credential is quoted and escaped.
    private func print(_ report: VerificationReport, picture: BadgePictureCheck.Result?, console: Console) {
        for check in report.checks {
            let mark = switch check.outcome {
            case .passed: console.styled("✓", .green)
            case .failed: console.styled("✗", .bold, .red)
            case .unchecked: console.styled("?", .yellow)
            }
            console.line("\(mark) " + DisplayWidth.pad(check.name, to: 11) + console.safe(check.detail))
        }
        if let picture {
            let mark = picture.passed ? console.styled("✓", .green) : console.styled("✗", .bold, .red)
            console.line("\(mark) " + DisplayWidth.pad("picture", to: 11) + picture.detail)
        }
        guard let summary = report.credential, report.isValid, picture?.passed != false else {
            console.line(console.styled("NOT VALID", .bold, .red) + ": "
                + console.safe(report.failure.map { "\($0.name) — \($0.detail)" }
                    ?? picture.map { "picture — \($0.detail)" } ?? "no checks ran"))
            return
        }
        let quote = { (text: String?) in console.safe(UntrustedText.quoted(text ?? "?")) }
        let what = quote(summary.name ?? summary.achievementName) + (summary.subject.map { " for " + quote($0) } ?? "")
        let did = quote(report.issuerDID) + " (key " + (report.key?.fingerprint ?? "?") + ")"
        switch report.trust {
        case .ownKey:
            console.line(console.styled("VALID", .bold, .green) + " — SELF-ASSESSED: \(what), signed by this store's own key "
                + "\(did). No organisation vouches for it.")
        case let .trusted(name):
            console.line(console.styled("VALID", .bold, .green) + ": \(what), issued by \(quote(name)), "
                + "a trusted issuer on your trust list, \(did).")
        case .unknown, nil:
            console.line(console.styled("SIGNATURE VALID, UNKNOWN ISSUER", .bold, .yellow) + ": \(what), signed by \(did). "
                + "It calls its issuer \(quote(summary.issuerName)), which is only the credential's own claim.")
            console.line("If you know this issuer, add it: attest issuer trust add \(console.safe(report.issuerDID ?? "DID")) --name NAME")
        }
        if summary.issuerKind == .selfAssessed, report.trust != .ownKey {
            console.line("It says it is self-assessed: the learner's own store signed it after an unproctored exam.")
        }
    }
}
