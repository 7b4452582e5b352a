import AttestCredentials
import AttestLinkedData
import Foundation

/// `creds verify` for a JSON credential carrying an embedded Data Integrity proof (`eddsa-rdfc-2022`):
/// the proof over the RDFC-1.0 canonical form, that the signing key belongs to the issuer, the dates,
/// revocation (from a status list the verifier holds, or this store's log for its own credentials), and who
/// vouches — each check named with its reason, like the VC-JWT report.
struct LinkedDataCredentialCheck {
    struct Check {
        let name: String
        let passed: Bool
        let detail: String
        /// Not checked: shown as such (never as a ✓), and not a failure.
        var unchecked = false
    }

    let checks: [Check]
    let name: String?
    let issuer: String?
    let issuerDID: String?
    /// Who vouches, once the proof verified under the issuer's own key.
    let trust: IssuerTrust?

    var isValid: Bool { checks.allSatisfy(\.passed) }

    /// 0 valid and vouched for (this store's key or the trust list), 3 valid but the issuer is unknown, 1 not valid.
    var exitCode: Int32 {
        guard isValid else { return 1 }
        return trust == .unknown || trust == nil ? 3 : 0
    }

    /// Nil when `data` is not a JSON object whose `proof` is a `DataIntegrityProof` (the VC-JWT path applies then).
    /// `statusList` is a BitstringStatusListCredential the verifier holds (`--status-list`), checked offline.
    init?(
        data: Data, revocationCheck: (_ issuer: String, _ id: String) -> RevocationLookup,
        trust: (_ issuer: String, _ key: AttestLinkedData.DIDKey) -> IssuerTrust, statusList: JSONValue? = nil, now: Date
    ) {
        guard let document = try? JSONValue.parse(data), document["proof"]?["type"] == .string("DataIntegrityProof") else {
            return nil
        }
        var checks = [Check(name: "input", passed: true, detail: "JSON credential with a Data Integrity proof")]
        let issuerID = document["issuer"]?.stringValue ?? document["issuer"]?["id"]?.stringValue
        name = document["name"]?.stringValue ?? document["credentialSubject"]?["achievement"]?["name"]?.stringValue
        issuer = document["issuer"]?["name"]?.stringValue ?? issuerID
        issuerDID = issuerID
        var vouching: IssuerTrust?
        do {
            let method = try EddsaRdfc2022().verify(document) { id in
                try? DIDWeb.embeddedKey(verificationMethod: id)?.signingKey
            }
            checks.append(Check(name: "signature", passed: true, detail: "eddsa-rdfc-2022 proof by \(method)"))
            let controller = method.split(separator: "#", maxSplits: 1).first.map(String.init)
            if let issuerID, controller == issuerID, let key = DIDKey(did: method) ?? DIDWeb.embeddedKey(verificationMethod: method) {
                checks.append(Check(name: "issuer", passed: true, detail: "the signing key is the issuer's own (\(issuerID))"))
                vouching = trust(issuerID, key)
            } else {
                checks.append(Check(
                    name: "issuer", passed: false,
                    detail: "the proof's key belongs to \(controller ?? "?"), not the issuer \(issuerID ?? "(none)")"))
            }
        } catch {
            checks.append(Check(name: "signature", passed: false, detail: "\(error)"))
        }
        let validFrom = document["validFrom"]?.stringValue.flatMap(ISODate.parse)
        let validUntil = document["validUntil"]?.stringValue.flatMap(ISODate.parse)
        if let validFrom, now < validFrom {
            checks.append(Check(name: "validity", passed: false, detail: "not yet valid: valid from \(ISODate.format(validFrom))"))
        } else if let validUntil, now >= validUntil {
            checks.append(Check(name: "validity", passed: false, detail: "expired on \(ISODate.format(validUntil))"))
        } else if validFrom == nil {
            checks.append(Check(name: "validity", passed: false, detail: "the credential has no valid validFrom date"))
        } else {
            checks.append(Check(name: "validity", passed: true, detail: validUntil.map { "valid until \(ISODate.format($0))" } ?? "does not expire"))
        }
        if let statusList {
            checks.append(Self.statusCheck(document, statusList: statusList, now: now))
        }
        let id = document["id"]?.stringValue
        let revocation = id.flatMap { id in issuerID.map { revocationCheck($0, id) } } ?? .unknown
        switch revocation {
        case .unknown where statusList != nil:
            break
        case .unknown:
            let published = document["credentialStatus"]?.asArray.compactMap { $0["statusListCredential"]?.stringValue }.first
            checks.append(Check(
                name: "revocation", passed: true,
                detail: "not checked (no status list given" + (published.map {
                    "; its issuer publishes one at \($0): add --fetch-status, or --status-list FILE with a copy)"
                } ?? ")"), unchecked: true))
        case .absentFromLog:
            checks.append(Check(
                name: "revocation", passed: false,
                detail: "signed with this store's own key but not in its credential log: no award of this store made it"))
        case .notRevoked:
            checks.append(Check(name: "revocation", passed: true, detail: "not revoked"))
        case let .revoked(at, reason):
            checks.append(Check(name: "revocation", passed: false, detail: "revoked on \(ISODate.format(at))" + (reason.map { ": \($0)" } ?? "")))
        }
        self.checks = checks
        self.trust = vouching
    }

