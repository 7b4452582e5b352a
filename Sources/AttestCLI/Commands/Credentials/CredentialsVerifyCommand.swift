import ArgumentParser
import AttestCore
import AttestCredentials
import Foundation

/// `creds verify FILE`: checks a credential someone shows you, in any exported form.
struct CredentialsVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a credential file (JWT, JSON, Data Integrity JSON, PNG or SVG): signature, structure, dates, revocation.",
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
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ValidationError("Cannot read '\(file)': no such file, or not readable.")
            }
            data = contents
        }
        let store = try? context.store()
        let revocationCheck = { (id: String) -> RevocationLookup in
            guard let award = try? store?.credential(id) else { return .unknown }
            return RevocationLookup(award: award)
        }
        if let linkedData = LinkedDataCredentialCheck(data: data, revocationCheck: revocationCheck, now: context.clock.now()) {
            try linkedData.print(to: context.console, json: json)
            if !linkedData.isValid { throw ExitCode(1) }
            return
        }
        let report = CredentialVerifier.verify(data: data, revocationCheck: revocationCheck, now: context.clock.now())
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
