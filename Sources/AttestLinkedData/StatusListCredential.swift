import Foundation

/// The JSON of Bitstring Status List credentials and of the `credentialStatus` entries that point into
/// them (W3C Bitstring Status List v1.0), and the check a verifier runs with a list it holds.
public enum StatusListCredential {
    /// Why a status list entry is revoked or suspended.
    public enum Purpose: String, Sendable, CaseIterable {
        case revocation, suspension
    }

    /// What a status check found.
    public enum Status: Equatable, Sendable {
        case clear
        case set(Purpose)
    }

    /// A problem with a credential's status entry or the list given to check it.
    public struct Mismatch: Error, Equatable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The unsigned `BitstringStatusListCredential` publishing `list` at `url`.
    public static func unsigned(
        list: BitstringStatusList, url: String, issuer: String, validFrom: Date, purpose: Purpose = .revocation
    ) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return .object([
            "@context": .array([.string("https://www.w3.org/ns/credentials/v2")]),
            "id": .string(url),
            "type": .array([.string("VerifiableCredential"), .string("BitstringStatusListCredential")]),
            "issuer": .string(issuer),
            "validFrom": .string(formatter.string(from: validFrom)),
            "credentialSubject": .object([
                "id": .string(url + "#list"),
                "type": .string("BitstringStatusList"),
                "statusPurpose": .string(purpose.rawValue),
                "encodedList": .string(list.encodedList),
            ]),
        ])
    }

    /// The `credentialStatus` entry for the credential at `index` of the list hosted at `url`.
    public static func entry(url: String, index: Int, purpose: Purpose = .revocation) -> JSONValue {
        .object([
            "id": .string("\(url)#\(index)"),
            "type": .string("BitstringStatusListEntry"),
            "statusPurpose": .string(purpose.rawValue),
            "statusListIndex": .string(String(index)),
            "statusListCredential": .string(url),
        ])
    }

    /// Checks `credential`'s status entries that point at `listCredential` (whose proof the caller verifies).
    public static func check(credential: JSONValue, against listCredential: JSONValue) throws -> Status {
        guard let listURL = listCredential["id"]?.stringValue,
              let subject = listCredential["credentialSubject"],
              subject["type"] == .string("BitstringStatusList"),
              let encoded = subject["encodedList"]?.stringValue,
              let listPurpose = subject["statusPurpose"]?.stringValue.flatMap(Purpose.init(rawValue:)) else {
            throw Mismatch(reason: "the status list file is not a BitstringStatusListCredential")
        }
        let entries = (credential["credentialStatus"]?.asArray ?? []).filter {
            $0["type"] == .string("BitstringStatusListEntry") && $0["statusListCredential"]?.stringValue == listURL
        }
        guard !entries.isEmpty else {
            throw Mismatch(reason: "the credential has no BitstringStatusListEntry pointing at \(listURL)")
        }
        let list = try BitstringStatusList(encodedList: encoded)
        for entry in entries where entry["statusPurpose"]?.stringValue == listPurpose.rawValue {
            guard let text = entry["statusListIndex"]?.stringValue, let index = Int(text) else {
                throw Mismatch(reason: "statusListIndex must be a decimal string")
            }
            if try list.isSet(index) { return .set(listPurpose) }
        }
        return .clear
    }

    /// The issuer id of a credential (`issuer` as a string or as an object with an `id`).
    public static func issuerID(of credential: JSONValue) -> String? {
        credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue
    }

    /// Checks `credential` against a status list credential a verifier holds, trusting nothing in the list
    /// it has not checked: the list's own eddsa-rdfc-2022 proof, made with a key of the list's issuer, that
    /// issuer being the credential's, and the list being valid `now`; then the credential's bit.
    public static func verifiedStatus(credential: JSONValue, listCredential: JSONValue, now: Date) throws -> Status {
        guard let listIssuer = issuerID(of: listCredential) else {
            throw Mismatch(reason: "the status list names no issuer")
        }
        let method: String
        do {
            method = try EddsaRdfc2022().verify(listCredential) { id in
                try? DIDWeb.embeddedKey(verificationMethod: id)?.signingKey
            }
        } catch {
            throw Mismatch(reason: "the status list's own proof does not verify: \(error)")
        }
        guard method.split(separator: "#", maxSplits: 1).first.map(String.init) == listIssuer else {
            throw Mismatch(reason: "the status list is signed by \(method), not by its issuer \(listIssuer)")
        }
        guard let issuer = issuerID(of: credential), issuer == listIssuer else {
            throw Mismatch(reason: "the status list was issued by \(listIssuer), not by the credential's issuer")
        }
        let formatter = ISO8601DateFormatter()
        if let until = listCredential["validUntil"]?.stringValue.flatMap(formatter.date(from:)), now >= until {
            throw Mismatch(reason: "the status list expired on \(formatter.string(from: until)); fetch the current one")
        }
        return try check(credential: credential, against: listCredential)
    }
}