    /// The revocation check against a status list the verifier holds: the list's own proof and issuer first.
    /// `creds verify` runs it on VC-JWT payloads too.
    static func statusCheck(_ document: JSONValue, statusList: JSONValue, now: Date) -> Check {
        let url = statusList["id"]?.stringValue ?? "?"
        do {
            switch try StatusListCredential.verifiedStatus(credential: document, listCredential: statusList, now: now) {
            case .clear:
                return Check(name: "revocation", passed: true, detail: "not revoked (the issuer's signed status list \(url), "
                    + "published \(statusList["validFrom"]?.stringValue ?? "?"))")
            case .set(let purpose):
                return Check(name: "revocation", passed: false, detail: (purpose == .revocation ? "revoked" : "suspended")
                    + ": its entry is set in the issuer's signed status list \(url)")
            }
        } catch {
            return Check(name: "revocation", passed: false, detail: "the status list cannot vouch for it: \(error)")
        }
    }

    /// Prints the report as `creds verify` does (or as JSON).
    func print(to console: Console, json: Bool) throws {
        if json {
            var vouchedBy: Any = NSNull()
            switch trust {
            case .ownKey: vouchedBy = "this store's self-assessment key"
            case let .trusted(name): vouchedBy = name
            case .unknown, nil: break
            }
            let object: [String: Any] = [
                "valid": isValid, "trusted": exitCode == 0, "vouchedBy": vouchedBy, "issuerDid": issuerDID as Any,
                "format": "Data Integrity (eddsa-rdfc-2022)",
                "checks": checks.map {
                    ["name": $0.name, "passed": $0.passed, "outcome": $0.unchecked ? "unchecked" : $0.passed ? "passed" : "failed",
                     "detail": $0.detail]
                },
                "credential": ["name": name as Any, "issuer": issuer as Any],
            ]
            console.line(try JSONOutput.string(object))
            return
        }
        for check in checks {
            let mark = check.unchecked ? console.styled("?", .yellow)
                : check.passed ? console.styled("✓", .green) : console.styled("✗", .bold, .red)
            console.line("\(mark) " + DisplayWidth.pad(check.name, to: 11) + console.safe(check.detail))
        }
        let quote = { (text: String?) in console.safe(UntrustedText.quoted(text ?? "?")) }
        if isValid {
            switch trust {
            case .ownKey:
                console.line(console.styled("VALID", .bold, .green) + " — SELF-ASSESSED: \(quote(name)), signed by this "
                    + "store's own Ed25519 key \(quote(issuerDID)). No organisation vouches for it.")
            case let .trusted(trustedName):
                console.line(console.styled("VALID", .bold, .green) + ": \(quote(name)), issued by \(quote(trustedName)), "
                    + "a trusted issuer on your trust list, \(quote(issuerDID)).")
            case .unknown, nil:
                console.line(console.styled("SIGNATURE VALID, UNKNOWN ISSUER", .bold, .yellow) + ": \(quote(name)), signed by "
                    + "\(quote(issuerDID)). It calls its issuer \(quote(issuer)), which is only the credential's own claim.")
            }
        } else if let failure = checks.first(where: { !$0.passed }) {
            console.line(console.styled("NOT VALID", .bold, .red) + ": " + console.safe("\(failure.name) — \(failure.detail)"))
        }
    }
}
