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
            throw ValidationError("'\(email)' does not look like an email address.")
        }
        if let did, !did.isEmpty, !(did.hasPrefix("did:") && did.split(separator: ":").count >= 3 && !did.contains(" ")) {
            throw ValidationError("'\(did)' is not a DID (did:METHOD:IDENTIFIER).")
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
        console.line(console.styled("learner  ", .dim) + console.safe(record.name))
        console.line(console.styled("email    ", .dim) + console.safe(record.email ?? "(none)"))
        console.line(console.styled("did      ", .dim) + console.safe(record.did ?? "(none)"))
        console.line(console.styled("since    ", .dim) + DateText.minute(record.createdAt))
        console.line(console.styled("store    ", .dim) + console.safe(context.storePath))
    }
}
