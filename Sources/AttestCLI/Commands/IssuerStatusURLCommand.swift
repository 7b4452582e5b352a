import ArgumentParser
import Foundation

/// `issuer status-url [URL]`: where this store's status list will be hosted, so Data Integrity exports carry
/// a `credentialStatus` wallets and verifiers can check revocation with.
struct IssuerStatusURLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status-url",
        abstract: "Show or set the URL where you host your revocation status list ('creds status-list').",
        discussion: """
            Once set, every credential exported with --format ldp carries a BitstringStatusListEntry pointing at \
            this URL, at an index of its own, assigned at random and never reused. Publish the list with \
            'attest creds status-list --output FILE' and upload FILE to exactly this URL after every revocation. \
            A credential keeps the URL it was first exported with.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("An https URL, e.g. https://example.org/attest/status.json.", valueName: "url"))
    var url: String?

    func validate() throws {
        if let url {
            do { _ = try StatusListURL.validated(url) } catch { throw ValidationError(error.localizedDescription) }
        }
    }

    func run() throws {
        let context = global.context()
        guard let url else {
            let current = try context.existingStore()?.setting(StatusListURL.settingKey)
            context.console.line(current.map { TerminalText.sanitize($0) }
                ?? "No status list URL is set: Data Integrity exports carry no credentialStatus. Set one with 'attest issuer status-url URL'.")
            return
        }
        let valid = try StatusListURL.validated(url)
        try context.store().setSetting(StatusListURL.settingKey, to: valid)
        context.console.line("Status list URL set: \(TerminalText.sanitize(valid)). Data Integrity exports point there from now on; "
            + "publish the list with 'attest creds status-list --output FILE' and host FILE at that URL.")
    }
}
