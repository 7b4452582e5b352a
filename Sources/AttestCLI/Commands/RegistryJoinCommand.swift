import ArgumentParser
import AttestCredentials
import Foundation

/// `registry join URL`: remember the organisation's registry that `attest submit` sends exams to.
struct RegistryJoinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Join an organisation's registry: later exams can be submitted to it ('attest submit').",
        discussion: """
            The registry's did.json is fetched to check the address and learn the organisation's DID. Joining \
            another registry replaces this one; exams already queued for the old one stay in the outbox.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The registry's address, e.g. https://registry.example.edu.", valueName: "url"))
    var url: String

    func validate() throws {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw ValidationError("The registry's address must be an http:// or https:// URL, not \(url).")
        }
    }

    func run() throws {
        let context = global.context()
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        let transport = try RegistryTransport(environment: context.environment)
        let answer: (status: Int, body: String)
        do {
            answer = try transport.send("GET", base + "/.well-known/did.json", accept: "application/did+json, application/json")
        } catch let unreachable as RegistryTransport.Unreachable {
            throw CommandFailure("Cannot reach the registry at \(CommandFailure.quote(base)): \(unreachable.description). Check the address and try again.")
        }
        guard answer.status == 200, let document = try? CredentialJSON.parse(Data(answer.body.utf8)),
              let did = document["id"]?.stringValue, did.hasPrefix("did:")
        else {
            throw CommandFailure("\(CommandFailure.quote(base)) does not look like an Attest registry (no DID document at /.well-known/did.json, HTTP \(answer.status)).")
        }
        let store = try context.store()
        try store.setSetting(SubmissionOutbox.urlSetting, to: base)
        try store.setSetting(SubmissionOutbox.didSetting, to: did)
        let console = context.console
        console.line("Joined the registry at " + console.safe(base) + ", issuer " + console.safe(UntrustedText.quoted(did)) + ".")
        console.line("After an exam the REPL offers to submit it; or run 'attest submit'. Credentials it issues land in 'attest creds list'.")
        console.line("To trust them in 'creds verify': attest issuer trust add \(console.safe(did)) --name \"ORGANISATION\"")
    }
}
