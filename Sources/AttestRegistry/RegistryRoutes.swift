import AttestCredentials
import AttestLinkedData
import Foundation
import Hummingbird

/// The registry's HTTP endpoints. Nothing here lists or searches: a credential is found only by its
/// unguessable id (the holder shares it), a submission answers only with the submitting device's own
/// credentials, and revoking takes an administrator's bearer token.
struct RegistryRoutes: Sendable {
    let submissions: SubmissionDesk
    let clock: @Sendable () -> Date
    let deadline: RequestDeadline

    var database: RegistryDatabase { submissions.database }
    var desk: IssuingDesk { submissions.desk }

    func add(to router: Router<RegistryRequestContext>) {
        router.post("submissions") { request, context in try await deadline.run { try await submit(request, context) } }
        router.get("credentials/:id") { request, context in try await deadline.run { try await credential(request, context) } }
        router.post("credentials/:id/revoke") { request, context in try await deadline.run { try await revoke(request, context) } }
        router.get("status/:list") { _, context in try await deadline.run { try await statusList(context) } }
        router.get(".well-known/did.json") { _, _ in
            JSONResponse.make(desk.keyring.didDocument.serialized + "\n", type: "application/did+json")
        }
        router.get("health") { _, _ in
            try await deadline.run {
                _ = try await database.tokenLabel(digest: "")
                return JSONResponse.make("{\"status\":\"ok\"}\n")
            }
        }
    }

    private func submit(_ request: Request, _ context: RegistryRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let text = String(buffer: body)
        guard !text.isEmpty else { throw RegistryError.badRequest("send a signed submission ('attest submit') as the body") }
        return JSONResponse.make(try await submissions.receive(text, at: clock()) + "\n")
    }

    /// The credential's page (HTML), or with `Accept: application/json` the credential and its status, or with
    /// `Accept: application/vc+jwt` the signed credential itself.
    private func credential(_ request: Request, _ context: RegistryRequestContext) async throws -> Response {
        let id = try credentialID(context)
        guard let stored = try await database.credential(id: id) else { throw RegistryError.notFound("no credential \(id) here") }
        let accept = request.headers[.accept] ?? ""
        if accept.contains("application/vc+jwt") { return JSONResponse.make(stored.jws + "\n", type: "application/vc+jwt") }
        if accept.contains("application/json") || accept.contains("application/ld+json") {
            let payload = stored.jws.split(separator: ".").dropFirst().first.flatMap { Base64URL.decode(String($0)) } ?? Data()
            let document = CredentialJSON.object([
                "credential": (try? CredentialJSON.parse(payload)) ?? .null, "jwt": .string(stored.jws),
                "status": .string(stored.revokedAt == nil ? "valid" : "revoked"),
                "revokedAt": stored.revokedAt.map { .string(ISODate.format($0)) } ?? .null,
            ])
            return JSONResponse.make(document.serialized + "\n")
        }
        let report = CredentialVerifier.verify(data: Data(stored.jws.utf8), now: clock())
        let notice: String
        if let revoked = stored.revokedAt {
            notice = "Revoked by \(desk.keyring.name) on \(ISODate.format(revoked))."
        } else if report.failure == nil {
            notice = "Valid: issued by \(desk.keyring.name) (\(desk.keyring.did)) and not revoked, checked by the registry at \(ISODate.format(clock()))."
        } else {
            notice = "Not valid: " + (report.failure.map { "\($0.name) — \($0.detail)" } ?? "unknown")
        }
        let jwk = try JSONValue.parse(desk.keyring.publicKey.jwk.data)
        let page = try VerificationPage.html(
            jws: stored.jws, title: stored.name + " — credential verification", publishedKey: (desk.keyring.did, jwk),
            notice: notice)
        var response = JSONResponse.make(page, type: "text/html; charset=utf-8")
        response.headers[.vary] = "Accept"
        return response
    }

    private func revoke(_ request: Request, _ context: RegistryRequestContext) async throws -> Response {
        let authorization = request.headers[.authorization] ?? ""
        guard authorization.hasPrefix("Bearer "),
              let label = try await database.tokenLabel(digest: AdminToken.digest(String(authorization.dropFirst(7))))
        else {
            var response = JSONResponse.error(.unauthorized("an administrator token is required ('attest registry token create')"))
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        let id = try credentialID(context)
        let body = try await request.body.collect(upTo: 16 * 1024)
        let reason = (try? CredentialJSON.parse(Data(String(buffer: body).utf8)))?["reason"]?.stringValue ?? "revoked by the issuer"
        guard let stored = try await database.revoke(id: id, reason: reason, actor: "token \(label)", at: clock()) else {
            throw RegistryError.notFound("no credential \(id) here")
        }
        let document = CredentialJSON.object([
            "id": .string(stored.id), "status": .string("revoked"),
            "revokedAt": stored.revokedAt.map { .string(ISODate.format($0)) } ?? .null,
            "reason": .string(stored.revocationReason ?? reason),
        ])
        return JSONResponse.make(document.serialized + "\n")
    }

    private func statusList(_ context: RegistryRequestContext) async throws -> Response {
        let list = context.parameters.get("list") ?? ""
        guard list == submissions.statusList else { throw RegistryError.notFound("no status list \(list) here") }
        let revoked = try await database.revokedIndexes(list: list)
        let signed = try desk.signedStatusList(url: submissions.statusListURL, revoked: revoked, at: clock())
        return JSONResponse.make(signed.body + "\n", type: signed.type)
    }

    /// The `urn:uuid:` credential id from the path (the bare UUID is accepted too).
    private func credentialID(_ context: RegistryRequestContext) throws -> String {
        let raw = (context.parameters.get("id") ?? "").removingPercentEncoding ?? ""
        let uuid = raw.hasPrefix("urn:uuid:") ? String(raw.dropFirst(9)) : raw
        guard let parsed = UUID(uuidString: uuid) else { throw RegistryError.notFound("no credential \(raw) here") }
        return "urn:uuid:" + parsed.uuidString.lowercased()
    }
}
