import ArgumentParser
import AttestCore
import AttestCredentials
import Foundation

/// `creds verify FILE`: checks a credential someone shows you, in any exported form.
struct CredentialsVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a credential file (JWT, JSON, PNG or SVG): signature, structure, dates, revocation.",
        discussion: "Exit status 0 when it is valid, 1 when any check fails. Revocation is checked against this store."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The credential file, or - for standard input.", valueName: "file"),
              completion: .file())
    var file: String

    @Flag(help: "Print the report as JSON.")
    var json = false

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
                throw ValidationError("Cannot read '\(TerminalText.quoted(file))': no such file, or not readable.")
            }
            data = contents
        }
        // Revocation is looked up in the store when there is one; verifying never creates one.
        let store = context.existingStore()
        let report = CredentialVerifier.verify(
            data: data,
            revocationCheck: { id in
                guard let award = try? store?.credential(id) else { return .unknown }
                return RevocationLookup(award: award)
            },
            now: context.clock.now())
        let console = context.console
        if json {
            var object: [String: Any] = [
                "valid": report.isValid, "format": report.format?.rawValue ?? "unknown",
                "checks": report.checks.map { ["name": $0.name, "passed": $0.passed, "detail": $0.detail] },
            ]
            if let summary = report.credential {
                object["credential"] = [
                    "id": summary.id as Any, "name": summary.name as Any, "issuer": summary.issuerName as Any,
                    "issuerId": summary.issuerID as Any, "subject": summary.subject as Any,
                    "validFrom": summary.validFrom.map { ISODate.format($0) } as Any,
                    "validUntil": summary.validUntil.map { ISODate.format($0) } as Any,
                ]
            }
            console.line(try JSONOutput.string(object))
        } else {
            for check in report.checks {
                let mark = check.passed ? console.styled("✓", .green) : console.styled("✗", .bold, .red)
                console.line("\(mark) " + DisplayWidth.pad(check.name, to: 11) + console.safe(check.detail))
            }
            if let summary = report.credential, report.isValid {
                console.line(console.styled("VALID", .bold, .green) + ": " + console.safe(summary.name ?? "credential")
                    + " issued by " + console.safe(summary.issuerName ?? summary.issuerID ?? "?")
                    + (summary.subject.map { " to " + console.safe($0) } ?? ""))
            } else {
                console.line(console.styled("NOT VALID", .bold, .red) + ": "
                    + console.safe(report.failure.map { "\($0.name) — \($0.detail)" } ?? "no checks ran"))
            }
        }
        if !report.isValid { throw ExitCode(1) }
    }
}
