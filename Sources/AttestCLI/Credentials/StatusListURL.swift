import Foundation

/// The URL an issuer hosts its Bitstring Status List at, which every credential it signs points to in its
/// `credentialStatus`: checked to be an https URL a wallet can fetch, and kept as this store's setting.
enum StatusListURL {
    /// The store setting holding the self-assessment issuer's status list URL.
    static let settingKey = "statusListURL"

    /// `text` when it is an absolute https URL with a host and no fragment; else a ValidationError saying why.
    static func validated(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed), url.scheme == "https", let host = url.host, !host.isEmpty,
              url.fragment == nil, !trimmed.contains(where: \.isWhitespace)
        else {
            throw StatusListURLError(
                "'\(TerminalText.sanitize(text, keepNewlines: false))' is not an https URL without a #fragment, "
                    + "like https://example.edu/credentials/status.json.")
        }
        return trimmed
    }
}

/// A status list URL that cannot be used, in one line.
struct StatusListURLError: LocalizedError {
    let message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}
