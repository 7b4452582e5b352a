import AttestCredentials
import AttestLinkedData
import Foundation

/// Where `creds verify` gets an issuer's signed status list: a file, an http(s) URL, or the URL the credential
/// itself names (`--fetch-status`). Fetching goes through `attest-registry http` like every other request, so
/// `attest` loads no HTTP client; the list is signed, so what matters is its proof, not the transport.
/// Fetching is opt-in: asking an issuer for its list tells it someone is checking.
enum StatusListSource {
    /// The status list JSON from `location` (a path, or an http:// or https:// URL).
    static func read(_ location: String, context: AppContext) throws -> JSONValue {
        let contents: Data
        if isURL(location) {
            contents = try fetch(location, context: context)
        } else {
            let size = (try? FileManager.default.attributesOfItem(atPath: location))?[.size] as? Int ?? 0
            if size > CredentialVerifier.maximumInputSize {
                throw CommandFailure("\(CommandFailure.quote(location)) is too large to be a status list.")
            }
            guard let read = FileManager.default.contents(atPath: location) else {
                throw CommandFailure("Cannot read the status list \(CommandFailure.quote(location)): no such file, or not readable.")
            }
            contents = read
        }
        do {
            return try JSONValue.parse(contents)
        } catch {
            throw CommandFailure("The status list \(CommandFailure.quote(location)) is not JSON: \(error)")
        }
    }

    /// The status list URL `credential` names in its `credentialStatus` (a Data Integrity JSON credential, or a
    /// VC-JWT in any exported form), or nil when it names none.
    static func publishedURL(in credential: Data) -> String? {
        var document = try? JSONValue.parse(credential)
        if document?["credentialStatus"] == nil, let (_, jws) = try? CredentialVerifier.extract(credential) {
            let parts = jws.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 3, let payload = Base64URL.decode(parts[1]) {
                let claims = try? JSONValue.parse(payload)
                document = claims?["credentialStatus"] == nil ? claims?["vc"] : claims
            }
        }
        return document?["credentialStatus"]?.asArray.compactMap { $0["statusListCredential"]?.stringValue }.first
    }

    static func isURL(_ location: String) -> Bool {
        location.hasPrefix("https://") || location.hasPrefix("http://")
    }

    private static func fetch(_ url: String, context: AppContext) throws -> Data {
        let answer: (status: Int, body: String)
        do {
            answer = try RegistryTransport(environment: context.environment)
                .send("GET", url, accept: "application/vc+ld+json, application/ld+json, application/json")
        } catch let unreachable as RegistryTransport.Unreachable {
            throw CommandFailure("Cannot fetch the status list at \(CommandFailure.quote(url)): \(unreachable.description). "
                + "Download it another way and give the file with --status-list FILE.")
        }
        guard answer.status == 200 else {
            throw CommandFailure("The status list at \(CommandFailure.quote(url)) could not be fetched: HTTP \(answer.status).")
        }
        let body = Data(answer.body.utf8)
        if body.count > CredentialVerifier.maximumInputSize {
            throw CommandFailure("The answer from \(CommandFailure.quote(url)) is too large to be a status list.")
        }
        return body
    }
}
