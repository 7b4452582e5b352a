import ArgumentParser
import AttestCore
import Foundation

/// `learner`: the identity that appears in this learner's exported credentials.
struct LearnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learner",
        abstract: "Show or set the learner's email or DID (they identify you in exported credentials).",
        discussion: """
            The email is never written into a credential as such: exports carry a salted SHA-256 hash of it, \
            which a verifier can match against the address you give them. Use --learner NAME or ATTEST_LEARNER \
            to keep several people's records apart on one machine.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Record this email address (an empty string removes it).")
    var email: String?

    @Option(help: "Record this DID, e.g. did:key:... (an empty string removes it).")
    var did: String?

    func validate() throws {
        if let email, !email.isEmpty, !(email.contains("@") && !email.contains(" ") && email.count <= 254) {
            throw ValidationError("\(CommandFailure.quote(email)) does not look like an email address.")
        }
        if let did, !did.isEmpty, !LearnerCommand.isDID(did) {
            throw ValidationError("\(CommandFailure.quote(did)) is not a DID: did:METHOD:IDENTIFIER, e.g. did:key:z6Mk… "
                + "(a lowercase method, then letters, digits and . - _ : % only).")
        }
    }

    func run() throws {
        let context = global.context()
        let store = try context.store()
        var record = try store.ensureLearner(context.learner, at: context.clock.now())
        if email != nil || did != nil {
            let newEmail = email.map { $0.isEmpty ? nil : $0 } ?? record.email
            let newDID = did.map { $0.isEmpty ? nil : $0 } ?? record.did
            try store.updateLearner(context.learner, email: newEmail, did: newDID)
            record = try store.learner(context.learner) ?? record
        }
        let console = context.console
        if let email {
            console.line(email.isEmpty ? "Email removed." : "Email set to " + console.safe(email)
                + "; exported credentials carry a salted hash of it.")
        }
        if let did { console.line(did.isEmpty ? "DID removed." : "DID set to " + console.safe(did) + ".") }
        console.line(console.styled("learner  ", .dim) + console.safe(record.name))
        console.line(console.styled("email    ", .dim) + console.safe(record.email ?? "(none)"))
        console.line(console.styled("did      ", .dim) + console.safe(record.did ?? "(none)"))
        console.line(console.styled("since    ", .dim) + DateText.minute(record.createdAt))
        console.line(console.styled("store    ", .dim) + console.safe(context.storePath))
    }

    /// The DID syntax of W3C DID Core §3.1: `did:` method-name `:` method-specific-id, where the method
    /// is lowercase letters and digits and the id is letters, digits, `.`, `-`, `_`, `:` and `%`-escapes.
    static func isDID(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "did", !parts[1].isEmpty, !parts[2].isEmpty, !parts[2].hasSuffix(":"),
              parts[1].unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        else { return false }
        let scalars = Array(parts[2].unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "%" {
                guard index + 2 < scalars.count, scalars[index + 1].properties.isASCIIHexDigit,
                      scalars[index + 2].properties.isASCIIHexDigit else { return false }
                index += 3
                continue
            }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_:".unicodeScalars.contains(scalar)
            else { return false }
            index += 1
        }
        return true
    }
}
