import AttestTestSupport
import Crypto
import Foundation
import Testing
@testable import AttestLinkedData

/// The self-contained verification page: nothing it loads comes from the network, and headless Chromium
/// (Debian's `chromium`) runs its Web Crypto check — the genuine page says valid, one changed byte of the
/// credential says not valid. Skips the browser part, saying so, when chromium is not installed.
@Suite struct VerificationPageTests {
    static func base64url(_ data: Data) -> String {
        String(Multibase.base64url(data).dropFirst())
    }

    /// An ES256 VC-JWT signed by a fresh did:jwk key, shaped as Attest exports them.
    static func jws() throws -> String {
        let key = P256.Signing.PrivateKey()
        let point = key.publicKey.x963Representation
        let jwk = JSONValue.object([
            "crv": .string("P-256"), "kty": .string("EC"),
            "x": .string(base64url(point[1..<33])), "y": .string(base64url(point[33..<65])),
        ])
        let did = "did:jwk:" + base64url(Data(jwk.canonicalText.utf8))
        let header = JSONValue.object(["alg": .string("ES256"), "typ": .string("JWT"), "kid": .string(did + "#0")])
        let payload = JSONValue.object([
            "iss": .string(did), "name": .string("Data Analytics Foundations"), "validFrom": .string("2024-01-01T00:00:00Z"),
            "issuer": .object(["id": .string(did), "name": .string("Ada <script>alert(1)</script>")]),
            "credentialSubject": .object(["achievement": .object(["name": .string("Foundations")])]),
        ])
        let input = base64url(Data(header.canonicalText.utf8)) + "." + base64url(Data(payload.canonicalText.utf8))
        let signature = try key.signature(for: Data(input.utf8)).rawRepresentation
        return input + "." + base64url(signature)
    }

    @Test func thePageIsSelfContained() throws {
        let jws = try Self.jws()
        let page = try VerificationPage.html(jws: jws, title: "A <b>title</b>")
        #expect(page.contains(jws))
        #expect(page.contains("default-src 'none'"))
        #expect(page.contains("A &lt;b&gt;title&lt;/b&gt;"))
        #expect(!page.contains("src=") && !page.contains("href="))
        #expect(throws: VerificationPage.NotACompactJWS()) { try VerificationPage.html(jws: "a.b</script>.c") }
    }

    /// The text of the status heading once Chromium has run the page's script.
    static func status(of page: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else { return nil }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("attest-page-\(UUID().uuidString).html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--virtual-time-budget=10000",
            "--dump-dom", file.absoluteString,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let start = dom.range(of: "id=\"status\""), let end = dom.range(of: "</h1>", range: start.upperBound..<dom.endIndex) else {
            return dom
        }
        return String(dom[start.lowerBound..<end.lowerBound])
    }

    @Test func chromiumSaysValidAndNotValidOnceOneByteChanges() throws {
        let jws = try Self.jws()
        guard let genuine = try Self.status(of: VerificationPage.html(jws: jws)) else {
            print("SKIP VerificationPage: /usr/bin/chromium is not installed")
            return
        }
        #expect(genuine.contains("class=\"valid\"") && genuine.contains("Valid: Data Analytics Foundations"), "\(genuine)")
        #expect(genuine.contains("&lt;script&gt;"), "the issuer name is shown as text, never as markup")
        var bytes = Array(jws.utf8)
        let middle = bytes[bytes.count / 2] == UInt8(ascii: ".") ? bytes.count / 2 + 1 : bytes.count / 2
        bytes[middle] = bytes[middle] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let tampered = try #require(try Self.status(of: VerificationPage.html(jws: String(decoding: bytes, as: UTF8.self))))
        #expect(tampered.contains("class=\"invalid\"") && tampered.contains("Not valid"), "\(tampered)")
    }
}
